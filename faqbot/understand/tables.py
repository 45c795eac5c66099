"""Read-only views over the index's flat arrays: postings, answer-only stems, sorted wordings.

Arrays hold no Python objects, so a large knowledge base costs little memory and the cyclic
GC nothing; these classes give the matcher mapping- and sequence-shaped access to them."""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass


_NONE: frozenset[int] = frozenset()


class AnswerStems(Sequence[frozenset[str]]):
    """Per entry, the stems only its answer uses (weak evidence for the "reach" signal).

    Kept as sorted stem numbers (4 bytes a stem; frozensets for all of them were 21 MiB at
    10,000 entries) and made into a frozenset when an entry is first asked about, at most
    CACHE entries at a time: the matcher asks `stem in answer_stems[n]` ~800 times in a
    long question, too often for a Python-level __contains__."""

    # Enough for every entry of a large base: at 10,000 entries a long question has ~1,500
    # entries in the running, and a smaller cache was rebuilt every few questions.
    CACHE = 20_000
    __slots__ = ("_holders", "_made", "_names", "ids")

    def __init__(self, ids: list[array], names: Sequence[str]) -> None:
        self.ids = ids
        self._names = names
        self._made: dict[int, frozenset[str]] = {}
        self._holders: dict[str, frozenset[int]] | None = None

    def holders(self, stem: str) -> frozenset[int]:
        """The entries whose answer (and none of whose phrasings) uses `stem`. The table
        is made at the first call, from every entry (0.3 ms on the shipped base)."""
        table = self._holders
        if table is None:
            found: dict[int, list[int]] = {}
            for entry, ids in enumerate(self.ids):
                for number in ids:
                    found.setdefault(number, []).append(entry)
            names = self._names
            table = self._holders = {names[n]: frozenset(held) for n, held in found.items()}
        return table.get(stem, _NONE)

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
    without an indexed phrasing are absent. An entry's list is made when it is first asked
    for and kept (at most CACHE of them): splitting it again cost a quarter of the fuzzy
    re-ranking, which asks for a dozen entries per ranking."""

    CACHE = 20_000  # as AnswerStems: every entry of a large base
    __slots__ = ("_made", "joined")

    def __init__(self, joined: list[str]) -> None:
        self.joined = joined
        self._made: dict[int, list[str]] = {}

    def __getitem__(self, entry: int) -> list[str]:
        made = self._made.get(entry)
        if made is None:
            joined = self.joined[entry]
            if not joined:
                raise KeyError(entry)
            if len(self._made) >= self.CACHE:
                self._made.clear()
            made = self._made[entry] = joined.split("\n")
        return made

    def __iter__(self) -> Iterator[int]:
        return (entry for entry, joined in enumerate(self.joined) if joined)

    def __len__(self) -> int:
        return sum(1 for joined in self.joined if joined)
