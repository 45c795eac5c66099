"""Finding the words one edit from a typo among a few gives what trying them all gives."""

from __future__ import annotations

import random
import string

import pytest
from rapidfuzz import process
from rapidfuzz.distance import OSA

from faqbot.understand.nearwords import NearWords
from faqbot.understand.reading import reader_of


@pytest.fixture(scope="module")
def by_length(kb) -> dict[int, list[str]]:
    """The red-flag reader's vocabulary by length: what it repairs typos against."""
    return reader_of(kb.safety).by_length


def _typos(words: list[str], seed: int) -> list[str]:
    """Each word, and one and two random edits of it (replaced, added, dropped, swapped)."""
    rng = random.Random(seed)

    def edit(word: str) -> str:
        at = rng.randrange(len(word))
        letter = rng.choice(string.ascii_lowercase)
        kind = rng.randrange(4)
        if kind == 0:
            return word[:at] + letter + word[at + 1:]
        if kind == 1:
            return word[:at] + letter + word[at:]
        if kind == 2:
            return word[:at] + word[at + 1:]
        return word[:at] + word[at + 1:at + 2] + word[at:at + 1] + word[at + 2:]

    found = set(words)
    for word in words:
        for _ in range(3):
            once = edit(word)
            found.update((once, edit(once)))
    return sorted(w for w in found if 5 <= len(w) <= 8 and w.isalpha())


def test_one_edit_finds_what_trying_every_word_finds(by_length):
    """Same words, distances and places as process.extract over all the words of the
    lengths tried, for every vocabulary word of 5-8 letters and typos of them."""
    near = NearWords(by_length)
    words = [w for size in range(4, 10) for w in by_length.get(size, ())]
    typed = _typos(words, seed=11)
    assert len(typed) > 5000
    matched = 0
    for word in typed:
        low, high = len(word) - 1, len(word) + 1
        choices = [w for size in range(low, high + 1) for w in by_length.get(size, ())]
        assert near.choices(low, high, "") == choices
        want = process.extract(word, choices, scorer=OSA.distance, score_cutoff=1, limit=5)
        assert near.one_edit(word, low, high, limit=5) == [tuple(w) for w in want], word
        matched += bool(want)
    assert matched > 2000


def test_same_start_holds_every_word_a_typo_keeping_its_first_letter_can_be(kb):
    """For the question finder's word sets and words of every shape: exactly the words of
    the same first letter and a length at most one off."""
    from faqbot.understand.nearwords import same_start
    from faqbot.understand.openers import FUNCTION_WORDS as _FUNCTION_WORDS
    from faqbot.understand.question_patterns import CUE_WORDS

    typed = [w + extra for w in (*CUE_WORDS, *_FUNCTION_WORDS) for extra in ("", "x", "xy")]
    typed += [w[:-1] for w in CUE_WORDS] + ["q", "zzz", "whta"]
    for words in (CUE_WORDS, _FUNCTION_WORDS):
        for word in typed:
            want = {w for w in words if w[0] == word[0] and abs(len(w) - len(word)) <= 1}
            found = same_start(words, word)
            assert set(found) == want
            assert len(found) == len(want), word
