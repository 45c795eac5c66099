"""`review`: show groups of logged unanswered questions, optionally write draft cases."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.table import Table
from rich.text import Text

from ..console import make_console
from ..errors import ExitStatus
from ..kb.files import display_path
from ..kb.model import KnowledgeBase
from ..outputs import check_new_file, create_private
from ..understand.sanitize import printable
from .review import EXAMPLES_SHOWN, Group, draft_cases, group, read_log

DRAFT_CASES = "draft cases"


def run_review(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    """Group the log at `args.log`; with `--write-cases OUT.yaml`, also write draft cases.

    Malformed log lines are skipped with a warning on stderr; a missing or wholly
    unreadable log is bad input (status 2).
    """
    path = Path(args.log)
    out = Path(args.write_cases) if args.write_cases else None
    if out is not None:
        check_new_file(out, DRAFT_CASES)
    logged, problems = read_log(path)
    for problem in problems:
        print(printable(f"warning: {problem}"), file=sys.stderr)
    groups = group(kb, logged)
    console = make_console()
    if not groups:
        console.print(Text(f"{display_path(path)}: no unanswered questions logged yet."))
    else:
        console.print(group_table(groups))
        skipped = f"; {len(problems)} malformed line(s) skipped" if problems else ""
        console.print(Text(f"{len(logged)} logged question(s) in {len(groups)} group(s)"
                           f"{skipped}"))
    if out is not None:
        if not groups:
            console.print(Text("Nothing to write: no draft cases."))
        else:
            create_private(out, draft_cases(groups, display_path(path)), DRAFT_CASES)
            console.print(Text(f"Wrote {len(groups)} draft case(s) to {display_path(out)}: "
                               "fill in each expect, then run coverage on it."))
    return ExitStatus.OK


def group_table(groups: list[Group]) -> Table:
    """One row per group, biggest first: size, example wordings, nearest entry, today."""
    table = Table(title="Unanswered questions, grouped (biggest first)", title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("asked", justify="right")
    table.add_column("examples", ratio=4, overflow="fold")
    table.add_column("nearest entry", ratio=2, overflow="fold")
    table.add_column("logged as / today", ratio=2, overflow="fold")
    for number, g in enumerate(groups, 1):
        examples = Text("\n".join(g.examples[:EXAMPLES_SHOWN]))
        more = len(g.examples) - EXAMPLES_SHOWN
        if more > 0:
            examples.append(f"\n(+{more} other wording{'s' if more > 1 else ''})", style="dim")
        nearest = f"{g.nearest_id} ({g.nearest_score:.1f})" if g.nearest_id else "-"
        kinds = ", ".join(f"{kind} {n}" for kind, n in g.kinds.most_common())
        table.add_row(str(number), str(g.size), examples, Text(nearest),
                      Text(f"{kinds}\ntoday: {g.today}"))
    return table
