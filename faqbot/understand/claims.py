"""Checks of something heard: "my sister said X, is that right?", "is it true that X",
"A website claims you stay a week. Is it right?" each check the claim X.

questions.py finds the question parts of a message; a check's part is its claim, which
the matcher reads without its negation (`affirmed`).
"""

from __future__ import annotations

import re
from functools import partial

from . import text as tx
from .lazy import LazyPattern
from .openers import opens_question
from .openers import words as _words
from .question_patterns import (
    ASK_CUE,
    ASK_WORDS,
    CHECK_WORDS_ANY,
    CLAIM_FIRST,
    CLAIM_LAST,
    HEARSAY,
    HEARSAY_CUE,
)

_Lazy = partial(LazyPattern, globals())

# A part needs this many words to stand on its own ("and why?" does not).
MIN_PART_WORDS = 2


# Any of the words anywhere, even inside another word (as `word in text`), in one pass.
_ASK_ANY = _Lazy("_ASK_ANY", "|".join(map(re.escape, ASK_WORDS)))
_CHECK_ANY = _Lazy("_CHECK_ANY", "|".join(map(re.escape, CHECK_WORDS_ANY)))


def ask_cue(folded: str) -> re.Match[str] | None:
    if not _ASK_ANY.search(folded):
        return None
    return ASK_CUE.search(folded)


def _may_check(folded: str) -> bool:
    """Whether CLAIM_LAST can match anywhere in `folded`."""
    return _CHECK_ANY.search(folded) is not None or (
        "how" in folded and ("is" in folded or "was" in folded or "are" in folded))


def claim_in(sentence: str) -> str | None:
    """The claim a sentence checks, or None when it checks nothing; without the
    conclusion the asker draws from it ("men hardly ever get osteoporosis, so my husband
    can't have that kind of fracture" checks who gets osteoporosis)."""
    claim = _claim_in(sentence)
    return None if claim is None else _without_conclusion(claim)


def _without_conclusion(claim: str) -> str:
    said, so, drawn = claim.partition(", so ")
    return said if so and len(_words(said)) >= MIN_PART_WORDS and drawn else claim


def _claim_in(sentence: str) -> str | None:
    folded = sentence.casefold().replace("\u2019", "'")
    first = CLAIM_FIRST.search(folded)
    if first:
        claim = folded[first.end():]
        if len(_words(claim)) >= MIN_PART_WORDS:
            return claim
    last = CLAIM_LAST.search(folded) if _may_check(folded) else None
    if last and last.start() > 0:
        before = folded[:last.start()]
        said = HEARSAY_CUE.search(before)
        if not said and not folded.rstrip().endswith("?"):
            return None
        if said:
            before = HEARSAY.sub("", before, count=1)
        if len(_words(before)) >= MIN_PART_WORDS:
            return before
    heard = HEARSAY_CUE.search(folded)
    if heard and folded.rstrip().endswith("?"):
        # "I heard they have to break the bone more??": the whole report is the question;
        # not when an ask cue follows ("he said ..., so could you tell me what it is?").
        cue = ask_cue(folded)
        rest = HEARSAY.sub("", folded, count=1)
        if len(_words(rest)) >= MIN_PART_WORDS and not opens_question(folded) \
                and not (cue and cue.start() > heard.start()):
            return rest
    return None


def is_check(text: str) -> bool:
    """Whether the words only ask if something said before is so ("is that true?")."""
    folded = text.casefold().replace("\u2019", "'").strip(" ,")
    found = CLAIM_LAST.match(folded) if _may_check(folded) else None
    return found is not None and found.end() == len(folded)


_NEGATION = _Lazy("_NEGATION", r"\b(?:not|never|no)\b|(?<=[a-z])n['\u2019]t\b", re.IGNORECASE)
_BARE_NEGATIVE = {"cant": "can", "cannot": "can", "wont": "will", "dont": "do", "doesnt": "does",
                  "isnt": "is", "arent": "are", "didnt": "did", "shouldnt": "should", "wouldnt": "would"}


def affirmed(claim: str) -> str:
    """A claim without its negation: "you can't lift for six weeks" checks the same topic
    as "you can lift ...", and the "not" would only match entries about what is not so."""
    words = [_BARE_NEGATIVE.get(w.casefold().replace("'", "").replace("\u2019", ""), w)
             for w in claim.split()]
    return " ".join(_NEGATION.sub("", " ".join(words)).split())


def heard_before(sentence: str, told: list[str]) -> str | None:
    """The claim a short check ("Is it right?", "Should I believe that?", "Which one is
    it?", "Really??") asks about: the nearest of the sentences before that reports what
    someone said, read, or is convinced of, without its hearsay lead; None otherwise."""
    marked = sentence.rstrip().endswith("?")
    # Unmarked, "my mother doesn't want that, is it true always like this": after the comma.
    tail = sentence.rpartition(",")[2]
    if not marked and tail != sentence and opens_question(tail):
        sentence = tail
    words = _words(sentence)
    # "That sounds far-fetched to me, is it right?": an opinion of what was said.
    opinion = words[:1] in (["that"], ["this"], ["it"]) and words[1:2] in (
        ["sounds"], ["seems"], ["looks"], ["sound"], ["seem"])
    # Marked, or unmarked as speech and texting leave it, opening as a question and judging
    # what was said ("who is right", "is that normal for everyone or she was lucky").
    # "is that the rule", "is this how it works": unmarked, pointing back at it.
    judged = not marked and opens_question(sentence) and (
        bool(_JUDGING.intersection(words)) or words[1:2] in (["that"], ["this"]))
    most = CHECK_MAX_WORDS if marked else UNMARKED_CHECK_MAX_WORDS
    if not (marked or judged) or (len(words) > most and not opinion) or not told:
        return None
    if not (_CHECK_WORDS.intersection(words) or is_check(sentence)):
        return None
    for at in range(len(told) - 1, -1, -1):
        folded = told[at].casefold().replace("\u2019", "'")
        if HEARSAY_CUE.search(folded) and not folded.rstrip().endswith("?"):
            claim = HEARSAY.sub("", folded, count=1).strip(" ,?!.")
            if _words(claim)[:1] in (["those"], ["these"], ["they"], ["it"], ["that"]) and at:
                # "... says X but the surgeon said Y. My wife thinks those are different."
                claim = f"{told[at - 1].strip(' .!')}, {claim}"
            return _without_conclusion(claim) if len(_words(claim)) >= MIN_PART_WORDS else None
    return None


# A check reaches back this many sentences ("X said Y. That seems a lot. Is it right?").
CHECK_REACH = 2
CHECK_MAX_WORDS = 7
UNMARKED_CHECK_MAX_WORDS = 9
_JUDGING = frozenset({"true", "right", "correct", "real", "normal", "lucky", "accurate"})
# Words of a short check: what it points back to, or how it judges it.
_CHECK_WORDS = frozenset({
    "that", "this", "it", "she", "he", "they", "true", "false", "really", "right", "normal",
    "correct", "accurate", "believe", "realistic", "so", "which",
})


_CHECKED = frozenset({"she", "he", "they", "that", "this", "it"})


def as_check(sentence: str) -> str:
    """A cue asking only whether what was said is so, as the short check it is: "I should
    be grateful to know whether she is correct." is "is she correct?"."""
    folded = sentence.casefold().replace("\u2019", "'")
    cue = ask_cue(folded)
    rest = _words(folded[cue.end():]) if cue else []
    if 3 <= len(rest) <= 4 and rest[0] in _CHECKED and rest[1] in ("is", "was", "are") \
            and rest[-1] in tx.JUDGEMENTS:
        return f"{rest[1]} {rest[0]} {rest[-1]}?"
    return sentence
