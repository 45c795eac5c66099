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

import re
from array import array
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..records import field, record
from . import text as tx
from .nearwords import edit_kind, filler_typo, undoubled
from .wordlists import everyday_by_initial, everyday_words, listed

if TYPE_CHECKING:
    from ..kb.model import Entry


# Typo repair: words of 4-7 letters may be one edit off, longer ones two (OSA counts a
# swapped pair as one edit). Shorter words are too easily turned into other words, and
# common English words are never repaired at all.
TYPO_MIN_LEN = 4


# A three-letter word that is no English word is tried as a four-letter one with a letter
# dropped ("wat is kyfoplasty", "what is the cement mde of"): typos of 4-letter words.
DROPPED_MIN_LEN = 3
TYPO_LONG_LEN = 8
# Each half of a word split apart ("osteo porosis") has at least this many letters.
JOIN_MIN_PIECE = 3


# Clauses, whose comma parts are scored alone: end punctuation, "but", and a comma before a
# new clause.
_CLAUSE_BREAK = re.compile(r"[.!?;\n]+|,\s+(?=(?:but|and|so|because|now|since)\b)|\bbut\b")


# Typo repairs remembered per index, cleared when this many pile up.
_CACHE_LIMIT = 50_000


# A stem in more than this share of the entries says little about which one is meant; it
# never brings in candidates alone. At 0.5 the staff set's wrong answers rose from 1.8% to
# 2.7%, so only words in nearly every entry qualify.
COMMON_SHARE = 0.85
# Question words are no topic, however rare a knowledge base makes them.
QUESTION_STEMS = frozenset(tx.stem(w) for w in (
    "how", "what", "when", "where", "why", "who", "which", "long", "soon", "often"))


# Two-letter words that often sit inside run-together phrases ("shortofbreath").
_SHORT_JOINERS = frozenset({"i", "of", "up", "in", "to", "on", "my", "me", "is", "am"})


@record
class Analysis:
    """A patient's text after normalisation, as the matcher and safety check see it."""

    words: tuple[str, ...]
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


class _StemTables(dict):
    """index.stem_tables: per stem, what the matcher needs to skip the phrasings of its
    commonest word that cannot be any entry's best (ranking._score_segment). Made from the
    index's own postings (a held-out copy's lack its held phrasings), on first use, and
    forgotten all at once past LIMIT postings (a few MiB on a large base)."""

    LIMIT = 500_000

    def __init__(self, index: Index) -> None:
        super().__init__()
        self._index = index
        self._size = 0

    def __missing__(self, stem: str) -> tuple[list[int], frozenset[int], frozenset[int]]:
        numbers = self._index.postings[stem]
        owner = self._index.scoring_lists[1]
        seen: set[int] = set()
        firsts = []
        for number in numbers:
            entry = owner[number]
            if entry not in seen:
                seen.add(entry)
                firsts.append(number)
        if self._size > self.LIMIT:
            self.clear()
            self._size = 0
        self._size += len(numbers)
        made = self[stem] = (firsts, frozenset(numbers), frozenset(seen))
        return made


# No generated __eq__/__repr__: nothing compares indexes, and each generated method of a
# 24-field class costs start-up time. A record for records.replace (holdout).
@record(frozen=False, eq=False, repr=False)
class Index:
    """Lookup tables for one knowledge base (built by build_index)."""

    entries: tuple[Entry, ...]
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
    def _near(self) -> dict[tuple[str, int, int], list[str]]:
        """Known and everyday words a typo may be, by first letter, length and reach."""
        return {}

    @cached_property
    def entry_numbers(self) -> dict[str, int]:
        """Entry id -> its number in `entries` (made once, not per question)."""
        return {entry.id: number for number, entry in enumerate(self.entries)}

    @cached_property
    def scoring_lists(self) -> tuple[list[float], list[int]]:
        """Per phrasing, 1 / its weight and its entry's number, as lists: the matcher reads
        them for every phrasing a question finds, and a list hands back the float or int it
        holds where an array makes a new one on each read (a third of the scoring loop)."""
        numbers = list(range(len(self.entries)))  # one int object per entry, shared
        return self.inverse_weights.tolist(), list(map(numbers.__getitem__, self.phrasing_entry))

    @cached_property
    def stem_tables(self) -> _StemTables:
        """stem -> (its postings' first phrasing of each entry, in posting order; the
        postings as a set; the entries holding it), made from the postings on the stem's
        first look-up."""
        return _StemTables(self)

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

        Each clause's comma parts are also scored alone, so "I fainted once at the dentist,
        will I be put to sleep" is matched on its question too. (The safety check reads
        `text` itself.)
        """
        corrections: list[tuple[str, str]] = []
        all_words: list[str] = []
        part_stems: list[tuple[str, ...]] = []
        applied: list[tuple[str, str]] = []
        flat: list[str] = []
        checks: list[int] = []
        names = tx.proper_names(text)
        for clause in _CLAUSE_BREAK.split(tx.fold(text)):
            for part in clause.split(","):
                repaired: list[str] = []
                for word in self._rejoined(tx.words(part), corrections):
                    fixed = self.repair(word, name=word in names)
                    if fixed is None:
                        repaired.append(word)
                    else:
                        corrections.append((word, " ".join(fixed)))
                        repaired.extend(fixed)
                if not repaired:
                    continue
                all_words.extend(repaired)
                replaced, used = tx.replace_phrases(repaired, self.synonyms, self.synonym_starts)
                applied.extend(used)
                part_stems.append(tuple(tx.content(replaced)))
                flat.extend(tx.stem(w) for w in replaced)
                if tx.only_checks(repaired):
                    checks.append(len(part_stems) - 1)
        return Analysis(
            words=tuple(all_words),
            stems=tuple(dict.fromkeys(s for stems in part_stems for s in stems)),
            # A clause that only asks whether what was said is so ("is he right") names no
            # topic of its own: no clause to score on ("is kyphoplasty right for me").
            clause_stems=tuple(p for n, p in enumerate(part_stems) if n not in checks),
            corrections=tuple(corrections),
            synonyms=tuple(applied),
            flat=" ".join(flat),
            text=tx.unshouted(text[: tx.MAX_MATCH_CHARS]),
        )

    def repair(self, word: str, *, name: bool = False) -> tuple[str, ...] | None:
        """A known word (or two run together) for an unknown one, or None; a `name` is at
        most a typo, never words run together ("Endone", see tx.proper_names)."""
        if word in tx.TEXTING:
            return tx.TEXTING[word]
        if word in self.vocabulary or len(word) < DROPPED_MIN_LEN or not word.isalpha():
            return None
        if listed(word, TYPO_MIN_LEN):
            # A rare English word that is a known word with a letter doubled ("boone",
            # "spinne") is that word typed twice over: an everyday one ("coop") is itself.
            # (Never its first letter: "oocyte" is no typo of "ocyte".)
            found = next((w for w in (word[0] + rest for rest in undoubled(word[1:]))
                          if w in self.vocabulary), None)
            return (found,) if found and word not in everyday_words() else None
        if name:
            return self._nearest(word, 1) if len(word) >= TYPO_MIN_LEN else None
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
        if found is None and (filler := filler_typo(word, tx.STOPWORDS)) is not None:
            found = (filler,)
        self._repairs[word] = found
        return found

    def _rejoined(self, words: list[str], corrections: list[tuple[str, str]]) -> list[str]:
        """A word split apart ("kypho plastic", "osteo porosis"), joined again when the
        join is, or is a typo of, a word of the knowledge base; one half must be no English
        word, so "bone cement" stays two."""
        out: list[str] = []
        skip = False
        for at, word in enumerate(words):
            if skip:
                skip = False
                continue
            after = words[at + 1] if at + 1 < len(words) else ""
            joined = word + after
            if (len(after) >= JOIN_MIN_PIECE <= len(word) and len(joined) >= TYPO_LONG_LEN
                    and joined.isalpha() and not tx.STOPWORDS.intersection((word, after))
                    and not (listed(word, TYPO_MIN_LEN) and listed(after, TYPO_MIN_LEN))):
                found = (joined,) if joined in self.vocabulary else self._nearest(joined, 1)
                if found and found[0] in self.vocabulary:
                    corrections.append((f"{word} {after}", found[0]))
                    out.extend(found)
                    skip = True
                    continue
            out.append(word)
        return out

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
        key = (word[0], len(word), limit)
        choices = self._near.get(key)
        if choices is None:
            # Listed once per first letter, length and reach, not for every unknown word.
            everyday = everyday_by_initial()
            choices = self._near[key] = [
                known for size in range(len(word) - limit, len(word) + limit + 1)
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
