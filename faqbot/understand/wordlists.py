"""The general English word lists (shipped in understand/data): common words are never
"repaired" into knowledge-base words, and everyday words are what a typo most likely meant."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

from . import text as tx

# Look-ups answered by bisecting the word list's text before it is made a set: a
# question asks a few (reading the file: ~0.2 ms; the set of its 28,000 words: 5-7 ms of
# a ~90 ms start), splitting a run-together word or a benchmark asks thousands.
WORD_LIST_BISECTIONS = 64


class WordList:
    """A sorted word list, one word a line after its "#" comment lines: `word in it`
    bisects the text until WORD_LIST_BISECTIONS look-ups, then uses a set."""

    __slots__ = ("_text", "_start", "_left", "_set")

    def __init__(self, text: str) -> None:
        start = 0
        while text.startswith("#", start):
            end = text.find("\n", start)
            start = len(text) if end < 0 else end + 1
        self._text, self._start = text, start
        self._left = WORD_LIST_BISECTIONS
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
        self._left -= 1
        if self._left < 0:
            self._set = self._as_set()
            return word in self._set
        if not isinstance(word, str) or not word or "\n" in word or word.startswith("#"):
            return False
        text = self._text
        low, high = self._start, len(text)
        while low < high:  # low and high stand at the start of a line
            middle = (low + high) // 2
            line_start = text.rfind("\n", low, middle) + 1 or low
            line_end = text.find("\n", line_start)
            line_end = len(text) if line_end < 0 else line_end
            line = text[line_start:line_end]
            if word == line:
                return True
            if word < line:
                high = line_start
            else:
                low = line_end + 1
        return False


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
