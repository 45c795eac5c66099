"""Checks of something heard ("my neighbour swears they leave the balloon inside"): a
statement scores lower against the entries' questions than a question does, so it is
answered a little below the answer threshold when its entry leads clearly."""

from __future__ import annotations

from ..records import replace
from .index import Index
from .ranking import telling_word
from .result import Kind, MatchResult
from .thresholds import Thresholds

# A check of something heard is answered this far below the answer threshold, when its
# entry leads the next by CLAIM_LEAD or more (see claim_checked).
CLAIM_ALLOWANCE = 6.0
CLAIM_LEAD = 6.0
# ...and this much lower again when the leading entry's best phrasing stands whole in the
# claim (see subjects.claims_of_known_subject): a claim says more than any question asks ("she
# grew an inch"), and each word no phrasing uses lowers its score. 6 or more fixed one
# claim of the tuned blind sets (patient_r, clean and with typos) and broke none; 10
# and 14 the same; 8 keeps the floor 32 at the shipped thresholds.
KNOWN_SUBJECT_ALLOWANCE = 8.0


def claim_checked(index: Index, t: Thresholds, result: MatchResult, *,
                  known_subject: bool = False, telling_max: int) -> MatchResult:
    """A check of something heard ("my neighbour swears they leave the balloon inside") is
    a statement, scoring lower against the entries' questions: answered a little below the
    answer threshold when its entry leads clearly (the tuned blind sets' claims that fell
    back had the right entry first in 8 of 8 leading by 6 or more, 2 of 8 by less)."""
    candidates = result.candidates
    if len(candidates) < 2:
        return result
    best, lead = candidates[0].score, candidates[0].score - candidates[1].score
    floor, need = t.answer_min - CLAIM_ALLOWANCE, max(CLAIM_LEAD, t.answer_margin)
    if known_subject:
        floor -= KNOWN_SUBJECT_ALLOWANCE
    if best < floor or lead < need:
        return result
    # Below the answer threshold, the claim's telling word must be the entry's when
    # another candidate has it: "only a neurosurgeon is allowed to do kyphoplasty".
    telling = telling_word(index, result.analysis, telling_max)
    number = index.entry_numbers
    if telling is not None and telling not in index.entry_stems[number[candidates[0].entry.id]] \
            and any(telling in index.entry_stems[number[c.entry.id]] for c in candidates[1:]):
        return result
    return replace(result, kind=Kind.ANSWER, entry=candidates[0].entry, score=best,
                   reason=f"a check of something heard: score {best:.1f} >= {floor:g} and "
                          f"leads the next by {lead:.1f} >= {need:g}")
