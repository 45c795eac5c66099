"""Coverage throughput: how many staff test cases are decided per second."""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from faqbot.errors import FaqbotError
from faqbot.kb.model import KnowledgeBase
from faqbot.understand.matcher import match


@dataclass(frozen=True)
class Throughput:
    """Cases per second and how they were run."""

    cases: int
    per_second: float
    how: str


def coverage_throughput(kb: KnowledgeBase, paths: Sequence[Path], questions: Sequence[str],
                        total: int) -> Throughput:
    """Run `total` cases (the case files repeated) as `coverage` does, and time it.

    Uses faqbot.staff.coverage (read, run, add up) when it is there and accepts the files;
    otherwise times match() on each question, which is the bulk of a coverage run.
    """
    try:
        from faqbot.staff.coverage import read_cases, run_cases, totals
    except ImportError:
        return _match_loop(kb, questions, total, "match() per case")
    try:
        cases = read_cases(paths, kb.by_id)
    except FaqbotError as error:
        return _match_loop(kb, questions, total,
                           f"match() per case; faqbot.staff.coverage refused the files: "
                           f"{error.problems[0]}")
    repeated = list(itertools.islice(itertools.cycle(cases), total))
    started = time.perf_counter()
    totals(run_cases(kb, repeated))
    return Throughput(total, total / (time.perf_counter() - started),
                      "faqbot.staff.coverage run_cases + totals")


def _match_loop(kb: KnowledgeBase, questions: Sequence[str], total: int, how: str) -> Throughput:
    repeated = list(itertools.islice(itertools.cycle(questions), total))
    started = time.perf_counter()
    for question in repeated:
        match(kb, question)
    return Throughput(total, total / (time.perf_counter() - started), how)
