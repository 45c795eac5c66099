"""Reading every entry's phrasings into the index's flat tables: the bulk of building it.

Each phrasing becomes a run of stem numbers (its meaningful words stemmed, synonyms
applied, in order without repeats) and a sorted flat (every word stemmed and sorted, as
the fuzzy re-ranking compares them). Stems are numbered in the order first met.

A large knowledge base is read in two halves at once, the second by a forked child
(faqbot/kb/forked.py) numbering its stems on its own; the parent renumbers them
as if it had met them itself, so the tables are the same as one reader's, number for
number. Without a child the parent reads the second half too.
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping, Sequence
from itertools import compress, islice, repeat
from typing import TYPE_CHECKING

from . import text as tx

if TYPE_CHECKING:
    from ..kb.model import Entry, KnowledgeBase

# Below this many entries a second process costs more than it saves (reading 2,000
# entries takes ~0.3 s; starting a child and taking its tables back ~20-40 ms).
TWO_CORES_MIN = 2000
# The parent reads a little more than half (percent): the child's half also has to be
# encoded and sent, and the parent waited ~0.1 s for it at 10,000 entries.
PARENT_SHARE = 53


class _WordNumbers(dict):
    """word -> its stem's number, or -1 for a stop word; learns words as they come."""

    def __init__(self, numbers: dict[str, int], names: list[str], stem_of: dict[str, str]) -> None:
        super().__init__()
        self.numbers, self.names, self.stem_of = numbers, names, stem_of

    def __missing__(self, word: str) -> int:
        stem = self.stem_of[word] = tx.stem_uncached(word)
        if word in tx.STOPWORDS:
            number = -1
        else:
            number = self.numbers.get(stem)
            if number is None:
                number = self.numbers[stem] = len(self.names)
                self.names.append(stem)
        self[word] = number
        return number


class Reader:
    """Stem numbering and per-word caches shared by one build: each text is split into
    words once, each distinct word stemmed once, the rest runs at C speed."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.vocabulary: set[str] = set(tx.STOPWORDS) | set(tx.CONTRACTIONS)
        self.synonyms = synonym_table(kb.synonyms, self.vocabulary)
        self.starts = tx.phrase_starts(self.synonyms)
        self.numbers: dict[str, int] = {}
        self.names: list[str] = []
        self.stem_of: dict[str, str] = {}
        self.word_numbers = _WordNumbers(self.numbers, self.names, self.stem_of)
        self.number_of = self.word_numbers.__getitem__

    def read(self, text: str) -> tuple[list[str], list[int]]:
        """A text's words after the synonym map, and its meaningful stems' numbers in
        order without repeats. Its original words join the vocabulary."""
        words = tx.words(text)
        self.vocabulary.update(words)
        words = tx.replace_phrases(words, self.synonyms, self.starts)[0]
        found = dict.fromkeys(map(self.number_of, words))
        found.pop(-1, None)
        return words, list(found)


def synonym_table(synonyms: Mapping[str, str], vocabulary: set[str]
                  ) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Variant words -> term words; both sides' words join the vocabulary."""
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for variant, term in synonyms.items():
        key = tuple(tx.words(variant))
        target = tuple(tx.words(term))
        vocabulary.update(key)
        vocabulary.update(target)
        if key:
            table[key] = target
    return table


class Tables:
    """Phrasing n is stems stem_ids[offsets[n]:offsets[n + 1]] of entry owners[n], worded
    texts[n]; per entry the sorted flats of its phrasings (one string, a line each), its
    stems, and the stems only its answer has (both sorted numbers)."""

    def __init__(self) -> None:
        self.stem_ids = array("I")
        self.offsets = array("I", [0])
        self.owners = array("I")
        self.texts: list[str] = []
        self.joined_flats: list[str] = []
        self.entry_ids: list[array] = []
        self.answer_ids: list[array] = []


def read_all(kb: KnowledgeBase, reader: Reader, *, two_cores: bool = True) -> Tables:
    """Every entry's phrasings and answer, read into one Tables with `reader`'s numbers
    (the same tables with `two_cores` or without)."""
    entries = kb.entries
    tables = Tables()
    if not two_cores or len(entries) < TWO_CORES_MIN:
        _read(entries, range(len(entries)), reader, tables)
        return tables
    from ..kb.forked import Forked  # here: only a large base needs it

    half = range(len(entries) * PARENT_SHARE // 100, len(entries))
    with Forked(lambda: _encode(entries, half, Reader(kb))) as child:
        _read(entries, range(half.start), reader, tables)
        data = child.result()
    if data is None or not _merge(data, entries, half, reader, tables):
        _read(entries, half, reader, tables)
    return tables


def _read(entries: Sequence[Entry], numbers: range, reader: Reader, tables: Tables) -> None:
    # reader.read inlined, with each phrasing's sorted flat: this loop runs once per
    # phrasing (300,000 times at 10,000 entries), so every call saved counts.
    words_of, replace = tx.words, tx.replace_phrases
    synonyms, starts = reader.synonyms, reader.starts
    # A phrase can only be replaced where a one-word variant stands, or where the first two
    # words of a longer one do: checked at C speed, this skips replace_phrases for most
    # phrasings ("the", "a", "how" start variants, but rarely their variant).
    singles = frozenset(key[0] for key in synonyms if len(key) == 1)
    pairs = frozenset(key[:2] for key in synonyms if len(key) > 1)
    number_of, stem_of = reader.number_of, reader.stem_of.__getitem__
    # Answers are often shared (a generated base repeats them): each read once.
    answers: dict[str, set[int]] = {}
    stem_ids = tables.stem_ids
    extend, mark, keep_text = stem_ids.extend, tables.offsets.append, tables.texts.append
    for number in numbers:
        entry = entries[number]
        first = len(stem_ids)
        flats: list[str] = []
        keep_flat = flats.append
        for phrase in (entry.question, *entry.alternates):
            words = words_of(phrase)
            if not (singles.isdisjoint(words)
                    and pairs.isdisjoint(zip(words, islice(words, 1, None), strict=False))):
                words = replace(words, synonyms, starts)[0]
            ids = dict.fromkeys(map(number_of, words))
            ids.pop(-1, None)
            if ids:
                extend(ids)
                mark(len(stem_ids))
                keep_text(phrase)
                keep_flat(" ".join(sorted(map(stem_of, words))))
        # Per entry, not per phrasing: its owner numbers, and its stems (the run just added).
        tables.owners.extend(repeat(number, len(flats)))
        own = set(stem_ids[first:])
        tables.joined_flats.append("\n".join(flats))
        tables.entry_ids.append(array("I", sorted(own)))
        ids = answers.get(entry.answer)
        if ids is None:
            ids = answers[entry.answer] = set(reader.read(entry.answer)[1])
        tables.answer_ids.append(array("I", sorted(ids - own)))


# The child's tables travel as sections, each a byte string: its stem names and the words
# it numbered (lines of text: both are letters, digits and apostrophes only), its arrays,
# which of the half's phrasings it indexed (a byte each), and the sorted flats (separated
# by NUL, which no flat holds). A header gives each section's size.
_SECTIONS = 10


def _encode(entries: Sequence[Entry], numbers: range, reader: Reader) -> bytes:
    """Runs in the child: the half's tables, in the child's own stem numbers."""
    tables = Tables()
    _read(entries, numbers, reader, tables)
    kept = bytearray()
    texts = iter(tables.texts)
    text = next(texts, None)
    for number in numbers:
        entry = entries[number]
        for phrase in (entry.question, *entry.alternates):
            indexed = phrase is text
            kept.append(indexed)
            if indexed:
                text = next(texts, None)
    sections = [
        "\n".join(reader.names).encode(), "\n".join(reader.word_numbers).encode(),
        tables.stem_ids.tobytes(), tables.offsets.tobytes(), bytes(kept),
        "\0".join(tables.joined_flats).encode(),
        *_flat(tables.entry_ids), *_flat(tables.answer_ids),
    ]
    return array("Q", map(len, sections)).tobytes() + b"".join(sections)


def _flat(groups: list[array]) -> list[bytes]:
    values = array("I")
    for group in groups:
        values.extend(group)
    return [values.tobytes(), array("I", map(len, groups)).tobytes()]


def _merge(data: bytes | bytearray, entries: Sequence[Entry], numbers: range, reader: Reader,
           tables: Tables) -> bool:
    """Append the child's tables for `numbers`, renumbered into `reader`'s stems; False,
    having changed nothing, when the data is not what _encode makes."""
    try:
        sections = _sections(data)
        names, words = (_lines(sections[n]) for n in (0, 1))
        stem_ids, offsets = _array(sections[2]), _array(sections[3])
        kept, flats = sections[4], str(sections[5], "utf-8").split("\0")
        entry_ids, answer_ids = _groups(sections[6], sections[7]), _groups(sections[8], sections[9])
    except (ValueError, UnicodeDecodeError):
        return False
    phrasings = sum(1 + len(entries[n].alternates) for n in numbers)
    if not (len(kept) == phrasings and sum(kept) == len(offsets) - 1 and offsets[0] == 0
            and offsets[-1] == len(stem_ids) and len(names) == len(set(names))
            and len(flats) == len(entry_ids) == len(answer_ids) == len(numbers)):
        return False
    # The child met its stems in the order this reader would have met them after the first
    # half: numbered in that order, those new here get the numbers one reader would give.
    found = list(map(reader.numbers.get, names))
    new = [at for at, number in enumerate(found) if number is None]
    for number, at in enumerate(new, start=len(reader.names)):
        found[at] = number
    renumber = array("I", found).__getitem__
    try:
        stem_ids = array("I", map(renumber, stem_ids))
        entry_ids = [array("I", sorted(map(renumber, ids))) for ids in entry_ids]
        answer_ids = [array("I", sorted(map(renumber, ids))) for ids in answer_ids]
    except IndexError:  # a stem number the child never gave
        return False
    for at in new:
        reader.numbers[names[at]] = found[at]
        reader.names.append(names[at])
    base = len(tables.stem_ids)
    tables.stem_ids.extend(stem_ids)
    tables.offsets.extend(map(base.__add__, islice(offsets, 1, None)))
    at = 0
    for number in numbers:
        entry = entries[number]
        phrases = (entry.question, *entry.alternates)
        mask = kept[at:at + len(phrases)]
        at += len(phrases)
        indexed = phrases if all(mask) else tuple(compress(phrases, mask))
        tables.texts.extend(indexed)
        tables.owners.extend(repeat(number, len(indexed)))
    tables.joined_flats.extend(flats)
    tables.entry_ids.extend(entry_ids)
    tables.answer_ids.extend(answer_ids)
    reader.vocabulary.update(words)
    return True


def _lines(section: memoryview) -> list[str]:
    return str(section, "utf-8").split("\n") if section else []


def _sections(data: bytes | bytearray) -> list[memoryview]:
    view = memoryview(data)
    if len(view) < 8 * _SECTIONS:
        raise ValueError("truncated")
    sizes = array("Q")
    sizes.frombytes(view[:8 * _SECTIONS])
    at = 8 * _SECTIONS
    if at + sum(sizes) != len(data):
        raise ValueError("truncated")
    sections = []
    for size in sizes:
        sections.append(view[at:at + size])
        at += size
    return sections


def _array(section: memoryview) -> array:
    values = array("I")
    values.frombytes(section)
    return values


def _groups(values: memoryview, sizes: memoryview) -> list[array]:
    flat, lengths = _array(values), _array(sizes)
    if sum(lengths) != len(flat):
        raise ValueError("sizes do not add up")
    groups, at = [], 0
    for size in lengths:
        groups.append(flat[at:at + size])
        at += size
    return groups
