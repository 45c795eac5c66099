"""`coverage`: case files in, a judged report out, and an exit status CI can trust.

Exact figures are asserted against the fixture knowledge base in tests/data/staff_kb,
never against the shipped one (still being tuned), except the one staff-set gate.
"""

from __future__ import annotations

import csv
import io
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from faqbot.errors import CaseFileError, UsageError
from faqbot.kb.loader import load
from faqbot.kb.model import KnowledgeBase
from faqbot.staff.coverage import (
    DEFAULT_MIN_ACCURACY,
    Case,
    case_files,
    gate,
    min_accuracy_fraction,
    read_cases,
    run_cases,
    score_histogram,
    totals,
)
from faqbot.understand.matcher import Kind
from tests.helpers import ROOT, run_bot

STAFF_KB = "tests/data/staff_kb"
CASES = ROOT / "tests" / "data" / "cases"
BAD = ROOT / "tests" / "data" / "bad_cases"
BAD_FILES = sorted(p for p in BAD.iterdir() if p.suffix in (".yaml", ".csv"))


@pytest.fixture(scope="module")
def staff_kb() -> KnowledgeBase:
    """The small fixture knowledge base the exact assertions are made against."""
    return load(ROOT / STAFF_KB)


def coverage(*args: str):
    """`python run_bot.py --kb tests/data/staff_kb coverage ARGS`, report 160 columns wide."""
    return run_bot("--kb", STAFF_KB, "coverage", *args, env={**os.environ, "COLUMNS": "160"})


def as_json(*args: str) -> tuple[int, dict]:
    """Exit status and the parsed `--json` object."""
    result = coverage(*args, "--json")
    return result.returncode, json.loads(result.stdout)


# --- malformed case files -----------------------------------------------------------------

def test_bad_case_examples_exist():
    """Guard: the data-driven test below must not silently run on nothing."""
    assert len(BAD_FILES) >= 12
    assert {p.suffix for p in BAD_FILES} == {".yaml", ".csv"}


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.name)
def test_malformed_case_file_is_reported_exactly(path: Path):
    """Status 2, nothing on stdout, and exactly the expected lines (file and line each)."""
    expected = path.with_suffix(".expected").read_text(encoding="utf-8")
    result = coverage(str(path.relative_to(ROOT)))
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode("utf-8") == expected
    for line in expected.splitlines():
        assert line.startswith(f"error: tests/data/bad_cases/{path.name}:"), line


def test_unknown_id_names_the_line_and_a_likely_id(staff_kb):
    """An id that is not in the knowledge base is an error at its own line, with a hint."""
    with pytest.raises(CaseFileError) as caught:
        read_cases([BAD / "unknown_id.yaml"], staff_kb.by_id)
    assert caught.value.problems == [
        "tests/data/bad_cases/unknown_id.yaml:3: unknown entry id 'parkng' "
        "(did you mean 'parking'?)",
        "tests/data/bad_cases/unknown_id.yaml:5: unknown entry id 'showers' "
        "(did you mean 'shower'?)",
    ]


def test_missing_paths_and_wrong_kinds_of_file(tmp_path: Path):
    """No such path, a folder without case files, or a .txt file: all reported together."""
    (tmp_path / "notes.txt").write_text("hi", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CaseFileError) as caught:
        case_files([tmp_path / "nope.yaml", tmp_path / "empty", tmp_path / "notes.txt"])
    problems = caught.value.problems
    assert problems[0].endswith("nope.yaml: no such file or folder")
    assert problems[1].endswith("empty: no .yaml, .yml or .csv files in the folder")
    assert problems[2].endswith("notes.txt: not a case file (use .yaml, .yml or .csv)")


# --- reading good files -------------------------------------------------------------------

def test_csv_cases_split_ids_on_bar_and_keep_line_numbers(staff_kb):
    """`a|b` is a list of acceptable ids; a quoted two-line question keeps its first line."""
    cases = read_cases([CASES / "wrong.csv"], staff_kb.by_id)
    assert [(c.question, c.expect, c.line) for c in cases] == [
        ("where do i park", ("arrival-time",), 2),
        ("when can i drive", ("driving", "shower"), 3),
        ("i have chest pain", ("emergency",), 4),
        ("can i take\na bath", ("shower",), 5),
        ("how much does it cost", ("fallback",), 7),
    ]


def test_a_folder_means_its_case_files_sorted(staff_kb):
    """A directory argument reads every .yaml/.yml/.csv file in it, in name order."""
    assert [p.name for p in case_files([CASES])] == ["mixed.yaml", "pass.yaml", "wrong.csv"]
    assert len(read_cases([CASES], staff_kb.by_id)) == 17


def test_case_kinds():
    """In scope = expects an id; out of scope = only fallback; red flag = emergency."""
    assert Case("q", ("a", "fallback"), "f", 1).in_scope
    assert Case("q", ("fallback",), "f", 1).out_of_scope
    assert not Case("q", ("a", "fallback"), "f", 1).out_of_scope
    assert Case("q", ("emergency",), "f", 1).wants_emergency


# --- judging and totals -------------------------------------------------------------------

def test_pass_rules(staff_kb):
    """Answer with an expected id, fallback when fallback is listed, emergency for red flags."""
    outcomes = run_cases(staff_kb, read_cases([CASES / "pass.yaml"], staff_kb.by_id))
    assert [(o.result.kind, o.passed) for o in outcomes] == [
        (Kind.ANSWER, True), (Kind.ANSWER, True), (Kind.ANSWER, True),
        (Kind.EMERGENCY, True), (Kind.FALLBACK, True), (Kind.FALLBACK, True),
    ]


def test_clarify_never_passes_but_reports_the_right_option(staff_kb):
    """"Did you mean" fails, and says whether the expected entry was offered."""
    outcomes = run_cases(staff_kb, read_cases([CASES / "mixed.yaml"], staff_kb.by_id))
    clarify = [o for o in outcomes if o.result.kind is Kind.CLARIFY]
    assert [(o.case.question, o.passed, o.right_offered) for o in clarify] == [
        ("can i eat or drive", False, True)]


def test_totals_and_gate(staff_kb):
    """The summary counts each kind of outcome against the cases it applies to."""
    outcomes = run_cases(staff_kb, read_cases([CASES / "mixed.yaml"], staff_kb.by_id))
    summary = totals(outcomes)
    assert (summary.cases, summary.passed) == (6, 4)
    assert (summary.in_scope, summary.in_scope_passed) == (4, 2)
    assert summary.in_scope_accuracy == 0.5
    assert (summary.clarify, summary.clarify_right_offered, summary.fallback) == (1, 1, 1)
    assert summary.out_of_scope_rejection == 1.0
    assert summary.emergency_recall == 1.0
    assert gate(summary, 0.5).ok
    assert gate(summary, DEFAULT_MIN_ACCURACY).reasons == ("in-scope accuracy 50.0% is below 90%",)


def test_histogram_buckets_cover_every_ranked_case(staff_kb):
    """Ten buckets of ten; every non-emergency case with candidates lands in one."""
    outcomes = run_cases(staff_kb, read_cases([CASES], staff_kb.by_id))
    rows = score_histogram(outcomes)
    assert [start for start, _, _ in rows] == list(range(0, 100, 10))
    ranked = [o for o in outcomes if o.result.candidates and not o.case.wants_emergency]
    assert sum(r + w for _, r, w in rows) == len(ranked)


@pytest.mark.parametrize(("given", "fraction"), [(None, 0.9), (0.75, 0.75), (90, 0.9), (1, 1)])
def test_min_accuracy_accepts_fractions_and_percentages(given, fraction):
    """0.9 and 90 both mean 90%; nothing given means the clinic's target."""
    assert min_accuracy_fraction(given) == pytest.approx(fraction)


def test_min_accuracy_out_of_range_is_bad_input():
    """A negative or over-100 target is refused rather than silently passing everything."""
    with pytest.raises(UsageError):
        min_accuracy_fraction(150)
    result = coverage(str(CASES / "pass.yaml"), "--min-accuracy", "-1")
    assert result.returncode == 2
    assert b"--min-accuracy -1: give a fraction 0-1 or a percentage 0-100" in result.stderr


# --- exit statuses ------------------------------------------------------------------------

def test_all_passing_exits_0_quietly_on_stderr():
    """Every case passes: status 0, and no progress bar when stderr is not a terminal."""
    result = coverage("tests/data/cases/pass.yaml")
    assert result.returncode == 0
    assert result.stderr == b""
    out = result.stdout.decode("utf-8")
    assert "Failed cases" not in out
    assert "in-scope accuracy          100.0% (4 of 4; target 90%)" in out
    assert out.rstrip().endswith("Result: PASS")


@pytest.mark.parametrize(("target", "status"), [("0.5", 0), ("50", 0), ("0.6", 1), (None, 1)])
def test_accuracy_target_decides_when_some_cases_fail(target, status):
    """mixed.yaml: 2 of 4 in scope right, no wrong answers, the red flag caught."""
    extra = ("--min-accuracy", target) if target else ()
    assert coverage("tests/data/cases/mixed.yaml", *extra).returncode == status


def test_wrong_answers_fail_even_when_accuracy_is_met():
    """One wrong answer in three is far over the 3% limit: status 1 at any target."""
    result = coverage("tests/data/cases/wrong.csv", "--min-accuracy", "0")
    assert result.returncode == 1
    assert "Result: FAIL - wrong-answer rate 33.3% is above 3%" in result.stdout.decode()


def test_a_missed_emergency_fails_at_any_target(tmp_path: Path):
    """Emergency recall must be 100%: a red flag answered as an FAQ fails the run."""
    cases = tmp_path / "missed.yaml"
    cases.write_text("cases:\n  - question: where do i park\n    expect: emergency\n"
                     "  - question: when can i drive\n    expect: driving\n", encoding="utf-8")
    code, report = as_json(str(cases), "--min-accuracy", "0")
    assert code == 1
    assert report["totals"]["emergency_recall"] == 0.0
    assert report["totals"]["reasons"] == ["emergency recall 0.0%: 1 red flag(s) missed"]


def test_failure_table_shows_expected_got_and_next_best():
    """Failed cases list expected and actual decisions, the score and the runners-up."""
    out = coverage("tests/data/cases/mixed.yaml").stdout.decode("utf-8")
    assert "Failed cases (2)" in out
    assert "tests/data/cases/mixed.yaml:8" in out
    assert "clarify driving | fasting" in out
    assert "(right one offered)" in out
    assert "Weakest entries" in out
    assert "Most confused" in out
    assert "answered from" in out  # the answer threshold is marked in the histogram


# --- machine-readable outputs -------------------------------------------------------------

def test_json_is_one_object_with_totals_and_cases():
    """`--json`: totals plus one entry per case with the `ask --json` fields."""
    code, report = as_json("tests/data/cases/mixed.yaml")
    assert code == 1
    assert set(report) == {"totals", "cases"}
    t = report["totals"]
    assert (t["cases"], t["passed"], t["failed"], t["in_scope"]) == (6, 4, 2, 4)
    assert (t["in_scope_accuracy"], t["wrong_answer_rate"]) == (0.5, 0.0)
    assert (t["clarify_rate"], t["fallback_rate"]) == (0.25, 0.25)
    assert (t["out_of_scope_rejection"], t["emergency_recall"]) == (1.0, 1.0)
    assert (t["min_accuracy"], t["ok"]) == (0.9, False)
    first, clarify = report["cases"][0], report["cases"][2]
    assert {"question", "expect", "passed", "kind", "entry_id", "score", "suggestions",
            "answer", "sources"} <= set(first)
    assert (first["question"], first["expect"], first["passed"]) == ("where do i park",
                                                                     ["parking"], True)
    assert (first["kind"], first["entry_id"]) == ("answer", "parking")
    assert (clarify["kind"], clarify["passed"]) == ("clarify", False)
    assert sorted(clarify["suggestions"]) == ["driving", "fasting"]


def test_junit_has_a_testcase_per_question(tmp_path: Path):
    """`--junit`: one suite per case file, one testcase per question, failures explained."""
    out = tmp_path / "report.xml"
    assert coverage(str(CASES), "--junit", str(out)).returncode == 1
    root = ET.parse(out).getroot()
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [
        "tests/data/cases/mixed.yaml", "tests/data/cases/pass.yaml", "tests/data/cases/wrong.csv"]
    assert (root.get("tests"), root.get("failures")) == ("17", "3")
    cases = root.findall(".//testcase")
    assert len(cases) == 17
    assert {c.get("classname") for c in cases} == {s.get("name") for s in suites}
    failed = {c.get("name"): c.find("failure").get("message")
              for c in cases if c.find("failure") is not None}
    assert failed == {
        "can i eat or drive": "expected fasting, got clarify driving | fasting",
        "when can i go back to work": "expected driving, got fallback",
        "where do i park": "expected arrival-time, got answer parking",
    }


def test_csv_has_a_row_per_case(tmp_path: Path):
    """`--csv`: a header and one row per case, ids joined with | like in case files."""
    out = tmp_path / "report.csv"
    assert coverage("tests/data/cases/wrong.csv", "--csv", str(out)).returncode == 1
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert list(rows[0])[:7] == ["question", "expect", "passed", "kind", "entry_id", "score",
                                 "suggestions"]
    assert [(r["question"], r["expect"], r["passed"], r["kind"], r["entry_id"]) for r in rows] == [
        ("where do i park", "arrival-time", "false", "answer", "parking"),
        ("when can i drive", "driving|shower", "true", "answer", "driving"),
        ("i have chest pain", "emergency", "true", "emergency", ""),
        ("can i take\na bath", "shower", "true", "answer", "shower"),
        ("how much does it cost", "fallback", "true", "fallback", ""),
    ]
    assert all(float(r["score"]) >= 0 for r in rows)
    assert rows[4]["suggestions"] != ""


def test_unwritable_report_path_is_bad_input(tmp_path: Path):
    """A report that cannot be written is status 2 with the path, not a traceback."""
    result = coverage("tests/data/cases/pass.yaml", "--csv", str(tmp_path / "no" / "r.csv"))
    assert result.returncode == 2
    assert b"r.csv: cannot write" in result.stderr
    assert b"Traceback" not in result.stderr


# --- the shipped knowledge base -----------------------------------------------------------

def test_shipped_staff_set_passes():
    """`coverage tests/questions`, the release check, passes on the shipped knowledge base."""
    result = run_bot("coverage", "tests/questions")
    assert result.returncode == 0, result.stdout.decode("utf-8")[-2000:]


# --- near misses (`harmless`) ---------------------------------------------------------------

def test_harmless_passes_unless_the_emergency_message_is_shown(staff_kb, tmp_path: Path):
    """`harmless` accepts any decision but the emergency message, and counts near misses;
    a `category` label is allowed and ignored."""
    path = tmp_path / "near.yaml"
    path.write_text(
        "cases:\n"
        "  - {question: 'no fever or chills, just a bit sore', expect: harmless}\n"
        "  - {question: 'what if i get a fever after', expect: harmless}\n"
        "  - {question: 'i have a fever of 102', expect: harmless, category: fever}\n",
        encoding="utf-8")
    outcomes = run_cases(staff_kb, read_cases([path], [e.id for e in staff_kb.entries]))
    assert [o.passed for o in outcomes] == [True, True, False]
    summary = totals(outcomes)
    assert (summary.near_misses, summary.near_miss_alarms, summary.false_emergencies) == (3, 1, 1)
