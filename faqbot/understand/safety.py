"""The red-flag check that runs before any FAQ matching.

A red-flag pattern only counts when the clause reports it happening: not negated
("no fever"), not long past ("chest pain last year"), not hypothetical ("what if I get
a fever") and not a general question about it ("is numbness a symptom of...") unless
the clause is about someone ("is it normal that I can't pee"). When in doubt, a
pattern that matches counts: a needless warning is far cheaper than a missed one.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from ..kb.model import Safety
from .index import Analysis

# How many words before a red flag a negation may stand: "i do not have any chest pain".
NEGATION_REACH = 4
TIER_ORDER = ("emergency", "urgent")


@dataclass(frozen=True)
class Verdict:
    """A red flag found in a report: which rule, which words, what to tell the patient."""

    tier: str
    rule: str
    matched: str
    clause: str
    title: str
    message: str


@dataclass(frozen=True)
class Hit:
    """A pattern match and why it did or did not count (for `explain` and `lint`)."""

    rule: str
    tier: str
    matched: str
    clause: str
    counted: bool
    why: str


def check(safety: Safety, analysis: Analysis) -> Verdict | None:
    """The most urgent red flag the text reports, or None."""
    counted = [hit for hit in hits(safety, analysis) if hit.counted]
    if not counted:
        return None
    hit = min(counted, key=lambda h: _rank(h.tier))
    tier = safety.tiers[hit.tier]
    rule = next(r for r in safety.rules if r.id == hit.rule)
    message = tier.message if not rule.note else f"{tier.message}\n\n{rule.note}"
    return Verdict(hit.tier, hit.rule, hit.matched, hit.clause, tier.title, message)


def hits(safety: Safety, analysis: Analysis) -> list[Hit]:
    """Every red-flag rule that matches a sentence, with its reason to count or not.

    The sentences are searched as one text, a line each, so a pattern is run once per
    message rather than once per sentence. Where a rule matches a sentence several times,
    the hit that counts wins: one reported red flag is enough.
    """
    clauses = list(dict.fromkeys((*analysis.clauses, *analysis.raw_clauses)))
    text = "\n".join(clauses)
    starts = list(accumulate((len(c) + 1 for c in clauses[:-1]), initial=0))
    present = {needle for needle in safety.needles if needle in text}
    best: dict[tuple[str, int], Hit] = {}
    for rule in safety.rules:
        for pattern in rule.patterns:
            for m in pattern.finditer(text, present):
                if "\n" in m.group(0):
                    continue  # a pattern may not join two sentences
                line = bisect_right(starts, m.start()) - 1
                key = (rule.id, line)
                if key in best and best[key].counted:
                    continue
                clause = clauses[line]
                counted, why = _is_report(safety, clause, m.start() - starts[line],
                                          always=rule.always)
                if key not in best or counted:
                    best[key] = Hit(rule.id, rule.tier, m.group(0), clause, counted, why)
    return list(best.values())


def is_personal_decision(safety: Safety, analysis: Analysis) -> bool:
    """Whether the patient asks about their own medicines or care decisions."""
    said = analysis.normalised
    return any(p.search(said) for p in safety.decision_patterns)


def _rank(tier: str) -> int:
    return TIER_ORDER.index(tier) if tier in TIER_ORDER else len(TIER_ORDER)


def _is_report(safety: Safety, clause: str, start: int, *, always: bool) -> tuple[bool, str]:
    cues = safety.cues
    before = clause[:start]
    near = " ".join(before.split()[-NEGATION_REACH:])
    if _cue(cues, "negation", near):
        return False, "negated"
    if always:
        return True, "this rule counts in any sentence"
    if _cue(cues, "past", clause):
        return False, "a past event"
    if _cue(cues, "hypothetical", before):
        return False, "hypothetical"
    if _cue(cues, "present", clause):
        return True, "happening now"
    if not before.strip():
        return True, "reported (the sentence starts with it)"
    if _cue(cues, "question", clause) and not _cue(cues, "person", clause):
        return False, "a general question"
    return True, "reported"


def _cue(cues, name: str, text: str) -> bool:
    pattern = cues.get(name)
    return bool(pattern and pattern.search(text))
