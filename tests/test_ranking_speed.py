"""The ranking's short cuts decide exactly as the long way round.

Each is checked over every staff question, clean and with typos, on the shipped
knowledge base: same entries, same order, same phrasings, same floats.
"""

from __future__ import annotations

import pytest

from bench.typos import add_typos
from faqbot.staff.cases import case_files, read_cases
from faqbot.understand import ranking
from faqbot.understand.index import Index
from faqbot.understand.prepare import index_of
from tests.helpers import ROOT


@pytest.fixture(scope="module")
def index(kb) -> Index:
    return index_of(kb)


@pytest.fixture(scope="module")
def segments(kb, index: Index) -> list[tuple[str, ...]]:
    """Every question's stems and each of its comma parts' (what rank() scores)."""
    cases = read_cases(case_files([ROOT / "tests" / "questions"]), [e.id for e in kb.entries])
    questions = [c.question for c in cases]
    questions += [add_typos(q, seed=0) for q in questions]
    found: dict[tuple[str, ...], None] = {}
    for question in questions:
        analysis = index.analyse(question)
        found[analysis.stems] = None
        found.update(dict.fromkeys(analysis.clause_stems))
    assert len(found) > 1000
    return list(found)


@pytest.mark.parametrize("shortcut", [1, 2, ranking.LAST_WORD_SHORTCUT])
def test_last_word_short_cut_finds_what_the_full_loop_finds(index: Index, segments, shortcut):
    """Taking the last word's postings the short way (at any length) changes no entry's
    best phrasing, its score or the order entries were found in."""
    never = 10**9
    for stems in segments:
        full: dict = {}
        short: dict = {}
        ranking._score_segment(index, stems, full, shortcut=never)
        ranking._score_segment(index, stems, short, shortcut=shortcut)
        assert list(short.items()) == list(full.items()), stems


def test_reach_word_by_word_is_reach_entry_by_entry(index: Index, segments):
    """Summed word by word or entry by entry, every entry's reach is the same float, for
    questions of any length (unknown and answer-only words included) and every entry."""
    every = range(len(index.entries))
    for stems in segments:
        for chosen in (stems, (*stems, "zzxq", *stems[:1])):
            by_entry = ranking.entry_reach(index, chosen, every, by_word=False)
            by_word = ranking.entry_reach(index, chosen, every, by_word=True)
            assert list(by_word.items()) == list(by_entry.items()), chosen
