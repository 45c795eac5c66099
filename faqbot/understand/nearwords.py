"""The vocabulary words one edit from a typed word, without trying every word of its length.

The red-flag reader repairs a typo ("tendder") by the OSA distance to the vocabulary words
of about its length: ~850 of them, 28 us for rapidfuzz to try them all, on every unknown
word of a message. One edit (a letter replaced, added or dropped, or two swapped) of a
word of five letters or more leaves its first two letters or its last two as they were:
an edit at one end is far from the other. So only the words that begin with the typo's
first two letters or end with its last two are tried, and what they give is put in the
order trying all of them would have given.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from functools import cache

from rapidfuzz import process
from rapidfuzz.distance import OSA


class NearWords:
    """The words of a vocabulary (by length, each length's words sorted) a typed word may
    be a typo of: all of a length range, or those within one edit, as process.extract
    over all of them finds them."""

    def __init__(self, by_length: Mapping[int, Sequence[str]]) -> None:
        self.by_length = by_length
        # length -> (first two letters -> its words, last two letters -> its words), made
        # for a length when a typo first needs it
        self._ends: dict[int, tuple[dict[str, set[str]], dict[str, set[str]]]] = {}
        self._ranges: dict[tuple[int, int, str], list[str]] = {}

    def choices(self, low: int, high: int, first: str) -> list[str]:
        """The words of `low` to `high` letters (starting with `first`, if given), shortest
        first: listed once per length range, not for every unknown word (gathering ~850
        words each time was most of a repair's 40 us)."""
        key = (low, high, first)
        found = self._ranges.get(key)
        if found is None:
            found = self._ranges[key] = [w for size in range(low, high + 1)
                                         for w in self.by_length.get(size, ())
                                         if not first or w[0] == first]
        return found

    def one_edit(self, word: str, low: int, high: int, *, limit: int
                ) -> list[tuple[str, int, int]]:
        """What process.extract(word, choices, scorer=OSA.distance, score_cutoff=1,
        limit=limit) gives for `choices` the words of `low` to `high` letters in order
        (shortest first, then as listed): the same words, distances and places. `word`
        has five letters or more."""
        front, back = word[:2], word[-2:]
        tried: set[str] = set()
        for size in range(low, high + 1):
            starting, ending = self._by_ends(size)
            tried.update(starting.get(front, ()), ending.get(back, ()))
        if not tried:
            return []
        close = process.extract(word, list(tried), scorer=OSA.distance, score_cutoff=1,
                                limit=None)
        placed = sorted((found[1], self._place(found[0], low), found[0]) for found in close)
        return [(known, distance, place) for distance, place, known in placed[:limit]]

    def _by_ends(self, size: int) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        found = self._ends.get(size)
        if found is None:
            starting: dict[str, set[str]] = {}
            ending: dict[str, set[str]] = {}
            for known in self.by_length.get(size, ()):
                starting.setdefault(known[:2], set()).add(known)
                ending.setdefault(known[-2:], set()).add(known)
            found = self._ends[size] = (starting, ending)
        return found

    def _place(self, known: str, low: int) -> int:
        """Where `known` stands among the words of `low` letters and up, in order."""
        before = sum(len(self.by_length.get(size, ())) for size in range(low, len(known)))
        return before + bisect_left(self.by_length[len(known)], known)


# Word sets grouped by first letter and length, by the set's id (the set kept with them, so
# the id cannot pass to another while they are held).
_GROUPED: dict[int, tuple[frozenset[str], dict[tuple[str, int], tuple[str, ...]]]] = {}


def same_start(words: frozenset[str], typed: str) -> tuple[str, ...]:
    """Those of `words` that begin with `typed`'s first letter and are at most a letter
    longer or shorter: all a typo that keeps its first letter can be one edit from (the
    question finder mends its cue and function words so: trying each of ~80 words on
    each new word of a message was 5 us a word). Grouped once per set of words."""
    held = _GROUPED.get(id(words))
    if held is None or held[0] is not words:
        groups: dict[tuple[str, int], list[str]] = {}
        for known in words:
            groups.setdefault((known[:1], len(known)), []).append(known)
        held = _GROUPED[id(words)] = (words, {key: tuple(found) for key, found in groups.items()})
    first, size, groups = typed[:1], len(typed), held[1]
    return (*groups.get((first, size - 1), ()), *groups.get((first, size), ()),
            *groups.get((first, size + 1), ()))


def edit_kind(typed: str, known: str) -> int:
    """0 for the typos people make most (a dropped letter, a doubled one, two letters
    swapped), 1 otherwise (another letter added or one replaced)."""
    if len(known) == len(typed) + 1:
        return 0
    if len(known) == len(typed) - 1:
        return 0 if known in undoubled(typed) else 1
    if len(known) == len(typed) and sorted(known) == sorted(typed):
        return 0
    return 1


def common_typo_of_any(word: str, choices: Sequence[str]) -> bool:
    """Whether one of the nearest `choices` is `word` with one typo of the kinds people
    make most (a letter dropped, doubled, or two swapped: see edit_kind)."""
    close = process.extract(word, choices, scorer=OSA.distance, score_cutoff=1, limit=5)
    return any(edit_kind(word, w) == 0 for w, _, _ in close)


def one_edit_from(word: str, words: object) -> bool:
    """Whether one letter dropped, added, swapped or changed makes `word` one of `words`:
    "disapoint" is a typo of an English word, not a name ("oxycodone" is one)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    cuts = [(word[:at], word[at:]) for at in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in cuts if b}
    edits.update(swapped(word))
    edits |= {a + c + b[1:] for a, b in cuts if b for c in letters}
    edits |= {a + c + b for a, b in cuts for c in letters}
    return any(e in words for e in edits - {word})


def swapped(word: str) -> list[str]:
    """The word with two letters next to each other swapped, at each place: "thrusday" ->
    [..., "thursday", ...]."""
    return [word[:at] + word[at + 1] + word[at] + word[at + 2:] for at in range(len(word) - 1)]


def undoubled(word: str) -> list[str]:
    """The word with one of its doubled letters typed once: "boone" -> ["bone"],
    "numbbed" -> ["numbed"]."""
    return [word[:at] + word[at + 1:] for at in range(1, len(word)) if word[at] == word[at - 1]]


def filler_typo(word: str, fillers: frozenset[str]) -> str | None:
    """The filler word ("actually", "really", "anyway") a typo two edits at most from it
    was, of the same first letter: fewest edits, then the kind people make. Such a word
    says nothing of the topic, so even a wrong pick among them costs nothing, but left
    unrepaired it reads as a word the knowledge base never uses ("doees it actuly work")."""
    choices = _fillers_by_initial(fillers).get(word[0], ())
    close = process.extract(word, [w for w in choices if abs(len(w) - len(word)) <= 2],
                            scorer=OSA.distance, score_cutoff=2, limit=4)
    if not close:
        return None
    return min(close, key=lambda c: (c[1], edit_kind(word, c[0]), c[0]))[0]


@cache
def _fillers_by_initial(fillers: frozenset[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for w in sorted(fillers):
        if w.isalpha() and len(w) >= 3:
            found.setdefault(w[0], []).append(w)
    return found


def sole_typo_of(word: str, choices: Sequence[str]) -> str | None:
    """The one word of `choices` that a typo people make (a letter dropped, doubled or
    added, or two swapped) turns into `word`, or None when none or several do."""
    near = [w for w in choices if OSA.distance(word, w, score_cutoff=1) <= 1 and edit_kind(word, w) == 0]
    return near[0] if len(near) == 1 else None
