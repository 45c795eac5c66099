"""The common-word list is looked up by bisecting its text before it becomes a set: both
ways must give the same answer for every word."""

from pathlib import Path

import pytest

from faqbot.understand import wordlists
from faqbot.understand.wordlists import WordList

LIST = Path(wordlists.__file__).with_name("data") / "english_words.txt"
EVERYDAY = LIST.with_name("everyday_words.txt")


def _words(text: str) -> list[str]:
    return [line for line in text.split("\n") if line and not line.startswith("#")]


@pytest.mark.parametrize("path", [LIST, EVERYDAY], ids=lambda p: p.name)
def test_the_shipped_lists_are_sorted_so_bisection_finds_every_word(path: Path):
    text = path.read_text(encoding="utf-8")
    words = _words(text)
    assert words
    assert words == sorted(words)
    assert all(w == w.strip() for w in words)  # a line is a word, as typed
    assert frozenset(WordList(text)) == frozenset(words)


def test_bisection_and_the_set_agree_on_words_and_non_words():
    text = LIST.read_text(encoding="utf-8")
    words = _words(text)
    probes = [*words, "", "#", "a\nb", "zzzzzzzz", "aa", words[0] + "x", words[-1] + "z", " " + words[5]]
    bisecting = WordList(text)
    bisecting._left = len(probes) + 1  # never becomes a set during the test
    as_set = frozenset(words)
    assert [w in bisecting for w in probes] == [w in as_set for w in probes]
    assert bisecting._set is None


def test_after_enough_look_ups_a_set_answers():
    words = WordList("# header\napple\nbanana\ncherry\n")
    answers = [w in words for w in ["banana", "kiwi"] * wordlists.WORD_LIST_BISECTIONS]
    assert answers == [True, False] * wordlists.WORD_LIST_BISECTIONS
    assert words._set == frozenset({"apple", "banana", "cherry"})


@pytest.mark.parametrize(("text", "word", "comment"), [("b\n# a comment\na\n", "a", "# a comment"),
                                                   ("# top\nzebra\n#late\napple", "apple", "#late")])
def test_a_comment_below_the_header_means_a_set_from_the_start(text, word, comment):
    words = WordList(text)
    assert words._set is not None  # out of order below the comment: bisection would miss
    assert word in words
    assert comment not in words
