"""Preparing a knowledge base's index: built once (or read back from the load cache) and
kept with the knowledge base, so matching costs a few look-ups per question."""

from __future__ import annotations

import gc
import math
from array import array
from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from functools import partial
from itertools import chain, islice
from operator import sub
from typing import TYPE_CHECKING

from ..kb.memory import paused_gc
from . import text as tx
from .index import COMMON_SHARE, QUESTION_STEMS, Index
from .phrasings import TWO_CORES_MIN, Reader, read_all
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


def build_index(kb: KnowledgeBase, *, two_cores: bool = True) -> Index:
    """Prepare every entry phrasing once, so matching costs a few look-ups (a large base
    on two cores where it can: the index is the same either way)."""
    with paused_gc():  # millions of small objects, none of them garbage
        return _build(kb, two_cores)


def _build(kb: KnowledgeBase, two_cores: bool) -> Index:
    reader = Reader(kb)
    tables = read_all(kb, reader, two_cores=two_cores)
    stem_ids, offsets, owners, texts = tables.stem_ids, tables.offsets, tables.owners, tables.texts
    joined_flats, entry_ids, answer_ids = tables.joined_flats, tables.entry_ids, tables.answer_ids
    # A phrasing's words join the vocabulary as they were written, before the synonym map:
    # those it replaced are variants, in the vocabulary already (synonym_table), so the
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
    # One pass over the stem numbers, cut into phrasings (no array slice per phrasing).
    stem_idfs, fsum = map(idf_of.__getitem__, stem_ids), math.fsum
    weights = [fsum(islice(stem_idfs, size)) for size in map(sub, islice(offsets, 1, None), offsets)]
    # The postings are the longest step left: on a large base a child makes them while
    # this process makes the rest (10,000 entries: 0.42 of 0.75 s).
    fill = partial(_postings, stem_ids, offsets, weights, len(names))
    large = two_cores and len(kb.entries) >= TWO_CORES_MIN
    made = None if large else fill()
    with _beside(fill, large) as child:
        idf = {names[n]: idf_of[n] for n in sorted(frequency)}
        common = frozenset(names[n] for n, df in frequency.items() if df > COMMON_SHARE * count)
        by_initial: dict[tuple[str, int], list[str]] = {}
        for word in sorted(vocabulary):
            if word.isalpha() and len(word) >= 3:
                by_initial.setdefault((word[0], len(word)), []).append(word)
        smalltalk = [
            (" ".join(tx.words(phrase)), number)
            for number, talk in enumerate(kb.smalltalk)
            for phrase in talk.phrases
        ]
        # Frozensets, not the sorted arrays they are made from: the matcher asks `stem in
        # entry_stems[n]` for every entry in the running and every word (~1,300 times a
        # question); a Python-level __contains__ made that a third of a question's time.
        entry_stems = [frozenset(map(names.__getitem__, ids)) for ids in entry_ids]
        # Only a phrasing whose first stem is a question word can be question words only:
        # the rest skip the check (10,000 entries: 0.23 -> 0.11 s).
        inverse_weights = array("d", (
            1 / (_weight_floor(w, stem_ids[a:b], names) if names[stem_ids[a]] in QUESTION_STEMS else w)
            for w, a, b in zip(weights, offsets, islice(offsets, 1, None), strict=False)))
        # From an iterator, not the set: a frozenset copied from a set gets a table twice
        # the size it needs (8 MiB, not 4, for 140,000 words).
        known_words = frozenset(iter(vocabulary))
        if child:
            made = _arrays(child.result(), len(stem_ids), len(names))
    flat, starts = made or fill()
    numbers = reader.numbers
    return Index(
        entries=kb.entries,
        stem_ids=numbers,
        stems=names,
        phrasing_stem_ids=stem_ids,
        phrasing_offsets=offsets,
        phrasing_entry=owners,
        phrasing_texts=texts,
        inverse_weights=inverse_weights,
        postings=Postings(flat, starts, numbers, names),
        entry_sorted_flats=SortedFlats(joined_flats),
        entry_stems=entry_stems,
        answer_stems=AnswerStems(answer_ids, names),
        common_stems=common,
        idf=idf,
        # A word the knowledge base never uses weighs as much as the rarest known word, so
        # "how much does kyphoplasty cost" is mostly about "cost", which nothing answers.
        unknown_weight=math.log(1 + count),
        synonyms=reader.synonyms,
        synonym_starts=reader.starts,
        vocabulary=known_words,
        by_initial=by_initial,
        smalltalk_phrases=[phrase for phrase, _ in smalltalk],
        smalltalk_owner=[owner for _, owner in smalltalk],
    )


def _postings(stem_ids: array, offsets: array, weights: list[float], stem_count: int
              ) -> tuple[array, array]:
    """Phrasing numbers by stem, each stem's lightest phrasing first (ties in phrasing
    order), so a capped posting list keeps the phrasings where the word matters most; and
    where each stem's run starts. Counted first, then filled in that order into one flat
    array (a counting sort by stem number)."""
    sizes = Counter(stem_ids)
    starts = array("I", [0])
    for stem_number in range(stem_count):
        starts.append(starts[-1] + sizes.get(stem_number, 0))
    flat = array("I", bytes(4 * starts[-1]))
    cursor = array("I", starts)
    for n in sorted(range(len(weights)), key=weights.__getitem__):
        for stem_number in stem_ids[offsets[n]:offsets[n + 1]]:
            flat[cursor[stem_number]] = n
            cursor[stem_number] += 1
    return flat, starts


def _beside(fill: Callable[[], tuple[array, array]], large: bool) -> AbstractContextManager:
    """A child making the postings (faqbot/kb/forked.py), or none."""
    if not large:
        return nullcontext()
    from ..kb.forked import Forked  # here: only a large base needs it

    return Forked(lambda: b"".join(table.tobytes() for table in fill()))


def _arrays(data: bytearray | None, occurrences: int, stem_count: int) -> tuple[array, array] | None:
    """The child's postings, or None when it had none to give (then made here)."""
    flat, starts = array("I"), array("I")
    if data is None or len(data) != 4 * (occurrences + stem_count + 1):
        return None
    view = memoryview(data)
    flat.frombytes(view[:4 * occurrences])
    starts.frombytes(view[4 * occurrences:])
    return flat, starts


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
