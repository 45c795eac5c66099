"""Replies taller than the terminal, shown a screenful at a time so their heading stays
on screen (an answer panel at 40x20 is often 25 lines)."""

from __future__ import annotations

import re
from collections.abc import Callable

from rich.console import Console, RenderableType

from ..records import field, record

# Rows a page leaves free: the line the patient typed, the blank line and the prompt.
ROWS_KEPT = 3
# Never page in steps smaller than this, however short the window.
MIN_PAGE_ROWS = 5
# rich's colour and style codes, to see where a panel's top border starts.
_STYLE = re.compile(r"\x1b\[[0-9;]*m")
MORE_PROMPT = "More: press Enter (or ask): "


@record(frozen=False)  # a record, not a dataclass: ~0.2 ms less to create at start-up
class Pager:
    """Prints renderables; on a terminal, holds back what would scroll the top away.

    `rows` gives the terminal's height now (it may be resized), or None to never page.
    """

    console: Console
    rows: Callable[[], int | None]
    pending: list[str] = field(default_factory=list)

    def show(self, renderable: RenderableType) -> None:
        """Print `renderable`, or its first screenful when it is taller than the window."""
        self.pending = []
        if self.rows() is None:
            self.console.print(renderable)
            return
        with self.console.capture() as captured:
            self.console.print(renderable)
        self.pending = captured.get().splitlines(keepends=True)
        self.more()

    def more(self) -> None:
        """Print the next screenful of what is held back; a panel that would start in
        the lower half of the page starts the next page instead, with its heading."""
        page = max((self.rows() or 0) - ROWS_KEPT, MIN_PAGE_ROWS)
        if len(self.pending) > page:
            tops = [n for n in range(page // 2, page) if _STYLE.sub("", self.pending[n]).startswith("╭")]
            page = tops[-1] if tops else page
        shown, self.pending = self.pending[:page], self.pending[page:]
        # Already rendered (and sanitised) by the console: written as it is.
        self.console.file.write("".join(shown))
        self.console.file.flush()
