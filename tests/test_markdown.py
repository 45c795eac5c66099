"""The Markdown subset answers use: paragraphs, lists, bold and italic."""

from __future__ import annotations

import io

from rich.console import Console

from faqbot.chat.markdown import inline, render


def shown(markdown: str, width: int = 40) -> str:
    out = io.StringIO()
    Console(file=out, width=width, force_terminal=False).print(render(markdown))
    return out.getvalue()


def test_paragraphs_and_bullets():
    text = shown("First line\nsame paragraph.\n\n- one\n- two that is long enough to wrap around")
    lines = text.splitlines()
    assert lines[0] == "First line same paragraph."
    assert lines[1] == ""
    assert lines[2].rstrip() == " • one"
    assert lines[4].rstrip() == "   around", "a wrapped item lines up under its text"


def test_numbered_list_keeps_its_numbers():
    assert " 1. a" in shown("1. a\n2. b")
    assert " 2. b" in shown("1. a\n2. b")


def test_bold_and_italic_are_styles_not_asterisks():
    text = inline("call **911 now** or *soon*")
    assert text.plain == "call 911 now or soon"
    styles = {str(span.style) for span in text.spans}
    assert styles == {"bold", "italic"}


def test_other_markup_is_shown_as_written():
    assert inline("[bold]x[/bold] 2*3*4").plain == "[bold]x[/bold] 2*3*4"
