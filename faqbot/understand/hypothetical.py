"""What follows "if", "whether" or "could": told of what may happen, or of what is.
"if my calf swells" may happen; "whether her swollen, hot calf could be from sitting"
asks about a calf that is so; "could my mum end up paralysed" asks what may become of her."""

from __future__ import annotations

from .sentence import Sentence

# Verbs that make what follows "if" / "whether" a happening ("if my calf swells").
_HAPPENING = frozenset({"is", "are", "was", "were", "gets", "get", "got", "goes", "go", "went",
                        "becomes", "become", "turns", "turn", "starts", "start", "swells",
                        "swell", "feels", "feel", "felt", "grew", "came", "ever", "would",
                        "could", "will", "should", "did"})
_OWNERS = frozenset({"my", "her", "his", "their", "our"})


def presupposed(sentence: Sentence, span: tuple[int, int], end: int) -> bool:
    """Whether the sign ending at word `end` after an "if" / "whether" at `span` is named
    as someone's, with no verb in it: "asked me whether her swollen, hot, painful left
    calf ... could be from sitting about" asks about a calf that is so ("if my calf
    swells" does not)."""
    tokens = sentence.tokens
    return tokens[span[1]:span[1] + 1] != [] and tokens[span[1]] in _OWNERS and span[1] < end \
        and not any(t in _HAPPENING or t.endswith("ed") and len(t) > 4 for t in tokens[span[1]:end])


# Modals of what may come: "could", "might" and the rest ("if ..., could I end up ...",
# "could end up paralysed").
MAY_MODALS = frozenset({"could", "would", "will", "might", "may"})


def may_become(sentence: Sentence, start: int, future: list[tuple[int, int]]) -> int | None:
    """The modal of a question of what may become of someone, before word `start` in its
    clause and right before a future cue ("Does that mean my mum could end up paralysed?"),
    or None."""
    clause = sentence.clause
    for n in range(start):
        if sentence.tokens[n] in MAY_MODALS and clause[n] == clause[start] \
                and any(s == n + 1 for s, _ in future):
            return n
    return None
