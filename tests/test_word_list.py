"""The common-word lists are looked up a stretch at a time (the words sharing a word's
first two letters, found by bisecting the text) rather than as one set made at once: both
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


@pytest.mark.parametrize("path", [LIST, EVERYDAY], ids=lambda p: p.name)
def test_stretches_and_the_set_agree_on_words_and_non_words(path: Path):
    text = path.read_text(encoding="utf-8")
    words = _words(text)
    probes = [*words, "", "#", "a\nb", "zzzzzzzz", "aa", "a", "i", "x", "\U0010ffff",
              words[0] + "x", words[-1] + "z", " " + words[5], words[7][:1], words[9][:2],
              *(w + "s" for w in words[::50]), *(w[:-1] for w in words[::50])]
    as_set = frozenset(words)
    bisecting = WordList(text)
    bisecting._left = len(probes) + 1  # never read by stretches during the test
    assert [w in bisecting for w in probes] == [w in as_set for w in probes]
    assert not bisecting._stretches
    stretched = WordList(text)
    stretched._left = 0
    assert [w in stretched for w in probes] == [w in as_set for w in probes]
    assert stretched._set is None  # never made whole by looking up


def test_after_enough_look_ups_stretches_answer_each_made_once():
    words = WordList("# header\napple\napricot\nbanana\nbandana\ncherry\n")
    asked = ["banana", "bandanas", "band", "apple", "kiwi"] * (
        wordlists.WORD_LIST_BISECTIONS // 5 + 3)  # bisected, then by stretches
    assert [w in words for w in asked] == [w in {"banana", "apple"} for w in asked]
    assert words._stretches == {"ba": frozenset({"banana", "bandana"}),
                                "ap": frozenset({"apple", "apricot"}), "ki": frozenset()}
    assert frozenset(words) == frozenset({"apple", "apricot", "banana", "bandana", "cherry"})


@pytest.mark.parametrize(("text", "word", "comment"), [("b\n# a comment\na\n", "a", "# a comment"),
                                                   ("# top\nzebra\n#late\napple", "apple", "#late")])
def test_a_comment_below_the_header_means_a_set_from_the_start(text, word, comment):
    words = WordList(text)
    assert words._set is not None  # out of order below the comment: bisection would miss
    assert word in words
    assert comment not in words
