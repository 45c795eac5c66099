"""A large plain file (kb/plain.py) read in two parts at once, the second by a forked
child (kb/forked.py): 10,000 entries 0.86 -> 0.5 s.

The file is cut where an item of its `entries` list starts, past the middle. The first
part is a plain file as it stands; the second is read as `entries:` and the items after
the cut, its lines counted from the cut. Cut at the start of an item, a part can only
read as the whole would if nothing spans the cut: a quoted text or a flow list that did
would be left open at the end of the first part, which YAML refuses. A file opening with
directives or a document start is not cut. Any part not plain, a child that fails, and
the caller reads the file whole: the entries are the same either way.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable

from .forked import Forked
from .model import Entry, Origin
from .plain import ENTRY_KEYS

_Read = Callable[[str, str, int], "list[tuple[Entry, dict[str, int]]] | None"]
# Directives and a document start before the topic: what the second part would not carry.
# (A document marker further on starts a second document, which no plain part has.)
_MARKERS = ("%", "---")
_FIRST_ITEM = re.compile(r"^entries:\n( *- )", re.MULTILINE)
# Per entry: its line, how many alternates, sources, related ids and tags, and the line of
# each field (0 when absent).
_COUNTS = ("alternates", "sources", "related", "tags")
_ROW = 1 + len(_COUNTS) + len(ENTRY_KEYS)


def in_halves(text: str, shown: str, read: _Read) -> list[tuple[Entry, dict[str, int]]] | None:
    """The file's entries as `read(text, shown, 0)` gives them, read in two parts; None
    when it is not cut (no place to cut, no child, a part not plain)."""
    cut = _cut(text)
    if cut is None:
        return None
    first_line = text.count("\n", 0, cut)
    rest = "entries:\n" + text[cut:]
    # The line before the first item of `rest` is its "entries:".
    with Forked(lambda: _encode(read(rest, shown, first_line - 1))) as child:
        head = read(text[:cut], shown, 0)
        data = child.result()
    if not head or data is None:
        return None
    tail = _decode(data, head[0][0].topic, shown)
    return None if tail is None else head + tail


def _cut(text: str) -> int | None:
    """Where the first item of `entries` past the middle starts, after a line with text on
    it (so no trailing blank lines of a kept block text are cut off); None if nowhere."""
    first = _FIRST_ITEM.search(text)
    if first is None or text.startswith(_MARKERS):
        return None
    item = "\n" + first.group(1)
    at = text.find(item, max(len(text) // 2, first.end()))
    while at != -1 and text[at - 1] == "\n":
        at = text.find(item, at + 1)
    return None if at == -1 else at + 1


def _encode(entries: list[tuple[Entry, dict[str, int]]] | None) -> bytes:
    """Runs in the child: the entries' texts (NUL between them: a plain file has no
    control character) and their numbers."""
    if entries is None:
        raise ValueError("not plain")  # the child fails: the parent reads the file whole
    texts: list[str] = []
    numbers = array("I")
    for entry, lines in entries:
        groups = [getattr(entry, name) for name in _COUNTS]
        texts += (entry.id, entry.question, entry.answer, *(t for group in groups for t in group))
        numbers.append(entry.origin.line)
        numbers.extend(map(len, groups))
        numbers.extend(lines.get(key, 0) for key in ENTRY_KEYS)
    encoded = "\0".join(texts).encode()
    return len(encoded).to_bytes(8, "little") + encoded + numbers.tobytes()


def _decode(data: bytearray, topic: str, shown: str) -> list[tuple[Entry, dict[str, int]]] | None:
    view = memoryview(data)
    size = int.from_bytes(view[:8], "little")
    numbers = array("I")
    try:
        texts = str(view[8:8 + size], "utf-8").split("\0")
        numbers.frombytes(view[8 + size:])
    except (ValueError, UnicodeDecodeError):
        return None
    if len(numbers) % _ROW:
        return None
    entries = []
    at = 0
    for row in range(0, len(numbers), _ROW):
        counts = numbers[row + 1:row + 1 + len(_COUNTS)]
        end = at + 3 + sum(counts)
        if end > len(texts):
            return None
        groups, start = [], at + 3
        for count in counts:
            groups.append(tuple(texts[start:start + count]))
            start += count
        entry = Entry(id=texts[at], question=texts[at + 1], answer=texts[at + 2],
                      alternates=groups[0], sources=groups[1], related=groups[2],
                      tags=groups[3], topic=topic, origin=Origin(shown, numbers[row]))
        lines = {key: line for key, line in zip(ENTRY_KEYS, numbers[row + 5:row + _ROW],
                                                strict=True) if line}
        entries.append((entry, lines))
        at = end
    return entries if at == len(texts) or (not entries and texts == [""]) else None
