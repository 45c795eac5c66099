"""The index as plain data (lists, strings and arrays) for the data-only load cache, and back.

Nothing here runs code from disk: a stored index that does not fit the knowledge base is
refused (None), and the caller builds a fresh one."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from itertools import chain
from typing import TYPE_CHECKING

from . import text as tx
from .index import Index
from .tables import AnswerStems, Postings, SortedFlats

if TYPE_CHECKING:
    from ..kb.model import KnowledgeBase


def _flat(groups: Sequence[Sequence[int]]) -> tuple[array, array]:
    values, offsets = array("I"), array("I", [0])
    for group in groups:
        values.extend(group)
        offsets.append(len(values))
    return values, offsets


def _strings(values: list) -> list[str]:
    """`values`, refused (TypeError) unless every one is a string: "".join checks them at
    C speed, where str() on each cost ~0.7 ms of every start."""
    if not isinstance(values, list):
        raise TypeError("not a list")
    "".join(values)
    return values


def _groups(values: array, offsets: array) -> list[array]:
    return [values[offsets[n]:offsets[n + 1]] for n in range(len(offsets) - 1)]


def to_data(index: Index) -> dict[str, object]:
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


def from_data(kb: KnowledgeBase, data: object) -> Index | None:
    """An index from the cache's data, or None when the data do not fit this knowledge base."""
    if not isinstance(data, dict) or data.get("entries") != len(kb.entries):
        return None
    try:
        return _unpack(kb, data)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None


def _unpack(kb: KnowledgeBase, data: dict) -> Index | None:
    stems = _strings(data["stems"])
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
    joined = _strings(data["sorted_flats"])
    if not (len(posting_offsets) == len(stems) + 1 and posting_offsets[-1] == len(posting_flat)
            and (not posting_flat or max(posting_flat) < count) and len(entry_ids) == len(answer_ids)
            == len(joined) == len(kb.entries) and len(idf_numbers) == len(idf_values)):
        return None
    phrases, owner = data["smalltalk"]
    synonyms = {tuple(k): tuple(v) for k, v in data["synonyms"]}
    _strings(list(chain.from_iterable(synonyms)) + list(chain.from_iterable(synonyms.values())))
    return Index(
        entries=kb.entries,
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
        common_stems=frozenset(_strings(data["common_stems"])),
        idf={stems[n]: v for n, v in zip(idf_numbers, idf_values, strict=True)},
        unknown_weight=float(data["unknown_weight"]),
        synonyms=synonyms,
        synonym_starts=tx.phrase_starts(synonyms),
        vocabulary=frozenset(_strings(data["vocabulary"])),
        by_initial={(str(a), int(b)): _strings(words) for a, b, words in data["by_initial"]},
        smalltalk_phrases=_strings(phrases),
        smalltalk_owner=[int(o) for o in owner],
    )
