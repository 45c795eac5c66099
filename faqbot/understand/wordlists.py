"""The general English word lists (shipped in understand/data): common words are never
"repaired" into knowledge-base words, and everyday words are what a typo most likely meant."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

from . import text as tx

# Look-ups answered by bisecting the word list's text before it is read a stretch at a
# time: a question asks a few (reading the file: ~0.4 ms), splitting a run-together word or
# a benchmark asks thousands.
WORD_LIST_BISECTIONS = 64


class WordList:
    """A sorted word list, one word a line after its "#" comment lines. `word in it`
    bisects the text for the first WORD_LIST_BISECTIONS look-ups, then looks in the set of
    the words that begin with the word's first two letters, made from that stretch of the
    text on its first look-up. (A set of all 28,000 words at once cost 7 ms, on whichever
    message happened to ask the 65th word.)"""

    __slots__ = ("_text", "_start", "_left", "_set", "_stretches")

    def __init__(self, text: str) -> None:
        start = 0
        while text.startswith("#", start):
            end = text.find("\n", start)
            start = len(text) if end < 0 else end + 1
        self._text, self._start = text, start
        self._left = WORD_LIST_BISECTIONS
        self._stretches: dict[str, frozenset[str]] = {}
        # A comment further down would break the order: a set from the start (no word
        # holds a "#", so one character's search, at memchr speed, tells).
        self._set: frozenset[str] | None = self._as_set() if text.find("#", start) >= 0 else None

    def _as_set(self) -> frozenset[str]:
        # One word a line, "#" lines are comments. Whole-file set operations rather than
        # a loop over 28,000 lines (5 ms -> ~1 ms).
        text = self._text
        return frozenset(text.split("\n")) - frozenset(_comment_lines(text)) - {""}

    def __iter__(self) -> Iterator[str]:
        if self._set is None:
            self._set = self._as_set()
        return iter(self._set)

    def __contains__(self, word: object) -> bool:
        if self._set is not None:
            return word in self._set
        if not isinstance(word, str) or not word or "\n" in word or word.startswith("#"):
            return False
        self._left -= 1
        if self._left >= 0 or len(word) == 1:  # a letter's stretch would be all its words
            at = self._line_at(word)
            return self._text.startswith(word + "\n", at) or self._text[at:] == word
        prefix = word[:2]
        stretch = self._stretches.get(prefix)
        if stretch is None:
            # Its lines run from the first at or after the prefix to the first after every
            # word that begins with it.
            text = self._text
            begin, end = self._line_at(prefix), self._line_at(prefix + "\U0010ffff")
            stretch = self._stretches[prefix] = frozenset(text[begin:end].split("\n")) - {""}
        return word in stretch

    def _line_at(self, key: str) -> int:
        """Where the first line at or after `key` starts (the text's length if none)."""
        text = self._text
        low, high = self._start, len(text)
        while low < high:  # low and high stand at the start of a line
            middle = (low + high) // 2
            line_start = text.rfind("\n", low, middle) + 1 or low
            line_end = text.find("\n", line_start)
            line_end = len(text) if line_end < 0 else line_end
            if text[line_start:line_end] < key:
                low = line_end + 1
            else:
                high = line_start
        return min(low, len(text))


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
def everyday_words() -> WordList:
    """The ~2,000 most frequent English words: a three-letter word among them is never
    repaired, and none is named as a topic the knowledge base does not cover. Bisected
    as the English list is: a question asks a few, where the set cost 0.45 ms to make."""
    return WordList((Path(__file__).with_name("data") / "everyday_words.txt").read_text(encoding="utf-8"))


def everyday_or_plural(word: str) -> bool:
    """An everyday word, or one made plural ("seats"): no stems needed (they cost 2 ms)."""
    words = everyday_words()
    return word in words or (word.endswith("s") and word[:-1] in words)


def listed(word: str, long_from: int) -> bool:
    """Whether `word` is a word: in the English list at `long_from` letters or more, in the
    everyday list below (a short rare word is likelier a typo)."""
    return word in (english_words() if len(word) >= long_from else everyday_words())
