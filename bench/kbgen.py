"""Larger knowledge bases made from the real one, for measuring how costs grow.

Copies of the real entries get new ids (related ids follow) and reworded phrasings:
about half of each phrasing's longer words become a word unique to that copy, so the
vocabulary grows with the knowledge base as it would with real new topics, while the
common words ("kyphoplasty", "pain") are shared by ever more entries.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import yaml

from faqbot.kb.model import Entry, KnowledgeBase
from faqbot.records import replace
from faqbot.understand.prepare import build_index

REWORD_SHARE = 0.5
REWORD_MIN_LETTERS = 4
_WORD = re.compile(r"[^\W\d_]+")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def grown_entries(kb: KnowledgeBase, size: int, *, seed: int = 0) -> tuple[Entry, ...]:
    """The real entries followed by reworded copies, `size` entries in all."""
    real = kb.entries
    made: list[Entry] = list(real[:size])
    copy = 0
    while len(made) < size:
        copy += 1
        for entry in real[: size - len(made)]:
            made.append(_copy(entry, copy, seed))
    ids = {entry.id for entry in made}
    # A partial last copy lacks some entries: drop related ids that point at none.
    return tuple(
        entry if all(r in ids for r in entry.related)
        else replace(entry, related=tuple(r for r in entry.related if r in ids))
        for entry in made
    )


def _copy(entry: Entry, copy: int, seed: int) -> Entry:
    tag = _tag(copy)
    rng = random.Random(f"{seed}:{copy}:{entry.id}")

    def reword(text: str) -> str:
        return _WORD.sub(
            lambda m: m.group() + tag
            if len(m.group()) >= REWORD_MIN_LETTERS and rng.random() < REWORD_SHARE
            else m.group(),
            text,
        )

    return replace(
        entry,
        id=f"{entry.id}-g{copy}",
        question=reword(entry.question),
        alternates=tuple(reword(a) for a in entry.alternates),
        related=tuple(f"{r}-g{copy}" for r in entry.related),
    )


def _tag(number: int) -> str:
    """A short letters-only suffix unique to a copy: 1 -> "qb", 2 -> "qc", ..."""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters = _LETTERS[digit] + letters
        if number == 0:
            return "q" + letters


def grown_in_memory(kb: KnowledgeBase, size: int, *, seed: int = 0) -> KnowledgeBase:
    """A KnowledgeBase of `size` entries with its index built, no YAML: for profiling."""
    grown = replace(kb, entries=grown_entries(kb, size, seed=seed), index=None)
    return replace(grown, index=build_index(grown))


def write_grown(kb: KnowledgeBase, size: int, folder: Path, *, seed: int = 0) -> Path:
    """Write a knowledge-base folder of `size` entries: the real files plus copies.

    The real files keep synonyms, smalltalk, clinic and safety rules, so loading the
    folder does all the work loading the real knowledge base does.
    """
    folder.mkdir(parents=True, exist_ok=True)
    source = Path(kb.source)
    if source.is_file():
        shutil.copy(source, folder / source.name)
    else:
        for path in sorted(source.rglob("*")):
            if path.suffix in (".yaml", ".yml") and path.is_file():
                target = folder / path.relative_to(source)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, target)
    extra = grown_entries(kb, size, seed=seed)[len(kb.entries):]
    if extra:
        document = {"topic": "Generated", "entries": [_as_yaml(entry) for entry in extra]}
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        with (folder / "zz_generated.yaml").open("w", encoding="utf-8") as out:
            yaml.dump(document, out, Dumper=dumper, allow_unicode=True, sort_keys=False,
                      width=1000)
    return folder


def _as_yaml(entry: Entry) -> dict[str, object]:
    # Answers were filled from the clinic profile at load; braces left in them must not
    # read as placeholders again.
    fields: dict[str, object] = {
        "id": entry.id,
        "question": entry.question,
        "answer": entry.answer.replace("{", "{{").replace("}", "}}"),
    }
    for name in ("alternates", "sources", "related", "tags"):
        if getattr(entry, name):
            fields[name] = list(getattr(entry, name))
    return fields
