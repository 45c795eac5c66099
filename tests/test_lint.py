"""`lint`: each check finds the problem planted for it in tests/data/lint_kb, and only that.

tests/data/staff_kb is the clean counterpart: no findings at all.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from faqbot.kb.loader import load
from faqbot.kb.model import KnowledgeBase
from faqbot.staff.lint import (
    PHONE,
    PLACE_NAME,
    STREET,
    Finding,
    Level,
    contact_details,
    lint,
    reading_grade,
    source_problems,
)
from faqbot.staff.lint_cli import report_lines
from tests.helpers import ROOT, run_bot

LINT_KB = "tests/data/lint_kb"
SEEDS = ROOT / "tests" / "data" / "seeds"
FAQ = "tests/data/lint_kb/faq.yaml"


@pytest.fixture(scope="module")
def lint_kb() -> KnowledgeBase:
    """A knowledge base with one planted problem per check."""
    return load(ROOT / LINT_KB)


@pytest.fixture(scope="module")
def findings(lint_kb) -> list[Finding]:
    """All findings for the planted knowledge base, sources checked against tests/data/seeds."""
    return lint(lint_kb, seeds=SEEDS)


def test_each_check_finds_its_planted_problem(findings):
    """Every check fires, on the entry it was planted in, at the expected level."""
    assert sorted({(f.level.value, f.check, f.entry) for f in findings}) == sorted({
        ("error", "self-retrieval", "parking"),
        ("error", "self-retrieval", "driving"),
        ("error", "sources", "shower"),
        ("error", "contact details", "second-opinion"),
        ("warning", "confusable entries", "parking"),
        ("warning", "few alternates", "driving"),
        ("warning", "reading grade", "fasting"),
        ("warning", "sources", "fasting"),
        ("warning", "related links", "shower"),
        ("warning", "safety overlap", "chest-after"),
    })


def test_errors_come_first(findings):
    """lint() lists errors before warnings, so the serious ones are read first."""
    levels = [f.level for f in findings]
    assert levels == sorted(levels, key=lambda level: level is not Level.ERROR)


def test_self_retrieval_names_the_phrasing_and_where_it_goes(findings):
    """A duplicated phrasing gets "did you mean" for both entries: each is named at its line."""
    lines = [str(f) for f in findings if f.check == "self-retrieval"]
    assert lines[0].startswith(f"{FAQ}:6 (entry 'parking'): question \"Where do I park?\" "
                               "gets \"did you mean\" ('parking' 100.0, 'driving' 100.0")
    assert lines[1].startswith(f"{FAQ}:23 (entry 'driving'): alternate \"where do i park\" "
                               "gets \"did you mean\"")


def test_exact_messages_for_checks_that_do_not_depend_on_scores(findings):
    """Sources, contact details, alternates and related links: exact lines."""
    fixed = {"sources", "contact details", "few alternates", "related links"}
    assert [str(f) for f in findings if f.check in fixed] == [
        f"{FAQ}:54 (entry 'shower'): unknown source 'not-a-seed.txt': not a file in "
        "tests/data/seeds",
        f"{FAQ}:68 (entry 'second-opinion'): answer contains a phone number \"(615) 696-9900\" "
        "that is not the clinic's: use {contact} or {clinic} from the clinic profile",
        f"{FAQ}:68 (entry 'second-opinion'): answer contains a street address \"123 Main St.\" "
        "that is not the clinic's: use {contact} or {clinic} from the clinic profile",
        f"{FAQ}:68 (entry 'second-opinion'): answer contains a practice name "
        "\"Charles Spine Institute\" that is not the clinic's: use {contact} or {clinic} from "
        "the clinic profile",
        f"{FAQ}:21 (entry 'driving'): only 2 alternates; add ways patients ask it until there "
        "are at least 8",
        f"{FAQ}:27 (entry 'fasting'): no sources: list the seed documents the answer is drawn "
        "from",
        f"{FAQ}:55 (entry 'shower'): lists itself as related",
    ]


def test_confusable_pair_is_reported_once(findings):
    """Two entries whose phrasings nearly tie are one warning, naming both and the lead."""
    close = [str(f) for f in findings if f.check == "confusable entries"]
    assert len(close) == 1
    assert "close to 'parking-fee'" in close[0]
    assert "where should my driver park the car during the visit" in close[0]


def test_reading_grade_quotes_the_hardest_sentence(findings):
    """The grade warning says the grade and quotes the sentence to rewrite first."""
    [grade] = [f for f in findings if f.check == "reading grade"]
    assert grade.line == 38
    assert "answer reads at grade" in grade.message
    assert "hardest: \"Preprocedural fasting requirements" in grade.message


def test_reading_grade_without_textstat_says_how_to_install(lint_kb):
    """Without textstat the check is skipped with one warning, not an ImportError."""
    [finding] = reading_grade(lint_kb, grade=None)
    assert finding.level is Level.WARNING
    assert "install textstat" in finding.message


def test_safety_overlap_names_rule_and_phrasing(findings):
    """An FAQ alternate that a red-flag concept counts is a warning naming both."""
    [overlap] = [f for f in findings if f.check == "safety overlap"]
    assert overlap.line == 76
    assert "\"chest pain after kyphoplasty\" fires safety concept 'chest-pain'" in overlap.message


def test_sources_are_not_checked_without_the_seed_folder(lint_kb, tmp_path: Path):
    """No seed folder: unknown names cannot be judged, missing sources still are."""
    found = source_problems(lint_kb, seeds=tmp_path / "no-seeds")
    assert [(f.level, f.entry) for f in found] == [(Level.WARNING, "fasting")]


def test_the_clinics_own_details_are_allowed(lint_kb):
    """'parking' names Lakeside Spine at 555-0100: the clinic profile's own name and phone."""
    assert all(f.entry != "parking" for f in contact_details(lint_kb))


@pytest.mark.parametrize(("text", "pattern"), [
    ("Call (615) 696-9900 today.", PHONE),
    ("Call 555-123-4567.", PHONE),
    ("Call 1-800-555-1234.", PHONE),
    ("Write to 123 Main St.", STREET),
    ("We are at 4500 West End Avenue.", STREET),
    ("Ask the Dallas Pain Relief Center.", PLACE_NAME),
    ("Mayo Clinic says so.", PLACE_NAME),
])
def test_contact_patterns_find(text, pattern):
    """Each pattern finds the kind of detail it is for."""
    assert pattern.search(text)


@pytest.mark.parametrize("text", [
    "Call 911 now.", "It takes 100-1000 mg.", "Between 1990-2000.", "Take 2 Tylenol a day.",
    "Go to the hospital.",
])
def test_contact_patterns_leave_ordinary_text_alone(text):
    """Emergency numbers, doses, years and lower-case places are not contact details."""
    assert not any(p.search(text) for p in (PHONE, STREET, PLACE_NAME))


def test_generic_capitalised_places_are_not_practice_names(lint_kb):
    """"The Hospital desk" starts a sentence; it names no other practice."""
    messages = [f.message for f in contact_details(lint_kb)]
    assert not any("Hospital" in m for m in messages)


# --- the command ----------------------------------------------------------------------

def run_lint_on(kb: str | Path):
    """`python run_bot.py --kb KB lint`."""
    return run_bot("--kb", str(kb), "lint", env={**os.environ, "COLUMNS": "160"})


def test_errors_exit_1_with_grouped_lines_and_a_summary():
    """Errors: status 1; a header per level and check, one line per finding, a summary."""
    result = run_lint_on(LINT_KB)
    assert result.returncode == 1
    out = result.stdout.decode("utf-8").splitlines()
    assert out[0].startswith("thresholds: answer >= ")
    assert out[1].startswith("  set by: ")
    assert out[3] == "error: self-retrieval (2)"
    assert out[4].startswith(f"{FAQ}:6 (entry 'parking'): ")
    assert "warning: few alternates (1)" in out
    assert out[-1].startswith("lint: ")
    assert out[-1].endswith(" in 7 entries")


def test_clean_knowledge_base_exits_0():
    """The staff fixture has nothing to report but the thresholds in force, which are the
    shipped constants: five entries are too few to calibrate on."""
    result = run_lint_on("tests/data/staff_kb")
    assert result.returncode == 0
    assert result.stdout.decode("utf-8").splitlines() == [
        "thresholds: answer >= 46.0 with a lead of >= 3.0 (>= 1.5 from 90); did-you-mean >= "
        "46.0; otherwise fallback",
        "  set by: shipped constants: too little to calibrate on (10 alternates to hold out, "
        "5 entries; 40 needed).",
        "",
        "lint: no problems found in 5 entries",
    ]


def test_warnings_alone_exit_0(tmp_path: Path):
    """One entry without alternates or sources: two warnings, status 0."""
    (tmp_path / "faq.yaml").write_text(
        "entries:\n  - id: parking\n    question: Where do I park?\n"
        "    answer: Park in the visitor lot.\n", encoding="utf-8")
    result = run_lint_on(tmp_path)
    assert result.returncode == 0
    out = result.stdout.decode("utf-8")
    assert "warning: few alternates (1)" in out
    assert "warning: sources (1)" in out
    assert out.endswith("lint: 0 errors, 2 warnings in 1 entry\n")


def test_report_lines_group_by_level_then_check():
    """The renderer alone: groups in first-seen order, errors first, blank line between."""
    findings = [
        Finding(Level.WARNING, "few alternates", "f.yaml", 3, "only 1 alternates", "a"),
        Finding(Level.ERROR, "sources", "f.yaml", 9, "unknown source 'x'", "b"),
    ]
    assert report_lines(findings, 2) == [
        "error: sources (1)", "f.yaml:9 (entry 'b'): unknown source 'x'", "",
        "warning: few alternates (1)", "f.yaml:3 (entry 'a'): only 1 alternates", "",
        "lint: 1 error, 1 warning in 2 entries",
    ]
