"""A file of nothing but a topic and plain entries is read from the YAML events
(faqbot/kb/plain.py), without the node tree. The rule: whatever it reads is exactly what
the full reader (validate._read_nodes) reads, with no problem; anything else it leaves to
the full reader (None)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from faqbot.kb import validate
from faqbot.kb.files import yaml_files
from faqbot.kb.loader import CHECKOUT_KB
from faqbot.kb.plain import plain_file
from tests.helpers import edited

PLAIN = """topic: Recovery
entries:
- id: driving
  question: When can I drive?
  answer: |
    After a day or two.

    Ask us first.
  alternates:
  - can i drive home
  - "how soon can I drive, really"
  - 'driving: when'
  related: [walking]
  tags: recovery
- {id: walking, question: Can I walk?, answer: 'Yes, the same day.', sources: [a leaflet]}
"""

# Each is read by the full reader alone (plain_file gives None).
NOT_PLAIN = [
    "",
    "---\n...\n",
    "[a, b]\n",
    "topic: x\n",  # plain, but no entries: checked below with the others
    "entries:\n- id: a\n  question: q\n  answer: x\n  alternates: [b, '']\n",
    "entries:\n- id: a\n  question: q\n  answer: x\n  alternates:\n",
    "entries:\n- id: A\n  question: q\n  answer: x\n",
    "entries:\n- id: a\n  question: q\n  answer: 5\n",
    "entries:\n- id: a\n  question: yes\n  answer: x\n",
    "entries:\n- id: a\n  question: q\n  answer: 2024-01-01\n",
    "entries:\n- id: a\n  question: q\n  answer: ~\n",
    "entries:\n- id: a\n  question: q\n  answer: !!str 5\n",
    "entries:\n- id: a\n  question: &q q\n  answer: *q\n",
    "entries:\n- id: a\n  question: q\n  answer: x\n  id: b\n",
    "entries:\n- id: a\n  question: q\n  answer: x\n  answr: typo\n",
    "entries:\n- id: a\n  question: [q]\n  answer: x\n",
    "entries:\n- id: a\n  question: q\n  answer: x\n  tags: {a: b}\n",
    "entries:\n- id: a\n  question: q\n  answer: \"tab\\there\"\n",
    "entries:\n- id: a\n  question: q\n  answer: bell \x07\n",
    "entries:\n- id: a\n  question: q\n  answer: x\n---\ntopic: again\n",
    "entries: []\ntopic: after the entries\n",
    "entries: []\nsynonyms: {a: [b]}\n",
    "topic: x\ntopic: y\nentries: []\n",
    "topic: '  '\nentries: []\n",
    "entries:\n- id: a\n  question: q\n  answer: x\n  - broken\n",
    "? [a]\n: b\nentries: []\n",
    "entries: !!seq []\n",
]


def _full(text: str) -> validate._Collected:
    found = validate._Collected()
    validate._read_nodes(text, "f.yaml", found)
    return found


def _agrees(text: str) -> bool:
    """plain_file gave None, or what the full reader gives (and no problem): the rule."""
    plain = plain_file(text, "f.yaml")
    if plain is None:
        return False
    full = _full(text)
    assert full.problems == []
    assert plain == full.entries
    return True


def test_a_plain_file_is_read_as_the_full_reader_reads_it():
    assert _agrees(PLAIN)
    assert len(plain_file(PLAIN, "f.yaml")) == 2


def test_every_shipped_file_is_read_alike_or_left_alone():
    files = list(yaml_files(CHECKOUT_KB))
    assert len(files) > 5
    read = [file for file in files if _agrees(file.read_text(encoding="utf-8"))]
    assert read  # the entry files hold nothing but a topic and entries


@pytest.mark.parametrize("text", NOT_PLAIN)
def test_anything_else_is_left_to_the_full_reader(text: str):
    if text == "topic: x\n":
        assert _agrees(text)
        return
    assert plain_file(text, "f.yaml") is None


def test_edited_files_are_read_alike_or_left_alone():
    """Random edits of a plain file (characters dropped, doubled or replaced by YAML's
    own punctuation): never an error, never a different reading."""
    rng = random.Random(11)
    marks = list(":-[]{},'\"!&*?|>#%@` \n\tab5~.")
    read = 0
    for _ in range(1500):
        read += _agrees(edited(PLAIN, rng, marks))
    assert read > 100  # the rule was tested on files it did read, not only on refusals


def test_a_generated_base_file_is_read_alike(tmp_path: Path, kb):
    from bench.kbgen import write_grown

    folder = write_grown(kb, len(kb.entries) + 60, tmp_path / "grown")
    assert _agrees((folder / "zz_generated.yaml").read_text(encoding="utf-8"))
