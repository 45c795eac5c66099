"""The clinic's own coverage cases, run through the one matcher (issue targets)."""

from __future__ import annotations

from collections import Counter

import yaml

from faqbot.staff.cases import read_cases
from faqbot.staff.coverage import run_cases, totals
from tests.helpers import ROOT

QUESTIONS = ROOT / "tests" / "questions"
OUTLINE_IDS = (ROOT / "tests" / "data" / "outline_ids.txt").read_text(encoding="utf-8").split()
FAQ_FILES = ("faq.yaml", "out_of_scope.yaml", "holdout.yaml", "faq_blind.yaml")


def cases(*names: str) -> list[tuple[str, list[str]]]:
    out = []
    for name in names:
        for case in yaml.safe_load((QUESTIONS / name).read_text(encoding="utf-8"))["cases"]:
            expect = case["expect"]
            out.append((case["question"], expect if isinstance(expect, list) else [expect]))
    return out


def test_staff_set_is_big_enough():
    """At least 5 questions per outline id and 40 out-of-scope ones in the tuning set."""
    main = cases("faq.yaml", "out_of_scope.yaml")
    per_id = Counter(expect[0] for _, expect in main if expect != ["fallback"])
    assert all(per_id[i] >= 5 for i in OUTLINE_IDS), [i for i in OUTLINE_IDS if per_id[i] < 5]
    assert sum(1 for _, expect in main if expect == ["fallback"]) >= 40


def test_accuracy_targets_on_the_staff_set(kb):
    """>= 90% of in-scope cases answered right, <= 3% wrong, >= 90% out-of-scope declined."""
    figures = totals(run_cases(kb, read_cases([QUESTIONS / n for n in FAQ_FILES], kb.by_id)))
    print(f"\nstaff set: in-scope {figures.in_scope}: right {figures.in_scope_accuracy:.1%}, "
          f"wrong {figures.wrong_answer_rate:.1%}; out-of-scope {figures.out_of_scope}: "
          f"declined {figures.out_of_scope_rejection:.1%}")
    assert figures.in_scope_accuracy >= 0.90
    assert figures.wrong_answer_rate <= 0.03
    assert figures.out_of_scope_rejection >= 0.90
