"""Where the red-flag vocabulary's terms stand in a sentence's words: the term table read
by first word, terms of several words, a phrasal verb said with force ("puff right up"),
and pain words that name a thing for pain ("pain relief"), which are no pain.

reading.py reads the words; this finds the word groups among them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

# Between a verb and its particle, these add force, not meaning: "puff right up".
_INTENSIFIERS = frozenset({"right", "all", "clean", "straight", "completely", "totally"})
_PARTICLES = frozenset({"up", "out", "over", "down", "off"})
# Inside a term of several words, one of these adds force, not meaning: "I wish the Lord
# would just take me", "can not even feel my legs", "can not really breathe".
_FILLERS = frozenset({"just", "really", "even", "simply", "literally", "actually", "truly"})
# The word group of pain (knowledge/safety.yaml), which sentence.carry_back also reads.
PAIN = "pain"
_PAIN_THINGS = frozenset(("relief", "reliever", "relievers", "killer", "killers", "meds",
                              "medicine", "medicines", "medication", "medications", "tablets",
                              "pills", "management", "clinic", "team", "specialist", "free",
                              "patch", "patches", "pump", "relieving"))


def find_groups(tokens: list[str], by_first: TermsByFirst) -> dict[str, list[tuple[int, int]]]:
    """group -> the (start, end) word spans of its terms in `tokens`, in order."""
    found: dict[str, list[tuple[int, int]]] = {}
    size = len(tokens)
    fillers = [at for at, token in enumerate(tokens) if token in _FILLERS]
    for i, token in enumerate(tokens):
        single, long_terms = by_first[token]
        for group in single:
            found.setdefault(group, []).append((i, i + 1))
        for length, table in long_terms:
            if i + length <= size:
                for group in table.get(tuple(tokens[i:i + length]), ()):
                    found.setdefault(group, []).append((i, i + length))
            for at in fillers:
                if i < at < i + length and i + length < size:
                    words = (*tokens[i:at], *tokens[at + 1:i + length + 1])
                    for group in table.get(words, ()):
                        found.setdefault(group, []).append((i, i + length + 1))
        if i + 2 < size and tokens[i + 1] in _INTENSIFIERS and tokens[i + 2] in _PARTICLES:
            # A phrasal verb said with force: "puff right up", "keeled clean over".
            pair = (token, tokens[i + 2])
            for length, table in long_terms:
                if length == 2:
                    for group in table.get(pair, ()):
                        found.setdefault(group, []).append((i, i + 3))
    if PAIN in found:
        # "pain relief", "pain meds", "pain free": a thing for pain, or none, not pain.
        found[PAIN] = [(s, e) for s, e in found[PAIN]
                       if e == len(tokens) or tokens[e] not in _PAIN_THINGS]
        if not found[PAIN]:
            del found[PAIN]
    return found


_NO_TERMS = ((), ())


class TermsByFirst(dict):
    """first word -> (the groups of its one-word terms, [(length, words -> groups)] for
    its longer terms, longest first), made from the term table on the word's first
    look-up: a start reads a few words rather than preparing all ~1,400 (0.7 ms)."""

    def __init__(self, terms: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]) -> None:
        super().__init__()
        self.terms = terms

    def __missing__(self, first: str) -> tuple[list[str], list]:
        entries = self.terms.get(first)
        if entries is None:
            return _NO_TERMS  # not kept: any word may come, few start a term
        single: list[str] = []
        by_size: dict[int, dict[tuple[str, ...], list[str]]] = {}
        for words, group in entries:
            if len(words) == 1:
                single.append(group)
            else:
                by_size.setdefault(len(words), {}).setdefault(words, []).append(group)
        made = self[first] = (single, sorted(by_size.items(), reverse=True))
        return made
