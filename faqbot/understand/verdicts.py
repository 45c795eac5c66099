"""What the red-flag check returns: a verdict for the patient, and each sign's hit for staff
(`explain`, `lint`)."""

from __future__ import annotations

from ..records import record


@record
class Verdict:
    """A red flag found in a report: which concept, which words, what to tell the patient."""

    tier: str
    rule: str
    matched: str
    clause: str
    title: str
    message: str
    why: str = "reported"


@record
class Hit:
    """A sign found in a sentence and why it did or did not count (for `explain` and `lint`).

    `rule` is the concept id, `matched` the words that made the sign, `cue` the context
    words that decided (empty when nothing but the sign itself did).
    """

    rule: str
    tier: str
    matched: str
    clause: str
    counted: bool
    why: str
    cue: str = ""
    sign: str = ""
