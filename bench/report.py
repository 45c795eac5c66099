"""The results table: rows, PASS/FAIL against targets, and bench/RESULTS.md."""

from __future__ import annotations

import os
import platform
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

HEADERS = ("Benchmark", "Subject", "Result", "Target", "Check")


@dataclass(frozen=True)
class Row:
    """One line of the table; `passed` is None when the row has no target."""

    benchmark: str
    subject: str
    result: str
    target: str = ""
    passed: bool | None = None
    skipped: bool = False
    broken: bool = False  # the measurement itself failed (see the result text)

    @property
    def check(self) -> str:
        """PASS, FAIL, SKIP, ERROR, or empty when there is no target."""
        if self.broken:
            return "ERROR"
        if self.skipped:
            return "SKIP"
        if self.passed is None:
            return ""
        return "PASS" if self.passed else "FAIL"

    def cells(self) -> tuple[str, ...]:
        """The row as table cells."""
        return (self.benchmark, self.subject, self.result, self.target, self.check)


def table(rows: Sequence[Row]) -> str:
    """A Markdown table, padded so it also reads well in a terminal."""
    grid = [HEADERS, *(row.cells() for row in rows)]
    widths = [max(len(line[col]) for line in grid) for col in range(len(HEADERS))]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(HEADERS), rule, *(line(row.cells()) for row in rows)])


def machine() -> str:
    """CPU model and count, Python version and platform, for the results header."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            models = [ln.split(":", 1)[1].strip() for ln in info if ln.startswith("model name")]
        cpu = models[0] if models else cpu
    except OSError:
        pass
    busy = ""
    if hasattr(os, "getloadavg"):
        # Other work on the machine slows every timing: say how busy it was.
        busy = "; load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    return (f"CPU: {cpu} ({os.cpu_count()} logical cores); Python {platform.python_version()} "
            f"({platform.python_implementation()}) on {platform.platform(terse=True)}{busy}")


def results_markdown(rows: Sequence[Row], notes: Sequence[str], argv: Sequence[str]) -> str:
    """The whole RESULTS.md: when, where, how it was run, the table and the notes."""
    when = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    command = " ".join(["python -m bench", *argv])
    lines = [
        "# Benchmark results",
        "",
        f"Run {when} with `{command}`.",
        "",
        machine() + ".",
        "",
        table(rows),
        "",
        *(f"- {note}" for note in notes),
        "",
    ]
    return "\n".join(lines)


def write_results(path: Path, text: str) -> None:
    """Write the results file (its folder must exist)."""
    path.write_text(text, encoding="utf-8")

