"""The one rich console every command prints through: no text reaches the terminal
without passing the same sanitiser as what patients type."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment

from .understand.sanitize import printable


class SafeConsole(Console):
    """A rich console that removes control characters and escape sequences from every
    piece of text it renders, whatever its source (knowledge base, case file, log, user).

    rich's own styling is emitted separately, so colours and layout are unaffected.
    """

    def render(self, renderable: RenderableType, options: ConsoleOptions | None = None
               ) -> Iterable[Segment]:
        """rich's rendering, with each text segment made printable."""
        for segment in super().render(renderable, options):
            if segment.control is None and segment.text:
                text = printable(segment.text)
                if text != segment.text:
                    segment = Segment(text, segment.style)
            yield segment


def make_console(**options: Any) -> SafeConsole:
    """A console for faqbot's output: no markup guessing, no emoji codes, sanitised."""
    return SafeConsole(highlight=False, emoji=False, **options)
