"""Entries with nothing wrong in them, read in one pass.

Nearly every entry of a knowledge base is plain: known fields, each a text or a list of
texts, none empty, a kebab-case id. validate.py reads those from their nodes in one pass;
a file holding nothing but a topic and plain entries (as a large generated or exported
base does) is read here straight from the YAML events, without building the node tree
(10,000 entries: compose and read 0.97 -> 0.72 s). Anything else, anywhere in the file,
and the file is left to the full reader, which names every problem: what is read here is
exactly what it would have read.
"""

from __future__ import annotations

import re
from itertools import chain

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from . import yamlnodes as yn
from .model import Entry, Origin

ENTRY_KEYS = ("id", "question", "answer", "alternates", "sources", "related", "tags")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KNOWN_KEYS = frozenset(ENTRY_KEYS)
LIST_KEYS = frozenset(("alternates", "sources", "related", "tags"))
_STR = yn.STD + "str"


def plain_entry(texts: dict[str, str], lists: dict[str, list[str]], topic: str,
                origin: Origin, *, copy: bool = True) -> Entry | None:
    """The entry of these fields, or None unless it is plain: id, question and answer
    present, a kebab-case id, no text empty. With `copy`, its texts are copies
    (yamlnodes.own_copy): the parser's stay among the node tree's objects."""
    entry_id = texts.get("id")
    if entry_id is None or "question" not in texts or "answer" not in texts \
            or not ID_PATTERN.match(entry_id) \
            or not all(map(str.strip, chain(texts.values(), *lists.values()))):
        return None
    own, copies = (yn.own_copy, yn.own_copies) if copy else (str, list)
    return Entry(
        id=own(entry_id),
        question=own(texts["question"].strip()),
        answer=own(texts["answer"].strip()),
        alternates=tuple(map(str.strip, copies(lists.get("alternates", ())))),
        sources=tuple(copies(lists.get("sources", ()))),
        related=tuple(copies(lists.get("related", ()))),
        tags=tuple(copies(lists.get("tags", ()))),
        topic=topic,
        origin=origin,
    )


class _NotPlain(Exception):
    """Something the full reader must look at."""


# A file this large (about 900 entries) is read in two parts at once (kb/halves.py).
HALVES_MIN_CHARS = 2_000_000


def plain_file(text: str, shown: str) -> list[tuple[Entry, dict[str, int]]] | None:
    """The entries of a file holding only `topic` and plain `entries`, each with the line
    of each of its fields; None for any other file."""
    if yn.SafeLoader.TEXT_UNLESS is None or not yn.clean(text):
        return None
    if len(text) >= HALVES_MIN_CHARS:
        from .halves import in_halves  # here: only a large file needs it

        found = in_halves(text, shown, plain_text)
        if found is not None:
            return found
    return plain_text(text, shown)


def plain_text(text: str, shown: str, first_line: int = 0
               ) -> list[tuple[Entry, dict[str, int]]] | None:
    """plain_file without its checks of the characters (`text` passed them), its lines
    counted from `first_line`."""
    loader = yn.SafeLoader(text)
    try:
        return _read(loader, shown, first_line)
    except (_NotPlain, yaml.YAMLError):
        return None
    finally:
        loader.dispose()


def _read(loader: yn.SafeLoader, shown: str, first_line: int
          ) -> list[tuple[Entry, dict[str, int]]]:
    get, text_of = loader.get_event, _texts(loader)
    if get().__class__ is not StreamStartEvent or get().__class__ is not DocumentStartEvent:
        raise _NotPlain
    _start(get(), MappingStartEvent)
    topic, entries = "General", None
    seen: set[str] = set()
    event = get()
    while event.__class__ is not MappingEndEvent:
        key = text_of(event)
        if key in seen:
            raise _NotPlain
        seen.add(key)
        if key == "topic" and entries is None:  # after the entries: left to the full reader
            topic = text_of(get())
            if not topic.strip():
                raise _NotPlain
        elif key == "entries":
            entries = _entries(get, text_of, topic, shown, first_line + 1)
        else:
            raise _NotPlain
        event = get()
    if get().__class__ is not DocumentEndEvent or get().__class__ is not StreamEndEvent:
        raise _NotPlain  # a second document: the full reader says so
    return entries or []


def _entries(get, text_of, topic: str, shown: str, lines_from: int  # noqa: ANN001
             ) -> list[tuple[Entry, dict[str, int]]]:
    """Each entry, made as soon as it is read (the parser's texts are kept as they are:
    no node tree holds them in place), with the line of each of its fields."""
    _start(get(), SequenceStartEvent)
    found = []
    event = get()
    while event.__class__ is not SequenceEndEvent:
        _start(event, MappingStartEvent)
        origin = Origin(shown, event.start_mark.line + lines_from)
        texts: dict[str, str] = {}
        lists: dict[str, list[str]] = {}
        lines: dict[str, int] = {}
        event = get()
        while event.__class__ is not MappingEndEvent:
            key = text_of(event)
            if key not in KNOWN_KEYS or key in lines:
                raise _NotPlain
            value = get()
            lines[key] = value.start_mark.line + lines_from
            if value.__class__ is ScalarEvent:
                if key in LIST_KEYS:
                    lists[key] = [text_of(value)]
                else:
                    texts[key] = text_of(value)
            elif key in LIST_KEYS:
                _start(value, SequenceStartEvent)
                items = lists[key] = []
                item = get()
                while item.__class__ is not SequenceEndEvent:
                    items.append(text_of(item))
                    item = get()
            else:
                raise _NotPlain
            event = get()
        entry = plain_entry(texts, lists, topic, origin, copy=False)
        if entry is None:
            raise _NotPlain
        found.append((entry, lines))
        event = get()
    return found


def _start(event: yaml.Event, kind: type) -> None:
    """A mapping or list as the node tree would hold it: no tag, no anchor."""
    if event.__class__ is not kind or event.tag is not None or event.anchor is not None:
        raise _NotPlain


def _texts(loader: yn.SafeLoader):  # noqa: ANN202
    """A scalar event's text, as composing would have resolved it (text, not a number,
    true/false, null or date), or _NotPlain."""
    resolve, starts, node = loader.resolve, loader.TEXT_UNLESS, yaml.ScalarNode

    def text_of(event: yaml.Event) -> str:
        if event.__class__ is not ScalarEvent or event.tag is not None or event.anchor is not None:
            raise _NotPlain
        value = event.value
        if event.implicit[0] and value[:1] in starts and resolve(node, value, event.implicit) != _STR:
            raise _NotPlain
        return value

    return text_of
