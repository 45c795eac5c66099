"""Worry and puzzlement told of a sign ("I'm worried about numbness", "we are all a bit
confused"): a state of mind, not a report of the sign."""

from __future__ import annotations

from ..kb.model import CUE_PREFIX
from .sentence import Sentence

# "I'm worried about numbness": a worry about a sign named bare, not a report of it ("worried
# about my numbness", "about the numbness in her legs" name one).
# ("Should I worry about tingling spreading round my belly?" asks about one: the verb is
# not among them.)
_WORRYING = frozenset({"worried", "scared", "afraid", "nervous", "anxious", "concerned",
                       "frightened", "terrified"})


def worried_about(sentence: Sentence, start: int) -> tuple[int, int] | None:
    """The words of a worry ("worried about") right before the sign at word `start`, told
    of the sign bare and with nothing said to be happening, or of the asker's or a
    family's puzzlement ("I am so confused", "the whole family is confused"), or None."""
    tokens = sentence.tokens
    if sentence.found.get(CUE_PREFIX + "recurrence") or sentence.found.get(CUE_PREFIX + "onset"):
        return None
    # "I am so confused since the pills", "... and drowsy today": what happens, told.
    clause = sentence.clause
    if tokens[start] in _PUZZLED_WORDS and "since" not in tokens and not any(
            clause[s] == clause[start] for s, _ in sentence.found.get(CUE_PREFIX + "present", ())):
        for cue_start, cue_end in sentence.found.get(CUE_PREFIX + "puzzled", ()):
            if cue_end <= start and start - cue_end <= PUZZLED_REACH \
                    and all(t in _DEGREE for t in tokens[cue_end:start]):
                return cue_start, cue_end
    if start < 2 or tokens[start - 1] not in ("about", "of") or tokens[start - 2] not in _WORRYING:
        return None
    if sentence.found.get(CUE_PREFIX + "present"):
        return None
    return start - 2, start


# The sign words a puzzled cue ("I am", "we are") makes a state of mind, with at most
# PUZZLED_REACH words of degree between: "I am so confused", "we are all a bit confused".
# "She is confused", "I feel confused" and "I was confused" have no such cue: they count.
_PUZZLED_WORDS = frozenset({"confused"})
PUZZLED_REACH = 2
_DEGREE = frozenset({"so", "a", "bit", "little", "really", "very", "totally", "completely",
                     "just", "all", "quite", "rather", "slightly", "pretty", "super", "too",
                     "still", "even", "more", "getting"})
