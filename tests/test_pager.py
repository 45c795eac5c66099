"""The chat's pager: a reply taller than the window comes a screenful at a time."""

from __future__ import annotations

import io

from rich.console import Group
from rich.panel import Panel
from rich.text import Text

from faqbot.chat.pager import ROWS_KEPT, Pager
from faqbot.console import make_console


def pager(rows: int | None) -> Pager:
    console = make_console(file=io.StringIO(), width=40)
    return Pager(console, lambda: rows)


def lines_of(p: Pager) -> list[str]:
    return p.console.file.getvalue().splitlines()


def two_panels(first: int, second: int) -> Group:
    return Group(Panel(Text("\n".join(f"one {n}" for n in range(first))), title="First"),
                 Panel(Text("\n".join(f"two {n}" for n in range(second))), title="Second"))


def test_a_short_reply_is_printed_whole():
    p = pager(20)
    p.show(two_panels(2, 2))
    assert not p.pending
    assert len(lines_of(p)) == 8


def test_a_tall_reply_stops_when_the_screen_is_full_and_goes_on():
    p = pager(20)
    p.show(Panel(Text("\n".join(f"line {n}" for n in range(40))), title="Heading"))
    first = lines_of(p)
    assert len(first) == 20 - ROWS_KEPT
    assert "Heading" in first[0]
    while p.pending:
        p.more()
    shown = [line.strip("│ ") for line in lines_of(p) if "line " in line]
    assert shown == [f"line {n}" for n in range(40)], "every line once, in order"


def test_a_panel_starting_low_on_the_page_starts_the_next_page():
    """Its heading is not left alone at the bottom of the screen."""
    p = pager(20)
    p.show(two_panels(10, 10))  # the second panel's top is on line 13 of 17
    first = lines_of(p)
    assert "Second" not in "".join(first)
    p.more()
    assert "Second" in lines_of(p)[len(first)]


def test_no_rows_means_no_paging():
    p = pager(None)
    p.show(Panel(Text("\n".join(f"line {n}" for n in range(60)))))
    assert not p.pending
    assert len(lines_of(p)) == 62
