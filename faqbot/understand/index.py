"""What the matcher needs, prepared once at load: vocabulary, weights, postings.

A patient's text is analysed into meaning-carrying word stems (after typo repair and
the synonym map); each entry phrasing was analysed the same way at load, so matching
is a few dictionary look-ups per question.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import process
from rapidfuzz.distance import OSA

from . import text as tx

if TYPE_CHECKING:
    from ..kb.model import Entry, KnowledgeBase

# Typo repair: words of 4-7 letters may be one edit off, longer ones two (OSA counts a
# swapped pair as one edit). Shorter words are too easily turned into other words, and
# common English words are never repaired at all.
TYPO_MIN_LEN = 4
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


@dataclass(frozen=True)
class Phrasing:
    """One way an entry is asked (its question or an alternate), analysed."""

    entry: int
    text: str
    stems: frozenset[str]
    weight: float


@dataclass(frozen=True)
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

    @property
    def normalised(self) -> str:
        """The words as one string, for display and smalltalk matching."""
        return " ".join(self.words)


@dataclass
class Index:
    """Lookup tables for one knowledge base."""

    entries: tuple[Entry, ...]
    by_id: Mapping[str, Entry]
    phrasings: list[Phrasing]
    # Per phrasing number: 1 / its total word weight, and its entry (flat lists: speed).
    inverse_weights: list[float]
    phrasing_entry: list[int]
    # Each entry's phrasings as sorted words, for the fuzzy re-ranking of the leaders.
    entry_sorted_flats: dict[int, list[str]]
    postings: dict[str, list[int]]
    # Per entry: the stems of all its phrasings, and those only its answer uses (weak
    # evidence), for the "reach" signal.
    entry_stems: list[frozenset[str]]
    answer_stems: list[frozenset[str]]
    # Stems in more than COMMON_SHARE of the entries: they never bring in candidates alone.
    common_stems: frozenset[str]
    idf: dict[str, float]
    unknown_weight: float
    synonyms: dict[tuple[str, ...], tuple[str, ...]]
    longest_synonym: int
    synonym_starts: frozenset[str]
    vocabulary: frozenset[str]
    # Known words by first letter and length: a typo keeps the first letter and is at
    # most two letters longer or shorter, so only a few buckets are searched.
    by_initial: dict[tuple[str, int], list[str]]
    smalltalk_phrases: list[str]
    smalltalk_owner: list[int]
    _repairs: dict[str, tuple[str, ...] | None] = field(default_factory=dict)

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
                replaced, used = tx.replace_phrases(
                    repaired, self.synonyms, self.longest_synonym, self.synonym_starts
                )
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
        )

    def repair(self, word: str) -> tuple[str, ...] | None:
        """A known word (or two run together) for an unknown one, or None to keep it."""
        if word in self.vocabulary or len(word) < TYPO_MIN_LEN or not word.isalpha():
            return None
        if word in english_words():
            return None
        if word in self._repairs:
            return self._repairs[word]
        if len(self._repairs) > _CACHE_LIMIT:
            self._repairs.clear()
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

    def _nearest(self, word: str, limit: int) -> tuple[str, ...] | None:
        choices = [known for size in range(len(word) - limit, len(word) + limit + 1)
                   for known in self.by_initial.get((word[0], size), ())]
        close = process.extract(word, choices, scorer=OSA.distance, score_cutoff=limit, limit=8)
        if not close:
            return None
        # On a tie, a dropped letter is the likelier typo: "chst" is "chest", not "cast".
        best = min(close, key=lambda c: (c[1], len(c[0]) <= len(word), c[0]))
        return (best[0],)

    def weight(self, stem: str) -> float:
        """How much a stem says about which entry is meant (inverse entry frequency)."""
        return self.idf.get(stem, self.unknown_weight)


@cache
def english_words() -> frozenset[str]:
    """Common English words: never "repaired" into a knowledge-base word.

    Read on the first unknown word, not at start-up.
    """
    path = Path(__file__).with_name("data") / "english_words.txt"
    with path.open(encoding="utf-8") as f:
        return frozenset(line.strip() for line in f if not line.startswith("#"))


def index_of(kb: KnowledgeBase) -> Index:
    """The knowledge base's match index, built on first use and kept with it."""
    index = kb.index
    if index is None:
        index = build_index(kb)
        object.__setattr__(kb, "index", index)
    return index


def build_index(kb: KnowledgeBase) -> Index:
    """Prepare every entry phrasing once, so matching costs a few look-ups."""
    synonyms = _synonym_table(kb.synonyms)
    longest = max((len(k) for k in synonyms), default=1)
    starts = frozenset(key[0] for key in synonyms)
    vocabulary = set(tx.STOPWORDS) | set(tx.CONTRACTIONS)
    for entry in kb.entries:
        for piece in (*entry.phrasings, entry.answer):
            vocabulary.update(tx.words(piece))
    for variant, term in kb.synonyms.items():
        vocabulary.update(tx.words(variant))
        vocabulary.update(tx.words(term))
    for talk in kb.smalltalk:
        for phrase in talk.phrases:
            vocabulary.update(tx.words(phrase))
    vocabulary.update(_safety_words(kb))

    analysed: list[tuple[int, str, frozenset[str]]] = []
    entry_stems: list[set[str]] = []
    sorted_flats: dict[int, list[str]] = defaultdict(list)
    for number, entry in enumerate(kb.entries):
        stems_of_entry: set[str] = set()
        for phrase in entry.phrasings:
            replaced, _ = tx.replace_phrases(tx.words(phrase), synonyms, longest, starts)
            stems = frozenset(tx.content(replaced))
            if stems:
                analysed.append((number, phrase, stems))
                sorted_flats[number].append(" ".join(sorted(tx.stem(w) for w in replaced)))
                stems_of_entry |= stems
        entry_stems.append(stems_of_entry)

    count = max(len(kb.entries), 1)
    frequency: dict[str, int] = defaultdict(int)
    for stems in entry_stems:
        for stem in stems:
            frequency[stem] += 1
    idf = {stem: math.log(1 + count / df) for stem, df in frequency.items()}
    # A word the knowledge base never uses weighs as much as the rarest known word, so
    # "how much does kyphoplasty cost" is mostly about "cost", which nothing answers.
    unknown = math.log(1 + count)
    phrasings = [
        Phrasing(entry, text, stems, sum(idf[s] for s in stems)) for entry, text, stems in analysed
    ]
    postings: dict[str, list[int]] = defaultdict(list)
    for number, phrasing in enumerate(phrasings):
        for stem in phrasing.stems:
            postings[stem].append(number)
    for numbers in postings.values():
        numbers.sort(key=lambda n: phrasings[n].weight)

    answer_stems: list[frozenset[str]] = []
    for number, entry in enumerate(kb.entries):
        replaced, _ = tx.replace_phrases(tx.words(entry.answer), synonyms, longest, starts)
        answer_stems.append(frozenset(tx.content(replaced)) - entry_stems[number])

    by_initial: dict[tuple[str, int], list[str]] = defaultdict(list)
    for word in sorted(vocabulary):
        if word.isalpha() and len(word) >= 3:
            by_initial[word[0], len(word)].append(word)
    smalltalk = [
        (" ".join(tx.words(phrase)), number)
        for number, talk in enumerate(kb.smalltalk)
        for phrase in talk.phrases
    ]
    return Index(
        entries=kb.entries,
        by_id={entry.id: entry for entry in kb.entries},
        phrasings=phrasings,
        inverse_weights=[1 / p.weight for p in phrasings],
        phrasing_entry=[p.entry for p in phrasings],
        entry_sorted_flats=dict(sorted_flats),
        postings=dict(postings),
        entry_stems=[frozenset(stems) for stems in entry_stems],
        answer_stems=answer_stems,
        common_stems=frozenset(s for s, df in frequency.items() if df > COMMON_SHARE * count),
        idf=idf,
        unknown_weight=unknown,
        synonyms=synonyms,
        longest_synonym=longest,
        synonym_starts=starts,
        vocabulary=frozenset(vocabulary),
        by_initial=dict(by_initial),
        smalltalk_phrases=[phrase for phrase, _ in smalltalk],
        smalltalk_owner=[owner for _, owner in smalltalk],
    )


def _synonym_table(synonyms: Mapping[str, str]) -> dict[tuple[str, ...], tuple[str, ...]]:
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for variant, term in synonyms.items():
        key = tuple(tx.words(variant))
        if key:
            table[key] = tuple(tx.words(term))
    return table


def _safety_words(kb: KnowledgeBase) -> set[str]:
    found: set[str] = set()
    for rule in kb.safety.rules:
        for pattern in rule.patterns:
            found.update(re.findall(r"[a-z]{4,}", pattern.pattern))
    for tier in kb.safety.tiers.values():
        found.update(tx.words(tier.message))
    return found
