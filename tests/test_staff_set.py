"""The clinic's own coverage cases, run through the one matcher (issue targets)."""

from __future__ import annotations

from collections import Counter

import yaml

from faqbot.matcher import Kind, match
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
    in_scope = [(q, e) for q, e in cases(*FAQ_FILES) if e != ["fallback"]]
    out_of_scope = [q for q, e in cases(*FAQ_FILES) if e == ["fallback"]]
    right = wrong = 0
    for question, expect in in_scope:
        result = match(kb, question)
        if result.kind is Kind.ANSWER:
            right += result.entry.id in expect
            wrong += result.entry.id not in expect
        elif result.kind is Kind.FALLBACK and "fallback" in expect:
            right += 1
    declined = sum(match(kb, q).kind is Kind.FALLBACK for q in out_of_scope)
    accuracy, wrong_rate = right / len(in_scope), wrong / len(in_scope)
    rejection = declined / len(out_of_scope)
    print(f"\nstaff set: in-scope {len(in_scope)}: right {accuracy:.1%}, wrong {wrong_rate:.1%}; "
          f"out-of-scope {len(out_of_scope)}: declined {rejection:.1%}")
    assert accuracy >= 0.90
    assert wrong_rate <= 0.03
    assert rejection >= 0.90
