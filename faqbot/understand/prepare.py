"""Preparing a knowledge base's index: built once (or read back from the load cache) and
kept with the knowledge base, so matching costs a few look-ups per question."""

from __future__ import annotations

import gc
import math
from array import array
from collections import Counter
from collections.abc import Mapping
from itertools import chain, islice, repeat
from operator import sub
from typing import TYPE_CHECKING

from ..kb.memory import paused_gc
from . import text as tx
from .index import COMMON_SHARE, QUESTION_STEMS, Index
from .stored import from_data, to_data
from .tables import AnswerStems, Postings, SortedFlats

if TYPE_CHECKING:
    from ..kb.model import KnowledgeBase


def index_of(kb: KnowledgeBase) -> Index:
    """The knowledge base's match index, built on first use and kept with it (and, where
    the loader found a cache folder, kept there as data for the next start)."""
    index = kb.index
    if index is None:
        store = kb.cache
        index = from_data(kb, store.read("index")) if store is not None else None
        if index is None:
            index = build_index(kb)
            if store is not None:
                store.write("index", to_data(index))
        object.__setattr__(kb, "index", index)
        # The red-flag reader is built now too, so no first message pays for it.
        from .reading import reader_of  # here: reading imports this module

        reader_of(kb.safety)
        # What was loaded lives as long as the program: move it out of the cyclic GC's
        # sight, so later collections do not walk a large knowledge base again and again.
        gc.freeze()
    return index


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
    extend, mark, keep_text = stem_ids.extend, offsets.append, texts.append
    for number, entry in enumerate(kb.entries):
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
        owners.extend(repeat(number, len(flats)))
        own = set(stem_ids[first:])
        joined_flats.append("\n".join(flats))
        entry_ids.append(array("I", sorted(own)))
        ids = answers.get(entry.answer)
        if ids is None:
            ids = answers[entry.answer] = set(reader.read(entry.answer)[1])
        answer_ids.append(array("I", sorted(ids - own)))
    # A phrasing's words join the vocabulary as they were written, before the synonym map:
    # those it replaced are variants, in the vocabulary already (_synonym_table), so the
    # words numbered (every word after the map) are the same set, added once.
    vocabulary = reader.vocabulary
    vocabulary.update(reader.word_numbers)
    for talk in kb.smalltalk:
        for phrase in talk.phrases:
            vocabulary.update(tx.words(phrase))
    vocabulary.update(_safety_words(kb))

    names = reader.names
    count = max(len(kb.entries), 1)
    frequency = Counter(chain.from_iterable(entry_ids))
    idf_of = [0.0] * len(names)
    for stem_number, df in frequency.items():
        idf_of[stem_number] = math.log(1 + count / df)
    idf = {names[n]: idf_of[n] for n in sorted(frequency)}
    # A word the knowledge base never uses weighs as much as the rarest known word, so
    # "how much does kyphoplasty cost" is mostly about "cost", which nothing answers.
    unknown = math.log(1 + count)
    total = len(owners)
    # One pass over the stem numbers, cut into phrasings (no array slice per phrasing).
    stem_idfs, fsum = map(idf_of.__getitem__, stem_ids), math.fsum
    weights = [fsum(islice(stem_idfs, size)) for size in map(sub, islice(offsets, 1, None), offsets)]
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
        stem_ids=numbers,
        stems=names,
        phrasing_stem_ids=stem_ids,
        phrasing_offsets=offsets,
        phrasing_entry=owners,
        phrasing_texts=texts,
        inverse_weights=array("d", (1 / _weight_floor(w, stem_ids[offsets[n]:offsets[n + 1]], names)
                                    for n, w in enumerate(weights))),
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



# A phrasing of question words only ("what will it do for me", "how is it done") would
# cover any question with "what" or "how" in full: it weighs at least this much.
# Staff set 550 -> 551 of 603 right; patient_g wrong 8 -> 7 of 130; 2.5 did no better.
QUESTION_ONLY_WEIGHT = 1.5


def _weight_floor(weight: float, ids: array, names: list[str]) -> float:
    if all(names[i] in QUESTION_STEMS for i in ids):
        return max(weight, QUESTION_ONLY_WEIGHT)
    return weight
