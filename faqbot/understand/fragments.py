"""Signs told across fragments: "my calf / left one / swollen and red".

A message written in short bursts, one thought per line and no full stops, tells one
sign over several lines, none of which holds all of it. Two or three neighbouring
lines, of each two one a fragment of a few words, are read together as one sentence,
their parts joined by commas, so the sign's parts meet in it and its context (a
negation, a "went away", someone else) is judged there as in any sentence. Only signs
that no single sentence of the window holds whole are looked for in it: a sign a
sentence holds is that sentence's to judge.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..kb.model import SafetyConcept, Sign
from ..records import replace
from .sentence import Sentence, clauses_of

# A sentence of at most this many words is a fragment: it leans on its neighbours.
FRAGMENT_MAX_WORDS = 6
# At most this many sentences are read together.
WINDOW_MAX = 3


def fragment_windows(sentences: list[Sentence]) -> Iterator[tuple[int, list[Sentence]]]:
    """Runs of two or three neighbouring sentences parted by bare line breaks, each pair
    in them with a fragment, with where each starts. (Across a full stop a short
    sentence is a sentence: "Wound's fine." after "found red on my pillow".)"""
    for start in range(len(sentences) - 1):
        window = [sentences[start]]
        for after in sentences[start + 1:start + WINDOW_MAX]:
            if not window[-1].line_end \
                    or min(len(window[-1].tokens), len(after.tokens)) > FRAGMENT_MAX_WORDS:
                break
            window.append(after)
            yield start, list(window)


def joined(window: list[Sentence]) -> Sentence:
    """The window's sentences as one, a comma where each ended; what the last one's
    neighbour says of it (a "no", "it went away") is said of the whole."""
    tokens: list[str] = []
    found: dict[str, list[tuple[int, int]]] = {}
    for sentence in window:
        if tokens:
            tokens.append(",")
        offset = len(tokens)
        tokens.extend(sentence.tokens)
        for group, spans in sentence.found.items():
            found.setdefault(group, []).extend((s + offset, e + offset) for s, e in spans)
    clause, refers_back, hard = clauses_of(tokens, found)
    # The last sentence's flags (what its neighbour says of it) are carried over as a whole.
    return replace(window[-1], tokens=tokens, found=found, clause=clause,
                   refers_back=refers_back, hard=hard)


def split_signs(sentences: list[Sentence],
                signs_by_first: Mapping[str, list[tuple[SafetyConcept, Sign]]],
                ) -> Iterator[tuple[int, Sentence, SafetyConcept, Sign]]:
    """Each window's start, the window read as one sentence, and each (concept, sign)
    whose parts the window holds between its sentences but no one sentence holds whole."""
    for start, window in fragment_windows(sentences):
        groups = set().union(*(s.found for s in window))
        split = [(concept, sign) for group in groups
                 for concept, sign in signs_by_first.get(group, ())
                 if all(p in groups for p in sign.parts)
                 and not any(all(p in s.found for p in sign.parts) for s in window)]
        if split:
            whole = joined(window)
            for concept, sign in split:
                yield start, whole, concept, sign
