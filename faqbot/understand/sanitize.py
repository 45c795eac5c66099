"""Making text safe to show in a terminal: what a patient typed, and anything read from
a knowledge base, a case file or a log. Every renderer goes through `printable`."""

from __future__ import annotations

import re
import unicodedata

# CSI/OSC and other escape sequences first, so their parameters go too, then any
# remaining control or format character (bidi overrides included). Compiled on first use
# (by re's own cache): most text has none, and start-up need not pay for it.
_ESCAPES = r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])"
# Lines longer than this are refused in the chat: no question needs more.
MAX_LINE_CHARS = 2000


def printable(text: str) -> str:
    """Text with escape sequences and control and format characters removed; newlines
    kept, other controls and line separators made spaces, nothing else changed."""
    if text.replace("\n", " ").isprintable():  # the usual case, checked in C
        return text
    text = re.sub(_ESCAPES, "", text)
    return "".join(
        c if c == "\n" else " " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
        for c in text
        if unicodedata.category(c) not in ("Cf", "Cs", "Co") or c == "\u200d"
    )


def clean(text: str) -> str:
    """Text with escape sequences and control characters removed, spaces collapsed."""
    return " ".join(printable(text).split())


def excerpt(text: str, limit: int) -> str:
    """At most `limit` characters of `text`, cut at a word and marked with an ellipsis."""
    text = clean(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:") + "…"


# Characters json.dumps(ensure_ascii=False) leaves as they are but a terminal may act on:
# DEL, the C1 controls (U+009B is CSI), line separators and bidi controls, each to its
# escape (a table for str.translate: no pattern to compile at start-up).
_JSON_UNSAFE = {code: f"\\u{code:04x}" for first, last in (
    (0x7f, 0x9f), (0x61c, 0x61c), (0x200e, 0x200f), (0x2028, 0x202e), (0x2066, 0x2069))
    for code in range(first, last + 1)}


def json_text(value: object) -> str:
    """`json.dumps(value, ensure_ascii=False)`, with every character a terminal could act
    on written as a `\\uXXXX` escape: the same JSON, safe to print."""
    import json

    return json.dumps(value, ensure_ascii=False).translate(_JSON_UNSAFE)
