"""`lint`: print the knowledge-base findings, grouped, with a summary line."""

from __future__ import annotations

from ..errors import ExitStatus
from ..kb.model import KnowledgeBase
from ..understand.matcher import thresholds
from ..understand.sanitize import printable
from ..understand.thresholds import Thresholds
from .lint import Finding, Level, lint


def run_lint(kb: KnowledgeBase) -> int:
    """Print every finding; exit 1 when there are errors, 0 for warnings alone."""
    findings = lint(kb)
    for line in (*threshold_lines(thresholds(kb)), *report_lines(findings, len(kb.entries))):
        print(printable(line))
    errors = sum(f.level is Level.ERROR for f in findings)
    return ExitStatus.CHECKS_FAILED if errors else ExitStatus.OK


def threshold_lines(found: Thresholds) -> list[str]:
    """The decision thresholds in force and how they were set, then a blank line."""
    return [f"thresholds: {found.values}", f"  set by: {found.describe()}", ""]


def report_lines(findings: list[Finding], entries: int) -> list[str]:
    """Findings grouped by level and check (errors first), then one summary line."""
    groups: dict[tuple[Level, str], list[Finding]] = {}
    for finding in sorted(findings, key=lambda f: f.level is not Level.ERROR):
        groups.setdefault((finding.level, finding.check), []).append(finding)
    out: list[str] = []
    for (level, check), members in groups.items():
        out.append(f"{level.value}: {check} ({len(members)})")
        out.extend(str(f) for f in sorted(members, key=lambda f: (f.path, f.line)))
        out.append("")
    errors = sum(f.level is Level.ERROR for f in findings)
    warnings = len(findings) - errors
    if findings:
        out.append(f"lint: {_plural(errors, 'error')}, {_plural(warnings, 'warning')} "
                   f"in {_plural(entries, 'entry', 'entries')}")
    else:
        out.append(f"lint: no problems found in {_plural(entries, 'entry', 'entries')}")
    return out


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"
