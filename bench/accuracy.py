"""Scoring decisions against staff expectations, and choosing a baseline's cutoff.

"Right": answered with an expected entry (or declined where `fallback` is acceptable).
"Wrong": answered an in-scope question with another entry.
"Declined": an out-of-scope question got no answer (the good outcome there).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .cases import FALLBACK, Case, CaseSet
from .methods import Guess, Method


@dataclass(frozen=True)
class Tally:
    """Outcome counts for one method on one case set."""

    in_scope: int
    right: int
    wrong: int
    out_of_scope: int
    declined: int

    @property
    def right_rate(self) -> float:
        """Share of in-scope questions answered with an expected entry."""
        return self.right / self.in_scope if self.in_scope else math.nan

    @property
    def wrong_rate(self) -> float:
        """Share of in-scope questions answered with another entry."""
        return self.wrong / self.in_scope if self.in_scope else math.nan

    @property
    def declined_rate(self) -> float:
        """Share of out-of-scope questions not answered (fallback, clarify, ...)."""
        return self.declined / self.out_of_scope if self.out_of_scope else math.nan


def decide(guess: Guess, cutoff: float) -> str | None:
    """The entry id answered, or None: faqbot's own decision, else score >= cutoff."""
    if guess.answers is not None:
        return guess.entry_id if guess.answers else None
    return guess.entry_id if guess.score >= cutoff else None


def tally(cases: Sequence[Case], answers: Sequence[str | None]) -> Tally:
    """Count right, wrong and declined outcomes."""
    right = wrong = declined = 0
    for case, answer in zip(cases, answers, strict=True):
        if case.in_scope:
            if answer in case.ids or (answer is None and FALLBACK in case.expect):
                right += 1
            elif answer is not None:
                wrong += 1
        elif answer is None:
            declined += 1
    in_scope = sum(case.in_scope for case in cases)
    return Tally(in_scope, right, wrong, len(cases) - in_scope, declined)


def choose_cutoff(cases: Sequence[Case], guesses: Sequence[Guess]) -> float:
    """The cutoff that maximises right minus wrong answers on these cases.

    An answer to an out-of-scope question counts as wrong. Among equally good cutoffs
    the highest is taken: fewer answers, so fewer wrong ones. math.inf means "never
    answer" was best.
    """
    candidates = sorted({g.score for g in guesses} | {math.inf}, reverse=True)
    best_cutoff, best_gain = math.inf, -math.inf
    for cutoff in candidates:
        counted = tally(cases, [decide(g, cutoff) for g in guesses])
        gain = counted.right - counted.wrong - (counted.out_of_scope - counted.declined)
        if gain > best_gain:
            best_cutoff, best_gain = cutoff, gain
    return best_cutoff


@dataclass(frozen=True)
class Scored:
    """One method's results on every case set, with the cutoff it was given."""

    method: str
    rule: str  # how it decides to answer, e.g. "ratio >= 0.617"
    tallies: tuple[Tally, ...]  # in the order of the case sets evaluated


def evaluate(method: Method, tuning: CaseSet, others: Sequence[CaseSet]) -> Scored:
    """Score `method` on `tuning` (choosing a baseline's cutoff there) and on `others`.

    The cutoff is chosen once, on the clean tuning set, and kept for the other sets:
    the typo and holdout figures show what a method loses with the setting it would
    ship with, as faqbot's thresholds were also chosen on the tuning set.
    """
    guesses = [method.guess(case.question) for case in tuning.cases]
    cutoff = math.nan if method.decides else choose_cutoff(tuning.cases, guesses)
    tallies = [tally(tuning.cases, [decide(g, cutoff) for g in guesses])]
    # With the cutoff fixed, a method may skip entries that cannot reach it.
    floor = -math.inf if method.decides else cutoff
    for cases in others:
        answers = [decide(method.guess(case.question, floor=floor), cutoff)
                   for case in cases.cases]
        tallies.append(tally(cases.cases, answers))
    if method.decides:
        rule = method.rule
    elif math.isinf(cutoff):
        rule = "never answers (no cutoff did better)"
    else:
        rule = method.rule.format(cutoff=cutoff)
    return Scored(method.name, rule, tuple(tallies))
