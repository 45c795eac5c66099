"""What the matcher needs, prepared once at load: vocabulary, weights, postings.

A patient's text is analysed into meaning-carrying word stems (after typo repair and
the synonym map); each entry phrasing was analysed the same way at load, so matching
is a few dictionary look-ups per question.

The tables are flat: every stem has a number, a phrasing is a run of stem numbers in
one array('I') (its start in another), postings are arrays of phrasing numbers. An
object per phrasing (a frozenset and a dataclass) made up half of a large knowledge
base's memory; arrays hold no Python objects, so they also cost the cyclic GC nothing.
"""

from __future__ import annotations

import gc
import math
import re
from array import array
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from functools import cache, cached_property
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..kb.memory import paused_gc
from ..records import field, record
from . import text as tx

if TYPE_CHECKING:
    from ..kb.model import Entry, KnowledgeBase

# Typo repair: words of 4-7 letters may be one edit off, longer ones two (OSA counts a
# swapped pair as one edit). Shorter words are too easily turned into other words, and
# common English words are never repaired at all.
TYPO_MIN_LEN = 4
# A three-letter word that is no English word is tried as a four-letter one with a letter
# dropped ("wat is kyfoplasty", "what is the cement mde of"): typos of 4-letter words.
DROPPED_MIN_LEN = 3
TYPO_LONG_LEN = 8
# Sentences for the safety check: end punctuation, "but", and a comma before a new clause.
_CLAUSE_BREAK = re.compile(r"[.!?;\n]+|,\s+(?=(?:but|and|so|because|now|since)\b)|\bbut\b")
# Typo repairs remembered per index, cleared when this many pile up.
_CACHE_LIMIT = 50_000
# A stem in more than this share of the entries says little about which one is meant; it
# never brings in candidates alone. At 0.5 the staff set's wrong answers rose from 1.8% to
# 2.7%, so only words in nearly every entry qualify.
COMMON_SHARE = 0.85
# Two-letter words that often sit inside run-together phrases ("shortofbreath").
_SHORT_JOINERS = frozenset({"i", "of", "up", "in", "to", "on", "my", "me", "is", "am"})


@record
class Analysis:
    """A patient's text after normalisation, as the matcher and safety check see it."""

    words: tuple[str, ...]
    clauses: tuple[str, ...]
    # The same sentences before typo repair: the safety check reads both, so a repair
    # can add a red flag ("brething") but never hide one ("puked" is not "poked").
    raw_clauses: tuple[str, ...]
    stems: tuple[str, ...]
    clause_stems: tuple[tuple[str, ...], ...]
    # Every word (stop words too), synonyms applied and stemmed: what the fuzzy signal compares.
    flat: str
    corrections: tuple[tuple[str, str], ...]
    synonyms: tuple[tuple[str, str], ...]
    # The text as typed (cut to MAX_MATCH_CHARS): the safety check reads it afresh, with
    # its own vocabulary, numbers and sentence marks.
    text: str = ""

    @property
    def normalised(self) -> str:
        """The words as one string, for display and smalltalk matching."""
        return " ".join(self.words)


class AnswerStems(Sequence[frozenset[str]]):
    """Per entry, the stems only its answer uses (weak evidence for the "reach" signal).

    Kept as sorted stem numbers (4 bytes a stem; frozensets for all of them were 21 MiB at
    10,000 entries) and made into a frozenset when an entry is first asked about, at most
    CACHE entries at a time: the matcher asks `stem in answer_stems[n]` ~800 times in a
    long question, too often for a Python-level __contains__."""

    # Enough for every entry of a large base: at 10,000 entries a long question has ~1,500
    # entries in the running, and a smaller cache was rebuilt every few questions.
    CACHE = 20_000
    __slots__ = ("_made", "_names", "ids")

    def __init__(self, ids: list[array], names: Sequence[str]) -> None:
        self.ids = ids
        self._names = names
        self._made: dict[int, frozenset[str]] = {}

    def __getitem__(self, entry: int) -> frozenset[str]:  # type: ignore[override]
        made = self._made.get(entry)
        if made is None:
            if len(self._made) >= self.CACHE:
                self._made.clear()
            made = self._made[entry] = frozenset(map(self._names.__getitem__, self.ids[entry]))
        return made

    def __len__(self) -> int:
        return len(self.ids)


class Postings(Mapping[str, memoryview]):
    """stem -> the numbers of the phrasings holding it, lightest first: slices of one flat
    array (an array per stem cost 20 MiB of headers at 10,000 entries)."""

    __slots__ = ("_count", "_flat", "_names", "_numbers", "_offsets", "flat", "offsets")

    def __init__(self, flat: array, offsets: array, numbers: Mapping[str, int],
                 names: Sequence[str]) -> None:
        self.flat, self.offsets = flat, offsets
        self._flat = memoryview(flat)
        self._offsets, self._numbers, self._names = offsets, numbers, names
        self._count = sum(1 for n in range(len(offsets) - 1) if offsets[n] != offsets[n + 1])

    def __getitem__(self, stem: str) -> memoryview:
        number = self._numbers[stem]
        start, end = self._offsets[number], self._offsets[number + 1]
        if start == end:
            raise KeyError(stem)
        return self._flat[start:end]

    def __iter__(self) -> Iterator[str]:
        offsets = self._offsets
        return (name for n, name in enumerate(self._names) if offsets[n] != offsets[n + 1])

    def __len__(self) -> int:
        return self._count


class SortedFlats(Mapping[int, list[str]]):
    """Per entry, its phrasings' words (stop words too) stemmed and sorted, one string per
    phrasing: what the fuzzy re-ranking compares. Held as one string per entry; entries
    without an indexed phrasing are absent."""

    __slots__ = ("joined",)

    def __init__(self, joined: list[str]) -> None:
        self.joined = joined

    def __getitem__(self, entry: int) -> list[str]:
        joined = self.joined[entry]
        if not joined:
            raise KeyError(entry)
        return joined.split("\n")

    def __iter__(self) -> Iterator[int]:
        return (entry for entry, joined in enumerate(self.joined) if joined)

    def __len__(self) -> int:
        return sum(1 for joined in self.joined if joined)


class Phrasing:
    """One indexed phrasing, made on request from the flat tables (see Index.phrasings).
    A plain class: a dataclass costs ~0.5 ms of start-up to create."""

    __slots__ = ("entry", "stems", "text", "weight")

    def __init__(self, entry: int, text: str, stems: frozenset[str], weight: float) -> None:
        self.entry, self.text, self.stems, self.weight = entry, text, stems, weight

    def __repr__(self) -> str:
        return f"Phrasing({self.entry}, {self.text!r})"


class _Phrasings(Sequence[Phrasing]):
    """index.phrasings: a view that makes a Phrasing only when one is asked for."""

    __slots__ = ("_index",)

    def __init__(self, index: Index) -> None:
        self._index = index

    def __len__(self) -> int:
        return len(self._index.phrasing_entry)

    def __getitem__(self, number: int) -> Phrasing:  # type: ignore[override]
        index = self._index
        if not 0 <= number < len(index.phrasing_entry):
            raise IndexError(number)
        return Phrasing(index.phrasing_entry[number], index.phrasing_texts[number],
                        frozenset(index.phrasing_stems(number)),
                        1 / index.inverse_weights[number])


# No generated __eq__/__repr__: nothing compares indexes, and each generated method of a
# 24-field class costs start-up time. A record for records.replace (holdout).
@record(frozen=False, eq=False, repr=False)
class Index:
    """Lookup tables for one knowledge base (built by build_index)."""

    entries: tuple[Entry, ...]
    by_id: Mapping[str, Entry]
    # Stem numbers: stem_ids[stem] -> number, stems[number] -> stem.
    stem_ids: dict[str, int]
    stems: list[str]
    # Phrasing n is stems phrasing_stem_ids[phrasing_offsets[n]:phrasing_offsets[n + 1]],
    # of entry phrasing_entry[n], worded phrasing_texts[n].
    phrasing_stem_ids: array
    phrasing_offsets: array
    phrasing_entry: array
    phrasing_texts: list[str]
    # Per phrasing: 1 / its total stem weight.
    inverse_weights: array
    # Phrasing numbers per stem, shortest (lightest) phrasing first.
    postings: Mapping[str, Sequence[int]]  # a Postings view, or a calibration copy
    entry_sorted_flats: Mapping[int, list[str]]
    # Per entry: the stems of all its phrasings, and those only its answer uses (weak
    # evidence), for the "reach" signal.
    entry_stems: Sequence[frozenset[str]]
    answer_stems: Sequence[frozenset[str]]
    # Stems in more than COMMON_SHARE of the entries: they never bring in candidates alone.
    common_stems: frozenset[str]
    idf: dict[str, float]
    unknown_weight: float
    synonyms: dict[tuple[str, ...], tuple[str, ...]]
    # First words of the synonym phrases, with their lengths (text.phrase_starts).
    synonym_starts: dict[str, tuple[int, ...]]
    vocabulary: frozenset[str]
    # Known words by first letter and length: a typo keeps the first letter and is at
    # most two letters longer or shorter, so only a few buckets are searched.
    by_initial: dict[tuple[str, int], list[str]]
    smalltalk_phrases: list[str]
    smalltalk_owner: list[int]
    _repairs: dict[str, tuple[str, ...] | None] = field(default_factory=dict)

    @cached_property
    def entry_numbers(self) -> dict[str, int]:
        """Entry id -> its number in `entries` (made once, not per question)."""
        return {entry.id: number for number, entry in enumerate(self.entries)}

    @property
    def phrasings(self) -> Sequence[Phrasing]:
        """Every indexed phrasing as an object (made on request: the tables are flat)."""
        return _Phrasings(self)

    @property
    def phrasing_count(self) -> int:
        """How many phrasings are indexed (those with at least one meaningful stem)."""
        return len(self.phrasing_entry)

    def phrasing_text(self, number: int) -> str:
        """Phrasing `number` as written in the knowledge base."""
        return self.phrasing_texts[number]

    def phrasing_stems(self, number: int) -> tuple[str, ...]:
        """Phrasing `number`'s meaningful stems, in the order they occur."""
        offsets, stems = self.phrasing_offsets, self.stems
        return tuple(stems[i] for i in
                     self.phrasing_stem_ids[offsets[number]:offsets[number + 1]])

    def phrasing_has(self, number: int, stem: str) -> bool:
        """Whether phrasing `number` holds `stem`."""
        stem_number = self.stem_ids.get(stem)
        offsets = self.phrasing_offsets
        return stem_number is not None and stem_number in \
            self.phrasing_stem_ids[offsets[number]:offsets[number + 1]]

    def analyse(self, text: str) -> Analysis:
        """Normalise a patient's text: fold, repair typos, apply synonyms, keep stems.

        Sentences are kept apart for the safety check ("clauses"); each clause's comma
        parts are also scored alone, so "I fainted once at the dentist, will I be put to
        sleep" is matched on its question too.
        """
        corrections: list[tuple[str, str]] = []
        clauses: list[str] = []
        all_words: list[str] = []
        part_stems: list[tuple[str, ...]] = []
        applied: list[tuple[str, str]] = []
        flat: list[str] = []
        raw_clauses: list[str] = []
        for clause in _CLAUSE_BREAK.split(tx.fold(text)):
            clause_words: list[str] = []
            raw_words: list[str] = []
            for part in clause.split(","):
                repaired: list[str] = []
                part_words = tx.words(part)
                raw_words.extend(part_words)
                for word in part_words:
                    fixed = self.repair(word)
                    if fixed is None:
                        repaired.append(word)
                    else:
                        corrections.append((word, " ".join(fixed)))
                        repaired.extend(fixed)
                if not repaired:
                    continue
                clause_words.extend(repaired)
                replaced, used = tx.replace_phrases(repaired, self.synonyms, self.synonym_starts)
                applied.extend(used)
                part_stems.append(tuple(tx.content(replaced)))
                flat.extend(tx.stem(w) for w in replaced)
            if clause_words:
                clauses.append(" ".join(clause_words))
                raw_clauses.append(" ".join(raw_words))
                all_words.extend(clause_words)
        return Analysis(
            words=tuple(all_words),
            clauses=tuple(clauses),
            raw_clauses=tuple(raw_clauses),
            stems=tuple(dict.fromkeys(s for stems in part_stems for s in stems)),
            clause_stems=tuple(part_stems),
            corrections=tuple(corrections),
            synonyms=tuple(applied),
            flat=" ".join(flat),
            text=text[: tx.MAX_MATCH_CHARS],
        )

    def repair(self, word: str) -> tuple[str, ...] | None:
        """A known word (or two run together) for an unknown one, or None to keep it."""
        if word in self.vocabulary or len(word) < DROPPED_MIN_LEN or not word.isalpha():
            return None
        if word in (english_words() if len(word) >= TYPO_MIN_LEN else everyday_words()):
            return None
        if word in self._repairs:
            return self._repairs[word]
        if len(self._repairs) > _CACHE_LIMIT:
            self._repairs.clear()
        if len(word) < TYPO_MIN_LEN:
            found = self._dropped_letter(word)
            self._repairs[word] = found
            return found
        found = self._nearest(word, 1) or self._split(word)
        if found is None and len(word) >= TYPO_LONG_LEN:
            found = self._nearest(word, 2)
        self._repairs[word] = found
        return found

    def _split(self, word: str, parts: int = 5) -> tuple[str, ...] | None:
        """Words run together ("chestpain", "shortofbreath"), up to `parts` of them."""
        for cut in range(1, len(word) - 1):
            left, right = word[:cut], word[cut:]
            if left not in self.vocabulary or (len(left) < 3 and left not in _SHORT_JOINERS):
                continue
            if right in self.vocabulary and len(right) >= 3:
                return (*tx.words(left), *tx.words(right))
            if parts > 2:
                rest = self._split(right, parts - 1)
                if rest:
                    return (*tx.words(left), *rest)
        return None

    def _dropped_letter(self, word: str) -> tuple[str, ...] | None:
        """A four-letter word with one letter dropped ("wat", "mde", "ste"): the known word,
        the likeliest on a tie (see _likeliest). Everyday words are no choice here:
        too many of them are one letter from a short word ("pad": "paid", "hes": "hers")."""
        choices = self.by_initial.get((word[0], len(word) + 1), ())
        close = process.extract(word, choices, scorer=OSA.distance, score_cutoff=1, limit=8)
        return (self._likeliest(word, close),) if close else None

    def _nearest(self, word: str, limit: int) -> tuple[str, ...] | None:
        everyday = everyday_by_initial()
        choices = [known for size in range(len(word) - limit, len(word) + limit + 1)
                   for bucket in (self.by_initial, everyday)
                   for known in bucket.get((word[0], size), ())]
        close = process.extract(word, choices, scorer=OSA.distance, score_cutoff=limit, limit=12)
        return (self._likeliest(word, close),) if close else None

    def _likeliest(self, word: str, close: Sequence[tuple[str, float, int]]) -> str:
        """The candidate a typist most likely meant: fewest edits; then an edit of the
        kinds people make (two letters swapped, one dropped or doubled: "wheere" is
        "where", not "wheeze"; "tiem" is "time", not "them") before a letter replaced;
        then the word the knowledge base uses most, then an everyday one."""
        everyday = everyday_words()

        def key(found: tuple[str, float, int]) -> tuple[float, int, float, str]:
            known = found[0]
            stem = tx.stem(known)
            common = self.idf.get(stem, 20.0 if known in everyday else 40.0)
            return (found[1], edit_kind(word, known), common, known)

        return min(close, key=key)[0]

    def weight(self, stem: str) -> float:
        """How much a stem says about which entry is meant (inverse entry frequency)."""
        return self.idf.get(stem, self.unknown_weight)


# Look-ups answered by bisecting the word list's text before it is made a set: a
# question asks a few (reading the file: ~0.2 ms; the set of its 28,000 words: 5-7 ms of
# a ~90 ms start), splitting a run-together word or a benchmark asks thousands.
WORD_LIST_BISECTIONS = 64


class WordList:
    """A sorted word list, one word a line after its "#" comment lines: `word in it`
    bisects the text until WORD_LIST_BISECTIONS look-ups, then uses a set."""

    __slots__ = ("_text", "_start", "_left", "_set")

    def __init__(self, text: str) -> None:
        start = 0
        while text.startswith("#", start):
            end = text.find("\n", start)
            start = len(text) if end < 0 else end + 1
        self._text, self._start = text, start
        self._left = WORD_LIST_BISECTIONS
        # A comment further down would break the order: a set from the start (no word
        # holds a "#", so one character's search, at memchr speed, tells).
        self._set: frozenset[str] | None = self._as_set() if text.find("#", start) >= 0 else None

    def _as_set(self) -> frozenset[str]:
        # One word a line, "#" lines are comments. Whole-file set operations rather than
        # a loop over 28,000 lines (5 ms -> ~1 ms).
        text = self._text
        return frozenset(text.split("\n")) - frozenset(_comment_lines(text)) - {""}

    def __contains__(self, word: object) -> bool:
        if self._set is not None:
            return word in self._set
        self._left -= 1
        if self._left < 0:
            self._set = self._as_set()
            return word in self._set
        if not isinstance(word, str) or not word or "\n" in word or word.startswith("#"):
            return False
        text = self._text
        low, high = self._start, len(text)
        while low < high:  # low and high stand at the start of a line
            middle = (low + high) // 2
            line_start = text.rfind("\n", low, middle) + 1 or low
            line_end = text.find("\n", line_start)
            line_end = len(text) if line_end < 0 else line_end
            line = text[line_start:line_end]
            if word == line:
                return True
            if word < line:
                high = line_start
            else:
                low = line_end + 1
        return False


@cache
def english_words() -> WordList:
    """Common English words: never "repaired" into a knowledge-base word.

    Read on the first unknown word, not at start-up.
    """
    return WordList((Path(__file__).with_name("data") / "english_words.txt").read_text(encoding="utf-8"))


def _comment_lines(text: str) -> list[str]:
    """The lines of `text` that start with "#" (found with str.find: a few, at the top)."""
    found: list[str] = []
    start = 0 if text.startswith("#") else text.find("\n#") + 1
    while start > 0 or (start == 0 and text.startswith("#")):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        found.append(text[start:end])
        start = text.find("\n#", end) + 1
        if start == 0:
            break
    return found


def edit_kind(typed: str, known: str) -> int:
    """0 for the typos people make most (a dropped letter, a doubled one, two letters
    swapped), 1 otherwise (another letter added or one replaced)."""
    if len(known) == len(typed) + 1:
        return 0
    if len(known) == len(typed) - 1:
        doubled = any(typed[i] == typed[i - 1] and typed[:i] + typed[i + 1:] == known
                      for i in range(1, len(typed)))
        return 0 if doubled else 1
    if len(known) == len(typed) and sorted(known) == sorted(typed):
        return 0
    return 1


@cache
def everyday_by_initial() -> dict[tuple[str, int], list[str]]:
    """Everyday words by first letter and length: typos of the words around the meaning
    ("shuold", "tiem") are repaired too, so they are not read as unknown words."""
    found: dict[tuple[str, int], list[str]] = {}
    for word in sorted(everyday_words()):
        if word.isalpha() and len(word) >= 3:
            found.setdefault((word[0], len(word)), []).append(word)
    return found


@cache
def everyday_stems() -> frozenset[str]:
    """The stems of the everyday words."""
    return frozenset(tx.stem(w) for w in everyday_words())


@cache
def everyday_words() -> frozenset[str]:
    """The ~2,000 most frequent English words: a three-letter word among them is never
    repaired, and none is named as a topic the knowledge base does not cover."""
    path = Path(__file__).with_name("data") / "everyday_words.txt"
    with path.open(encoding="utf-8") as f:
        return frozenset(line.strip() for line in f if not line.startswith("#"))


def index_of(kb: KnowledgeBase) -> Index:
    """The knowledge base's match index, built on first use and kept with it (and, where
    the loader found a cache folder, kept there as data for the next start)."""
    index = kb.index
    if index is None:
        store = kb.cache
        index = _from_data(kb, store.read("index")) if store is not None else None
        if index is None:
            index = build_index(kb)
            if store is not None:
                store.write("index", _to_data(index))
        object.__setattr__(kb, "index", index)
        # The red-flag reader is built now too, so no first message pays for it.
        from .reading import reader_of  # here: reading imports this module

        reader_of(kb.safety)
        # What was loaded lives as long as the program: move it out of the cyclic GC's
        # sight, so later collections do not walk a large knowledge base again and again.
        gc.freeze()
    return index


def _flat(groups: Sequence[Sequence[int]]) -> tuple[array, array]:
    values, offsets = array("I"), array("I", [0])
    for group in groups:
        values.extend(group)
        offsets.append(len(values))
    return values, offsets


def _groups(values: array, offsets: array) -> list[array]:
    return [values[offsets[n]:offsets[n + 1]] for n in range(len(offsets) - 1)]


def _to_data(index: Index) -> dict[str, object]:
    """The index as plain data for the cache (faqbot/kb/cache.py): lists, strings, arrays."""
    positions = array("I")
    at = 0
    entries = index.entries
    for number, text in enumerate(index.phrasing_texts):
        entry = entries[index.phrasing_entry[number]]
        if number and index.phrasing_entry[number] != index.phrasing_entry[number - 1]:
            at = 0
        wordings = (entry.question, *entry.alternates)
        while wordings[at] != text:
            at += 1
        positions.append(at)
        at += 1
    postings, posting_offsets = _flat([index.postings.get(stem, ()) for stem in index.stems])  # type: ignore[misc]
    numbers = index.stem_ids
    entry_ids, entry_offsets = _flat([sorted(map(numbers.__getitem__, s)) for s in index.entry_stems])
    answer_ids, answer_offsets = _flat(index.answer_stems.ids)  # type: ignore[attr-defined]
    known = sorted(numbers[stem] for stem in index.idf)
    return {
        "entries": len(entries),
        "stems": index.stems,
        "phrasing_stem_ids": index.phrasing_stem_ids,
        "phrasing_offsets": index.phrasing_offsets,
        "phrasing_entry": index.phrasing_entry,
        "phrasing_positions": positions,
        "inverse_weights": index.inverse_weights,
        "postings": [postings, posting_offsets],
        "entry_stems": [entry_ids, entry_offsets],
        "answer_stems": [answer_ids, answer_offsets],
        "sorted_flats": index.entry_sorted_flats.joined,  # type: ignore[attr-defined]
        "common_stems": sorted(index.common_stems),
        "idf": [array("I", known), array("d", (index.idf[index.stems[n]] for n in known))],
        "unknown_weight": index.unknown_weight,
        "synonyms": [[list(k), list(v)] for k, v in index.synonyms.items()],
        "vocabulary": sorted(index.vocabulary),
        "by_initial": [[k[0], k[1], words] for k, words in index.by_initial.items()],
        "smalltalk": [index.smalltalk_phrases, index.smalltalk_owner],
    }


def _from_data(kb: KnowledgeBase, data: object) -> Index | None:
    """An index from the cache's data, or None when the data do not fit this knowledge base."""
    if not isinstance(data, dict) or data.get("entries") != len(kb.entries):
        return None
    try:
        return _unpack(kb, data)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None


def _unpack(kb: KnowledgeBase, data: dict) -> Index | None:
    stems = [str(s) for s in data["stems"]]
    stem_ids, offsets, owners, positions = (data[k] for k in (
        "phrasing_stem_ids", "phrasing_offsets", "phrasing_entry", "phrasing_positions"))
    inverse = data["inverse_weights"]
    arrays = (stem_ids, offsets, owners, positions, inverse, *data["postings"],
              *data["entry_stems"], *data["answer_stems"], *data["idf"])
    if not all(isinstance(a, array) for a in arrays):
        return None
    count = len(owners)
    if (len(offsets) != count + 1 or len(positions) != count or len(inverse) != count
            or offsets[-1] != len(stem_ids) or (stem_ids and max(stem_ids) >= len(stems))
            or (owners and max(owners) >= len(kb.entries))):
        return None
    numbers = dict(zip(stems, range(len(stems)), strict=True))
    texts = []
    for entry, at in zip(owners, positions, strict=True):
        entry_ = kb.entries[entry]
        texts.append(entry_.question if at == 0 else entry_.alternates[at - 1])
    posting_flat, posting_offsets = data["postings"]
    entry_ids = _groups(*data["entry_stems"])
    answer_ids = _groups(*data["answer_stems"])
    idf_numbers, idf_values = data["idf"]
    joined = [str(j) for j in data["sorted_flats"]]
    if not (len(posting_offsets) == len(stems) + 1 and posting_offsets[-1] == len(posting_flat)
            and (not posting_flat or max(posting_flat) < count) and len(entry_ids) == len(answer_ids)
            == len(joined) == len(kb.entries) and len(idf_numbers) == len(idf_values)):
        return None
    phrases, owner = data["smalltalk"]
    return Index(
        entries=kb.entries,
        by_id={entry.id: entry for entry in kb.entries},
        stem_ids=numbers,
        stems=stems,
        phrasing_stem_ids=stem_ids,
        phrasing_offsets=offsets,
        phrasing_entry=owners,
        phrasing_texts=texts,
        inverse_weights=inverse,
        postings=Postings(posting_flat, posting_offsets, numbers, stems),
        entry_sorted_flats=SortedFlats(joined),
        entry_stems=[frozenset(map(stems.__getitem__, ids)) for ids in entry_ids],
        answer_stems=AnswerStems(answer_ids, stems),
        common_stems=frozenset(map(str, data["common_stems"])),
        idf={stems[n]: v for n, v in zip(idf_numbers, idf_values, strict=True)},
        unknown_weight=float(data["unknown_weight"]),
        synonyms=(synonyms := {tuple(map(str, k)): tuple(map(str, v)) for k, v in data["synonyms"]}),
        synonym_starts=tx.phrase_starts(synonyms),
        vocabulary=frozenset(map(str, data["vocabulary"])),
        by_initial={(str(a), int(b)): [str(w) for w in words] for a, b, words in data["by_initial"]},
        smalltalk_phrases=[str(p) for p in phrases],
        smalltalk_owner=[int(o) for o in owner],
    )


def build_index(kb: KnowledgeBase) -> Index:
    """Prepare every entry phrasing once, so matching costs a few look-ups."""
    with paused_gc():  # millions of small objects, none of them garbage
        return _build(kb)


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


class _Reader:
    """Stem numbering and per-word caches shared by one build: each text is split into
    words once, each distinct word stemmed once, the rest runs at C speed."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.vocabulary: set[str] = set(tx.STOPWORDS) | set(tx.CONTRACTIONS)
        self.synonyms = _synonym_table(kb.synonyms, self.vocabulary)
        self.starts = tx.phrase_starts(self.synonyms)
        self.numbers: dict[str, int] = {}
        self.names: list[str] = []
        self.stem_of: dict[str, str] = {}
        self.number_of = _WordNumbers(self.numbers, self.names, self.stem_of).__getitem__

    def read(self, text: str) -> tuple[list[str], list[int]]:
        """A text's words after the synonym map, and its meaningful stems' numbers in
        order without repeats. Its original words join the vocabulary."""
        words = tx.words(text)
        self.vocabulary.update(words)
        words = tx.replace_phrases(words, self.synonyms, self.starts)[0]
        found = dict.fromkeys(map(self.number_of, words))
        found.pop(-1, None)
        return words, list(found)


def _build(kb: KnowledgeBase) -> Index:
    reader = _Reader(kb)
    stem_ids = array("I")
    offsets = array("I", [0])
    owners = array("I")
    texts: list[str] = []
    joined_flats: list[str] = []
    entry_ids: list[array] = []
    answer_ids: list[array] = []
    # reader.read inlined, with each phrasing's sorted flat (its words stemmed and sorted,
    # as the fuzzy re-ranking compares them): this loop runs once per phrasing (300,000
    # times at 10,000 entries), so every call saved counts.
    words_of, replace, vocabulary_add = tx.words, tx.replace_phrases, reader.vocabulary.update
    synonyms, starts = reader.synonyms, reader.starts
    # A phrase can only be replaced where a one-word variant stands, or where the first two
    # words of a longer one do: checked at C speed, this skips replace_phrases for most
    # phrasings ("the", "a", "how" start variants, but rarely their variant).
    singles = frozenset(key[0] for key in synonyms if len(key) == 1)
    pairs = frozenset(key[:2] for key in synonyms if len(key) > 1)
    number_of, stem_of = reader.number_of, reader.stem_of.__getitem__
    for number, entry in enumerate(kb.entries):
        own: set[int] = set()
        flats: list[str] = []
        for phrase in (entry.question, *entry.alternates):
            words = words_of(phrase)
            vocabulary_add(words)
            if not (singles.isdisjoint(words)
                    and pairs.isdisjoint(zip(words, islice(words, 1, None), strict=False))):
                words = replace(words, synonyms, starts)[0]
            ids = dict.fromkeys(map(number_of, words))
            ids.pop(-1, None)
            if ids:
                stem_ids.extend(ids)
                offsets.append(len(stem_ids))
                owners.append(number)
                texts.append(phrase)
                flats.append(" ".join(sorted(map(stem_of, words))))
                own.update(ids)
        joined_flats.append("\n".join(flats))
        entry_ids.append(array("I", sorted(own)))
        _words, ids = reader.read(entry.answer)
        answer_ids.append(array("I", sorted(set(ids) - own)))
    vocabulary = reader.vocabulary
    for talk in kb.smalltalk:
        for phrase in talk.phrases:
            vocabulary.update(tx.words(phrase))
    vocabulary.update(_safety_words(kb))

    names = reader.names
    count = max(len(kb.entries), 1)
    frequency = Counter()
    for ids in entry_ids:
        frequency.update(ids)
    idf_of = [0.0] * len(names)
    for stem_number, df in frequency.items():
        idf_of[stem_number] = math.log(1 + count / df)
    idf = {names[n]: idf_of[n] for n in sorted(frequency)}
    # A word the knowledge base never uses weighs as much as the rarest known word, so
    # "how much does kyphoplasty cost" is mostly about "cost", which nothing answers.
    unknown = math.log(1 + count)
    total = len(owners)
    weights = [math.fsum(map(idf_of.__getitem__, stem_ids[offsets[n]:offsets[n + 1]]))
               for n in range(total)]
    # Postings shortest phrasing first (ties in phrasing order), so a capped posting list
    # keeps the phrasings where the word matters most: filled in that order once.
    # Counted first, then filled into one flat array (a counting sort by stem number).
    sizes = Counter(stem_ids)
    starts = array("I", [0])
    for stem_number in range(len(names)):
        starts.append(starts[-1] + sizes.get(stem_number, 0))
    flat = array("I", bytes(4 * starts[-1]))
    cursor = array("I", starts)
    for n in sorted(range(total), key=weights.__getitem__):
        for stem_number in stem_ids[offsets[n]:offsets[n + 1]]:
            flat[cursor[stem_number]] = n
            cursor[stem_number] += 1
    numbers = reader.numbers
    postings = Postings(flat, starts, numbers, names)

    by_initial: dict[tuple[str, int], list[str]] = {}
    for word in sorted(vocabulary):
        if word.isalpha() and len(word) >= 3:
            by_initial.setdefault((word[0], len(word)), []).append(word)
    smalltalk = [
        (" ".join(tx.words(phrase)), number)
        for number, talk in enumerate(kb.smalltalk)
        for phrase in talk.phrases
    ]
    return Index(
        entries=kb.entries,
        by_id={entry.id: entry for entry in kb.entries},
        stem_ids=numbers,
        stems=names,
        phrasing_stem_ids=stem_ids,
        phrasing_offsets=offsets,
        phrasing_entry=owners,
        phrasing_texts=texts,
        inverse_weights=array("d", (1 / w for w in weights)),
        postings=postings,
        entry_sorted_flats=SortedFlats(joined_flats),
        # Frozensets, not the sorted arrays they are made from: the matcher asks `stem in
        # entry_stems[n]` for every entry in the running and every word (~1,300 times a
        # question); a Python-level __contains__ made that a third of a question's time.
        entry_stems=[frozenset(map(names.__getitem__, ids)) for ids in entry_ids],
        answer_stems=AnswerStems(answer_ids, names),
        common_stems=frozenset(names[n] for n, df in frequency.items() if df > COMMON_SHARE * count),
        idf=idf,
        unknown_weight=unknown,
        synonyms=reader.synonyms,
        synonym_starts=reader.starts,
        vocabulary=frozenset(vocabulary),
        by_initial=by_initial,
        smalltalk_phrases=[phrase for phrase, _ in smalltalk],
        smalltalk_owner=[owner for _, owner in smalltalk],
    )


def _synonym_table(synonyms: Mapping[str, str], vocabulary: set[str]
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


def _safety_words(kb: KnowledgeBase) -> set[str]:
    found = {word for word in kb.safety.vocabulary if len(word) >= 4 and word.isalpha()}
    for tier in kb.safety.tiers.values():
        found.update(tx.words(tier.message))
    return found
