"""What the matcher decides: the kind of reply, the candidates and their signals."""

from __future__ import annotations

from enum import StrEnum

from ..kb.model import Entry, Smalltalk
from ..records import record
from .index import Analysis
from .verdicts import Verdict

# Entries within this distance of the best are offered as "did you mean" options.
CLARIFY_WINDOW = 12.0


MAX_OPTIONS = 3


class Kind(StrEnum):
    """What the bot decided to do with a message."""

    ANSWER = "answer"
    CLARIFY = "clarify"
    FALLBACK = "fallback"
    SMALLTALK = "smalltalk"
    EMERGENCY = "emergency"


@record
class Signals:
    """The parts of a candidate's score, shown by `explain`."""

    question_coverage: float
    entry_coverage: float
    fuzzy: float
    # The score before the fuzzy re-ranking: the evidence from meaning-carrying words.
    keyword: float = 0.0


@record
class Candidate:
    """One entry the message might mean, with its best-matching phrasing."""

    entry: Entry
    score: float
    phrasing: str
    signals: Signals


@record
class MatchResult:
    """The decision for one message, with everything that led to it."""

    text: str
    kind: Kind
    entry: Entry | None
    score: float
    candidates: tuple[Candidate, ...]
    analysis: Analysis
    reason: str
    safety: Verdict | None = None
    smalltalk: Smalltalk | None = None
    personal_decision: bool = False
    # A message asking two or three things answered confidently by different entries:
    # one result per question, in order, each with its own question as `text`. The
    # fields above are the first part's. Empty for a single question. After a red flag
    # (kind EMERGENCY) it holds the questions the message asked, answered.
    parts: tuple[MatchResult, ...] = ()
    # What the question asks about that the knowledge base does not know, as the patient
    # wrote it ("spinal fusion"), or "": on a fallback, or on an answer to the other
    # question of the message.
    unknown_topic: str = ""

    @property
    def options(self) -> tuple[Entry, ...]:
        """The "did you mean" choices (none unless the decision is clarify; what a fallback
        suggests is reply.suggestions's business)."""
        if self.kind is not Kind.CLARIFY:
            return ()
        best = self.candidates[0].score
        close = [c.entry for c in self.candidates if best - c.score <= CLARIFY_WINDOW]
        return tuple(close[:MAX_OPTIONS])
