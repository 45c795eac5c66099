"""Scoring decisions against staff expectations, and choosing a baseline's cutoff.

"Right": answered with an expected entry (or declined where `fallback` is acceptable).
"Wrong": answered an in-scope question with another entry.
"Declined": an out-of-scope question got no answer (the good outcome there).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .cases import FALLBACK, Case
from .methods import Guess


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
