"""Measurements turned into table rows, each with its target where the issue set one."""

from __future__ import annotations

import math
from collections.abc import Sequence

from .accuracy import Scored, Tally
from .foreign import WRONG_MAX, Outcome
from .report import Row
from .sizes import SizeFailure, SizeResult
from .startup import Startup
from .throughput import Throughput

# The targets of issue 11.
MATCH_P99_SHIPPED_MS = 1.0
MATCH_P99_10K_MS = 15.0
TARGET_SIZE = 10_000
LOAD_10K_SECONDS = 3.0
LOAD_10K_MIB = 200.0
ASK_RATIO = 1.3
CHAT_RATIO = 2.0


def _pct(value: float) -> str:
    return "  n/a" if math.isnan(value) else f"{100 * value:5.1f}%"


def accuracy_rows(set_names: Sequence[str], clean_of: Sequence[int | None],
                  scored: Sequence[Scored]) -> list[Row]:
    """One row per case set and method; a typo set's row shows the loss against clean.

    `clean_of[i]` is the position of set i's clean counterpart, or None for a clean set.
    """
    rows: list[Row] = []
    for number, name in enumerate(set_names):
        for method in scored:
            counted = method.tallies[number]
            clean = clean_of[number]
            loss = ""
            if clean is not None:
                lost = counted.right_rate - method.tallies[clean].right_rate
                loss = " (n/a)" if math.isnan(lost) else f" ({100 * lost:+5.1f})"
            rows.append(Row(f"accuracy: {name}", f"{method.method} ({method.rule})",
                            _outcomes(counted, loss)))
    return rows


def _outcomes(counted: Tally, loss: str) -> str:
    return (f"right {_pct(counted.right_rate)}{loss} · wrong {_pct(counted.wrong_rate)} · "
            f"declined {_pct(counted.declined_rate)} "
            f"({counted.in_scope} in scope, {counted.out_of_scope} out)")


def missing_method_rows(set_names: Sequence[str], name: str, why: str) -> list[Row]:
    """Rows for a method that could not run, so the table still shows its place."""
    return [Row(f"accuracy: {s}", name, why, skipped=True) for s in set_names]


def _target(number: int, entries: int) -> float | None:
    if number == 0:
        return MATCH_P99_SHIPPED_MS
    return MATCH_P99_10K_MS if entries == TARGET_SIZE else None


def size_rows(results: Sequence[SizeResult | SizeFailure], wanted: Sequence[int],
              base: str) -> list[Row]:
    """Matching time and load cost per size; the first is the real knowledge base `base`."""

    def label(number: int, result: SizeResult | SizeFailure) -> str:
        if number == 0:
            return f"{base} ({result.entries:,} entries)"
        return f"{result.entries:,} entries (generated)"

    rows: list[Row] = []
    for number, result in enumerate(results):
        limit = _target(number, result.entries)
        target = "" if limit is None else f"CPU p99 <= {limit:g} ms"
        if isinstance(result, SizeFailure):
            rows.append(Row("match time", label(number, result), f"failed: {result.message}",
                            target, broken=True))
            continue
        p50, p99 = result.percentile(0.5), result.percentile(0.99)
        cpu_p99 = result.percentile(0.99, cpu=True)
        # Judged on CPU time: wall time on a shared 2-core machine also counts the turns
        # other programs get, which decide a wall p99 when the load average is above 1.
        passed = None if limit is None else cpu_p99 <= limit
        cache = "typo cache emptied before each" if result.cold else "typo cache kept"
        slowest = max(result.times_ms, default=math.nan)
        rows.append(Row("match time", label(number, result),
                        f"CPU p99 {cpu_p99:.2f} ms · wall median {p50:.2f} ms · p99 {p99:.2f} ms"
                        f" · max {slowest:.1f} ms ({len(result.times_ms):,} questions, {cache})",
                        target, passed))
    if TARGET_SIZE not in wanted:
        rows.append(Row("match time", f"{TARGET_SIZE:,} entries",
                        "not measured (not in --sizes, or --quick)",
                        f"p99 <= {MATCH_P99_10K_MS:g} ms", skipped=True))
    # "Within 200 MiB resident": what the loaded knowledge base keeps; the peak while
    # parsing is shown beside it.
    load_target = f"<= {LOAD_10K_SECONDS:g} s, <= {LOAD_10K_MIB:g} MiB resident"
    for number, result in enumerate(results):
        if isinstance(result, SizeFailure):
            rows.append(Row("load + memory", label(number, result), "failed (see match time)",
                            broken=True))
            continue
        peak = max(result.peak_mib, result.retained_mib)
        target, passed = "", None
        if number and result.entries == TARGET_SIZE:
            target = load_target
            passed = result.load_seconds <= LOAD_10K_SECONDS and result.retained_mib <= LOAD_10K_MIB
        rows.append(Row("load + memory", label(number, result),
                        f"{result.load_seconds:.2f} s cold · +{result.retained_mib:.1f} MiB "
                        f"resident (peak +{peak:.1f} MiB)", target, passed))
    if TARGET_SIZE not in wanted:
        rows.append(Row("load + memory", f"{TARGET_SIZE:,} entries",
                        "not measured (not in --sizes, or --quick)", load_target, skipped=True))
    measured = [result for result in results if isinstance(result, SizeResult)]
    if len(measured) > 1:
        rows.append(_growth(measured[0], measured[-1]))
    return rows


def _growth(small: SizeResult, large: SizeResult) -> Row:
    """How costs grow: the exponent k in cost ~ entries^k between two sizes."""
    def power(a: float, b: float) -> str:
        if a <= 0 or b <= 0 or large.entries == small.entries:
            return "n/a"
        return f"n^{math.log(b / a) / math.log(large.entries / small.entries):.2f}"

    parts = [
        f"median {power(small.percentile(0.5), large.percentile(0.5))}",
        f"p99 {power(small.percentile(0.99), large.percentile(0.99))}",
        f"load {power(small.load_seconds, large.load_seconds)}",
        f"memory {power(small.retained_mib, large.retained_mib)}",
    ]
    return Row("growth", f"{small.entries:,} -> {large.entries:,} entries "
                         f"(x{large.entries / small.entries:.0f})",
               " · ".join(parts) + " (n^1 = linear)")


def startup_row(label: str, subject: str, measured: Startup | str | None,
                limit: float | None) -> Row:
    """A start-up ratio against its target, if it has one (a text when the command failed)."""
    target = "" if limit is None else f"<= {limit:g}x"
    if isinstance(measured, str):
        return Row(label, subject, f"failed: {measured}", target, broken=True)
    if measured is None:
        return Row(label, subject, "not measured (--startup-runs 0)", target, skipped=True)
    return Row(label, subject,
               f"{measured.command_ms:.0f} ms / {measured.baseline_ms:.0f} ms = "
               f"{measured.ratio:.2f}x (medians of {measured.runs} interleaved runs)",
               target, None if limit is None else measured.ratio <= limit)


def import_rows(costs: Sequence[tuple[str, float]] | str | None, shown: int = 10) -> list[Row]:
    """The costliest imports of a warm `ask --json` beyond the floor's (self time)."""
    if costs is None:
        return [Row("start-up imports", "python -X importtime", "not measured (--startup-runs 0)",
                    skipped=True)]
    if isinstance(costs, str):
        return [Row("start-up imports", "python -X importtime", f"failed: {costs}", broken=True)]
    total = sum(ms for _, ms in costs)
    rows = [Row("start-up imports", "all modules beyond the floor's",
                f"{total:.1f} ms self time in {len(costs)} modules (median of 3 runs)")]
    rows += [Row("start-up imports", module, f"{ms:.1f} ms self") for module, ms in costs[:shown]]
    return rows


def throughput_row(measured: Throughput | None) -> Row:
    """Coverage throughput on the real knowledge base."""
    if measured is None:
        return Row("coverage throughput", "staff cases repeated",
                   "not measured (--throughput 0)", skipped=True)
    return Row("coverage throughput", f"{measured.cases:,} cases (staff cases repeated)",
               f"{measured.per_second:,.0f} cases/s "
               f"({measured.cases / measured.per_second:.1f} s; {measured.how})")


def foreign_rows(outcomes: Sequence[Outcome] | str) -> list[Row]:
    """One row per foreign split; a text instead of outcomes says why none were measured."""
    target = f"wrong <= {WRONG_MAX:.0%}; answered or offered >= BM25 top-1"
    if isinstance(outcomes, str):
        return [Row("foreign FAQ", "StackFAQ, COVID-Q", outcomes, target, skipped=True)]
    rows = []
    for o in outcomes:
        bm25 = "BM25 not installed" if o.bm25_top1 is None else f"BM25 top-1 {_pct(o.bm25_top1)}"
        rows.append(Row(f"foreign FAQ: {o.split}",
                        f"faqbot, calibrated ({o.entries} entries, {o.questions} questions)",
                        f"right {_pct(o.right)} · wrong {_pct(o.wrong)} · answered or offered "
                        f"{_pct(o.answered_or_offered)} · {bm25} ({o.thresholds})",
                        target, o.passed))
    return rows
