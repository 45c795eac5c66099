"""The small part of Markdown that answers use, rendered with rich.

Answers are written by staff in plain Markdown: paragraphs, bullet and numbered lists,
**bold** and *italic*. Rendering just that here keeps rich's full Markdown renderer
(and the syntax highlighter it pulls in) out of the chat's start-up. Anything else is
shown as written.
"""

from __future__ import annotations

import re

from rich.console import Group
from rich.table import Table
from rich.text import Text

_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*(\d+)[.)]\s+(.*)$")
_INLINE = re.compile(r"\*\*(.+?)\*\*|__(.+?)__|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")


def render(markdown: str) -> Group:
    """Paragraphs and lists as rich renderables, one blank line between blocks."""
    parts: list[Text | Table] = []
    for block in _blocks(markdown):
        if parts:
            parts.append(Text(""))
        parts.append(block)
    return Group(*parts)


def _blocks(markdown: str) -> list[Text | Table]:
    blocks: list[Text | Table] = []
    paragraph: list[str] = []
    items: list[tuple[str, str]] = []

    def flush() -> None:
        if paragraph:
            blocks.append(inline(" ".join(paragraph)))
            paragraph.clear()
        if items:
            blocks.append(list_grid(items))
            items.clear()

    for line in markdown.strip().splitlines():
        bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
        if not line.strip():
            flush()
        elif bullet or numbered:
            if paragraph:
                flush()
            marker = "•" if bullet else f"{numbered.group(1)}."
            items.append((marker, bullet.group(1) if bullet else numbered.group(2)))
        elif items:  # a wrapped list item goes on
            marker, text = items[-1]
            items[-1] = (marker, f"{text} {line.strip()}")
        else:
            paragraph.append(line.strip())
    flush()
    return blocks


def list_grid(items: list[tuple[str, str]]) -> Table:
    """Marked items whose wrapped lines stay under their text, not under the marker."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, justify="right")  # " 9." above "10.": numbers align
    grid.add_column()
    for marker, text in items:
        grid.add_row(Text(f" {marker}"), inline(text))
    return grid


def inline(text: str) -> Text:
    """One line of text with **bold** and *italic* applied, nothing else interpreted."""
    out = Text()
    last = 0
    for m in _INLINE.finditer(text):
        out.append(text[last:m.start()])
        bold = m.group(1) or m.group(2)
        out.append(bold if bold else m.group(3), style="bold" if bold else "italic")
        last = m.end()
    out.append(text[last:])
    return out
