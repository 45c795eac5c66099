"""Copies of a match index without some of its phrasings, for calibrate.py.

Held-out alternates and entries left out must not be found by the questions that test
them, yet copying a large knowledge base's tables for each question would cost more than
asking it. A copy here shares the index's tables and differs only where the phrasings
left out touch them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from ..records import replace

if TYPE_CHECKING:
    from .index import Index


def by_entry_of(index: Index) -> dict[int, list[int]]:
    """Phrasing numbers per entry number, in order."""
    found: dict[int, list[int]] = defaultdict(list)
    for number, entry in enumerate(index.phrasing_entry):
        found[entry].append(number)
    return found


class _Without(Mapping):
    """A mapping seen through a few changes: keys replaced or removed, the rest shared.

    Copying a large knowledge base's tables for every held-out question would cost more
    than asking it; only what the held-out phrasings touch differs. With `held`, the
    values of the keys in `filtered` (lists of phrasing numbers) lose those numbers,
    filtered when first asked for: a question looks up a few of its words only."""

    __slots__ = ("_base", "_changed", "_removed", "_filtered", "_held")

    def __init__(self, base: Mapping, changed: dict, removed: set, *,
                 filtered: set | None = None, held: set | None = None) -> None:
        self._base, self._changed, self._removed = base, changed, removed
        self._filtered, self._held = filtered or set(), held or set()

    def __getitem__(self, key: object) -> object:
        if key in self._changed:
            return self._changed[key]
        if key in self._removed:
            raise KeyError(key)
        value = self._base[key]
        if key in self._filtered:
            held = self._held
            value = self._changed[key] = [n for n in value if n not in held]
            if not value:
                del self._changed[key]
                self._removed.add(key)
                raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        try:
            self[key]
        except KeyError:
            return False
        return True

    def __iter__(self) -> Iterator:
        return (key for key in self._base if key in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def without(index: Index, held: set[int], by_entry: dict[int, list[int]] | None = None
            ) -> Index:
    """A copy of `index` in which the phrasings numbered `held` do not exist.

    Only what those phrasings touch differs: the postings of their words, their entries'
    word sets and wordings, and the weights of words no other phrasing uses (which become
    unknown, as a new word in a patient's question is). Other words keep their weights:
    one phrasing fewer barely moves them. `by_entry` (phrasing numbers per entry) saves
    recounting when many copies are made.
    """
    by_entry = by_entry if by_entry is not None else by_entry_of(index)
    stems: set[str] = set()
    for number in held:
        stems.update(index.phrasing_stems(number))
    entry_stems = list(index.entry_stems)
    flats: dict[int, list[str]] = {}
    empty: set[int] = set()
    for entry in {index.phrasing_entry[n] for n in held}:
        numbers = by_entry[entry]
        kept = [n for n in numbers if n not in held]
        entry_stems[entry] = frozenset(s for n in kept for s in index.phrasing_stems(n))
        wordings = index.entry_sorted_flats.get(entry, [])
        flats[entry] = [flat for n, flat in zip(numbers, wordings, strict=False)
                        if n not in held]
        if not flats[entry]:
            del flats[entry]
            empty.add(entry)
    # A word no phrasing keeps has no postings and no weight: unknown, as a new word is.
    remaining = set().union(*(entry_stems[e] for e in (*flats, *empty)))
    gone = {stem for stem in stems - remaining
            if not any(n not in held for n in index.postings.get(stem, ()))}
    return replace(index, postings=_Without(index.postings, {}, set(gone), filtered=stems,
                                            held=held),
                   entry_stems=entry_stems,
                   entry_sorted_flats=_Without(index.entry_sorted_flats, flats, empty),
                   idf=_Without(index.idf, {}, gone) if gone else index.idf, _repairs={})
