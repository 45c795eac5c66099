"""A large plain file is read in two parts at once (kb/halves.py): whatever the two parts
give is what reading the whole file gives; anything else is left to the whole read."""

from __future__ import annotations

import random
from fractions import Fraction
from pathlib import Path

import pytest

from faqbot.kb.halves import in_halves
from faqbot.kb.plain import plain_text
from tests.helpers import edited

ENTRY = """- id: e{n}
  question: When can I drive, {n}?
  answer: |
    After a day or two.

    Ask us first.
  alternates:
  - can i drive home {n}
  - 'driving: when'
  - "how soon can I drive, really"
  related: [e{m}]
"""


def _file(count: int) -> str:
    return "topic: Recovery\nentries:\n" + "".join(
        ENTRY.format(n=n, m=(n + 1) % count) for n in range(count))


def _agrees(text: str) -> bool:
    """in_halves gave None, or what the whole read gives: the rule."""
    two = in_halves(text, "f.yaml", plain_text)
    if two is None:
        return False
    assert two == plain_text(text, "f.yaml")
    return True


def test_both_halves_read_as_the_whole():
    text = _file(200)
    two = in_halves(text, "f.yaml", plain_text)
    assert two is not None
    assert two == plain_text(text, "f.yaml")
    assert [entry.id for entry, _ in two] == [f"e{n}" for n in range(200)]
    assert two[150][0].origin.line == 2 + 150 * ENTRY.count("\n") + 1


def test_a_generated_base_reads_as_the_whole(tmp_path: Path, kb):
    from bench.kbgen import write_grown

    folder = write_grown(kb, len(kb.entries) + 300, tmp_path / "grown")
    assert _agrees((folder / "zz_generated.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("text", [
    "--- \n" + _file(20)[0:],
    "%YAML 1.1\n---\n" + _file(20),
    "topic: Recovery\n",
    _file(20).replace("entries:\n", "entries:\n\n"),
])
def test_files_not_cut(text: str):
    assert in_halves(text, "f.yaml", plain_text) is None


def test_a_text_open_across_the_cut_is_not_read_in_halves():
    text = _file(20)
    middle = text.find("\n- id: e1", len(text) // 2)
    spanning = text[:middle] + "\n  tags: 'open\n" + text[middle + 1:] + "'\n"
    assert not _agrees(spanning)


def test_edits_near_the_cut_read_as_the_whole_or_not_at_all():
    """Random edits around the middle (characters dropped, doubled, or YAML's own
    punctuation): never a different reading."""
    rng = random.Random(7)
    base = _file(24)
    marks = list(":-[]{},'\"!&*?|>#%@` \n\tab5~.") + ["\n- ", "\n  - ", "'\n", "---\n"]
    read = 0
    for _ in range(300):
        read += _agrees(edited(base, rng, marks, within=(Fraction(1, 3), Fraction(2, 3))))
    assert read > 30
