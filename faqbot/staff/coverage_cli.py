"""`coverage`: run case files through the bot and show what failed and how it adds up."""

from __future__ import annotations

import argparse
import csv
import os
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from ..console import make_console
from ..errors import ExitStatus, UsageError
from ..kb.model import KnowledgeBase
from ..outputs import check_replaceable
from ..understand import matcher
from ..understand.reply import suggestions, to_json
from ..understand.sanitize import json_text
from ..understand.thresholds import Thresholds
from .coverage import (
    MAX_WRONG_ANSWER_RATE,
    Gate,
    Outcome,
    Totals,
    confused_pairs,
    describe,
    expect_text,
    gate,
    min_accuracy_fraction,
    read_cases,
    run_cases,
    score_histogram,
    totals,
    weakest_entries,
)

# The failure table stops here; --csv and --json always hold every case.
MAX_FAILURES_SHOWN = 200
NEXT_BEST_SHOWN = 3
# The progress bar appears at once for big runs, or after a second for smaller ones.
PROGRESS_MIN_CASES = 2000
PROGRESS_AFTER_SECONDS = 1.0
BAR_WIDTH = 30
REPORT_WIDTH = 120
# Room for most entry ids on one line in the failure table.
ID_WIDTH = 24
CSV_COLUMNS = ("question", "expect", "passed", "kind", "entry_id", "score", "suggestions",
               "file", "line")
# Characters XML 1.0 cannot hold at all; a pasted question could carry them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# A spreadsheet runs a cell starting with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def run_coverage(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    """Run the cases named in `args.paths`, render the report, return the exit status."""
    min_accuracy = min_accuracy_fraction(args.min_accuracy)
    # Refused before the run, not after minutes of matching.
    for option, what in ((args.junit, "JUnit report"), (args.csv, "CSV report")):
        if option:
            check_replaceable(Path(option), what)
    cases = read_cases(args.paths, kb.by_id)
    with _LazyProgress(len(cases)) as progress:
        outcomes = run_cases(kb, cases, progress=progress)
    summary = totals(outcomes)
    verdict = gate(summary, min_accuracy)
    if args.junit:
        _write(Path(args.junit), lambda f: junit_tree(outcomes).write(
            f, encoding="utf-8", xml_declaration=True), binary=True)
    if args.csv:
        _write(Path(args.csv), lambda f: write_csv(kb, outcomes, f))
    if args.json:
        print(json_text(json_report(kb, outcomes, summary, verdict, min_accuracy)))
    else:
        console = make_console()
        if not console.is_terminal and "COLUMNS" not in os.environ:
            # Saved to a file or a CI log: nobody's window to fit, so make the table readable.
            console = make_console(width=REPORT_WIDTH)
        render_report(console, outcomes, summary, verdict, min_accuracy,
                      matcher.thresholds(kb))
    return ExitStatus.OK if verdict.ok else ExitStatus.CHECKS_FAILED


class _LazyProgress:
    """A transient progress bar on stderr, started only once the run looks long."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.started = time.monotonic()
        self.console = make_console(stderr=True)
        self.bar: Progress | None = None
        self.task = None

    def __enter__(self) -> _LazyProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def __call__(self, done: int) -> None:
        if self.bar is None:
            if not self.console.is_terminal or done >= self.total:
                return
            long_run = self.total > PROGRESS_MIN_CASES
            if not long_run and time.monotonic() - self.started < PROGRESS_AFTER_SECONDS:
                return
            self.bar = Progress(TextColumn("matching"), BarColumn(), MofNCompleteColumn(),
                                TimeElapsedColumn(), console=self.console, transient=True)
            self.bar.start()
            self.task = self.bar.add_task("cases", total=self.total)
        self.bar.update(self.task, completed=done)


def _write(path: Path, writer: Callable[[IO], object], *, binary: bool = False) -> None:
    try:
        out = path.open("wb") if binary else path.open("w", encoding="utf-8", newline="")
        with out:
            writer(out)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write ({exc.strerror})") from None


# --- text report ------------------------------------------------------------------------

def render_report(console: Console, outcomes: Sequence[Outcome], summary: Totals,
                  verdict: Gate, min_accuracy: float, found: Thresholds | None = None) -> None:
    """Failures, summary, weakest entries, confused pairs, score histogram, result."""
    failures = [o for o in outcomes if not o.passed]
    if failures:
        console.print(_failure_table(failures))
        if len(failures) > MAX_FAILURES_SHOWN:
            console.print(Text(f"... and {len(failures) - MAX_FAILURES_SHOWN} more failed cases "
                               "(--csv or --json lists every case)", style="dim"))
    console.print(Text("\nSummary", style="bold"))
    for label, value in summary_lines(summary, min_accuracy):
        console.print(Text(f"  {label:<26} {value}"))
    weakest = weakest_entries(outcomes)
    if weakest:
        console.print(Text("\nWeakest entries (misses / cases)", style="bold"))
        for entry_id, misses, cases in weakest:
            console.print(Text(f"  {entry_id:<30} {misses} / {cases}"))
    pairs = confused_pairs(outcomes)
    if pairs:
        console.print(Text("\nMost confused (expected -> top candidate instead)", style="bold"))
        for expected, chosen, count in pairs:
            console.print(Text(f"  {expected} -> {chosen}: {count}"))
    console.print(Text("\nTop-candidate scores: right = an expected entry, wrong = any other "
                       "(out-of-scope included)", style="bold"))
    for line in histogram_lines(outcomes, found):
        console.print(Text(line))
    console.print()
    if verdict.ok:
        console.print(Text("Result: PASS", style="bold green"))
    else:
        console.print(Text("Result: FAIL - " + "; ".join(verdict.reasons), style="bold red"))


def _failure_table(failures: Sequence[Outcome]) -> Table:
    table = Table(title=f"Failed cases ({len(failures)})", title_justify="left", expand=True)
    table.add_column("question (file:line)", ratio=4, overflow="fold")
    table.add_column("expected", ratio=2, min_width=ID_WIDTH, overflow="fold")
    table.add_column("got", ratio=2, min_width=ID_WIDTH, overflow="fold")
    table.add_column("score", justify="right", width=5)
    table.add_column("next best", ratio=3, overflow="fold")
    for o in failures[:MAX_FAILURES_SHOWN]:
        rank = o.expected_rank
        offered = " (right one offered)" if o.right_offered else ""
        ranked = f"expected is #{rank}" if rank else "expected not ranked" if o.case.ids else ""
        nxt = ", ".join(f"{c.entry.id} {c.score:.0f}"
                        for c in o.result.candidates[:NEXT_BEST_SHOWN])
        question = Text(o.case.question)
        question.append(f"\n{o.case.path}:{o.case.line}", style="dim")
        table.add_row(question, Text(expect_text(o.case)), Text(describe(o) + offered),
                      f"{o.result.score:.1f}", Text("; ".join(p for p in (nxt, ranked) if p)))
    return table


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def summary_lines(s: Totals, min_accuracy: float) -> list[tuple[str, str]]:
    """The summary as (label, value) lines."""
    lines = [
        ("cases", str(s.cases)),
        ("passed", f"{s.passed} ({_pct(s.passed / s.cases if s.cases else None)})"),
    ]
    if s.in_scope:
        lines += [
            ("in-scope accuracy", f"{_pct(s.in_scope_accuracy)} ({s.in_scope_passed} of "
                                  f"{s.in_scope}; target {min_accuracy:.0%})"),
            ("wrong-answer rate", f"{_pct(s.wrong_answer_rate)} ({s.wrong_answers}; "
                                  f"limit {MAX_WRONG_ANSWER_RATE:.0%})"),
            ("clarify rate", f"{_pct(s.clarify_rate)} ({s.clarify}; right entry offered in "
                             f"{s.clarify_right_offered})"),
            ("fallback rate", f"{_pct(s.fallback_rate)} ({s.fallback})"),
        ]
    if s.several:
        lines.append(("several questions", f"{s.several_all_answered} of {s.several} with "
                                           "every question answered"))
    if s.out_of_scope:
        lines.append(("out-of-scope rejection", f"{_pct(s.out_of_scope_rejection)} "
                                                f"({s.out_of_scope_rejected} of {s.out_of_scope})"))
    if s.emergency_cases:
        lines.append(("emergency recall", f"{_pct(s.emergency_recall)} "
                                          f"({s.emergency_found} of {s.emergency_cases})"))
    lines.append(("false emergencies", f"{s.false_emergencies} of "
                                       f"{s.cases - s.emergency_cases} other cases"))
    if s.near_misses:
        lines.append(("near misses", f"{s.near_miss_alarms} of {s.near_misses} got the "
                                     "emergency message"))
    return lines


def histogram_lines(outcomes: Sequence[Outcome], found: Thresholds | None = None) -> list[str]:
    """Text bars per score bucket, highest first, with a line under each threshold's bucket
    (the thresholds in force, `found`; the shipped constants when not given)."""
    answer_min, margin, clarify_min = ((found.answer_min, found.answer_margin, found.clarify_min)
                                       if found else (matcher.ANSWER_MIN, matcher.ANSWER_MARGIN,
                                                      matcher.CLARIFY_MIN))
    rows = score_histogram(outcomes)
    biggest = max((max(r, w) for _, r, w in rows), default=0) or 1
    # Both thresholds can fall in one bucket (46 and 46): that line then names both.
    marks: dict[int, list[str]] = {}
    for threshold, text in (
        (answer_min, f"answered from {answer_min:g} (with a lead of {margin:g})"),
        (clarify_min, f"did-you-mean from {clarify_min:g}"),
    ):
        marks.setdefault(int(threshold // 10) * 10, []).append(text)
    out = [f"  {'score':>7}  {'right':<{BAR_WIDTH + 6}}  wrong"]
    for start, right, wrong in reversed(rows):
        label = f"{start}-{start + 9 if start < 90 else 100}"
        bar_r = "#" * round(BAR_WIDTH * right / biggest) + f" {right}"
        bar_w = "#" * round(BAR_WIDTH * wrong / biggest) + f" {wrong}"
        out.append(f"  {label:>7}  {bar_r:<{BAR_WIDTH + 6}}  {bar_w}")
        if start in marks:
            out.append(f"  {'':>7}  ---- {'; '.join(marks[start])} ----")
    return out


# --- machine-readable reports -----------------------------------------------------------

def json_report(kb: KnowledgeBase, outcomes: Sequence[Outcome], summary: Totals, verdict: Gate,
                min_accuracy: float) -> dict:
    """One object: `totals` (figures, target and result) and `cases` (one per question)."""
    figures = {**summary.as_dict(), "min_accuracy": min_accuracy, "ok": verdict.ok,
               "reasons": list(verdict.reasons)}
    cases = []
    for o in outcomes:
        reply = to_json(kb, o.result)
        reply.pop("question")
        cases.append({"question": o.case.question, "expect": list(o.case.expect),
                      "passed": o.passed, **reply, "file": o.case.path, "line": o.case.line})
    return {"totals": figures, "cases": cases}


def junit_tree(outcomes: Sequence[Outcome]) -> ET.ElementTree:
    """JUnit XML: a suite per case file, a testcase per question, failures say what happened."""
    root = ET.Element("testsuites", name="coverage", tests=str(len(outcomes)),
                      failures=str(sum(not o.passed for o in outcomes)))
    suites: dict[str, ET.Element] = {}
    for o in outcomes:
        path = o.case.path
        suite = suites.get(path)
        if suite is None:
            suite = suites[path] = ET.SubElement(root, "testsuite", name=path)
        case = ET.SubElement(suite, "testcase", classname=path, name=_xml(o.case.question),
                             file=path, line=str(o.case.line))
        if not o.passed:
            failure = ET.SubElement(case, "failure", type=o.result.kind.value,
                                    message=f"expected {expect_text(o.case)}, got {describe(o)}")
            failure.text = _xml(f"{o.case.path}:{o.case.line}: {o.result.reason}")
    for suite in suites.values():
        cases = suite.findall("testcase")
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(sum(c.find("failure") is not None for c in cases)))
    ET.indent(root)
    return ET.ElementTree(root)


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def write_csv(kb: KnowledgeBase, outcomes: Sequence[Outcome], out: IO[str]) -> None:
    """One row per case; several ids are joined as a|b like in a CSV case file."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for o in outcomes:
        question = o.case.question
        if question.startswith(_FORMULA_START):
            question = "'" + question  # shown as text, never run as a formula
        writer.writerow([
            question, expect_text(o.case, "|"), "true" if o.passed else "false",
            o.result.kind.value, o.got or "", f"{o.result.score:.1f}",
            "|".join(e.id for e in suggestions(kb, o.result)), o.case.path, o.case.line,
        ])

