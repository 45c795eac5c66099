"""Making what a patient typed safe to show again in a terminal."""

from __future__ import annotations

import re
import unicodedata

# CSI/OSC and other escape sequences first, so their parameters go too, then any
# remaining control or format character (bidi overrides included).
_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
# Lines longer than this are refused in the chat: no question needs more.
MAX_LINE_CHARS = 2000


def clean(text: str) -> str:
    """Text with escape sequences and control characters removed, spaces collapsed."""
    text = _ESCAPES.sub("", text)
    kept = "".join(
        " " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
        for c in text
        if unicodedata.category(c) not in ("Cf", "Cs", "Co") or c == "\u200d"
    )
    return " ".join(kept.split())
