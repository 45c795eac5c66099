"""The shipped knowledge base itself: complete, sourced, plain, private and self-consistent."""

from __future__ import annotations

import re

import pytest
import textstat

from faqbot.understand.matcher import Kind, match
from tests.helpers import ROOT

DATA = ROOT / "tests" / "data"
OUTLINE_IDS = DATA.joinpath("outline_ids.txt").read_text(encoding="utf-8").split()
SOURCE_FILES = set(DATA.joinpath("source_files.txt").read_text(encoding="utf-8").split())
SOURCE_NAMES = [line for line in DATA.joinpath("source_names.txt").read_text(encoding="utf-8")
                .splitlines() if line and not line.startswith("#")]
PHONE = re.compile(r"\(?\b\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b")
ADDRESS = re.compile(r"\b\d{1,5} [A-Z][a-z]+ (?:St|Street|Rd|Road|Ave|Avenue|Blvd|Dr|Drive|Suite)\b")
MAX_GRADE = 9.0


def test_reference_lists_are_not_empty():
    assert len(OUTLINE_IDS) == 51
    assert len(SOURCE_FILES) == 5


def test_every_outline_id_exists(kb):
    missing = [i for i in OUTLINE_IDS if i not in kb.by_id]
    assert missing == []


def test_sources_are_the_five_documents(kb):
    for entry in kb.entries:
        if entry.id == "contact-clinic":
            continue  # drawn from the clinic profile, not the documents
        assert entry.sources, entry.id
        assert set(entry.sources) <= SOURCE_FILES, entry.id


def test_related_ids_exist_and_number_two_to_four(kb):
    for entry in kb.entries:
        assert 2 <= len(entry.related) <= 4, entry.id
        assert all(r in kb.by_id and r != entry.id for r in entry.related), entry.id


def test_enough_alternates(kb):
    short = [e.id for e in kb.entries if len(e.alternates) < 8]
    assert short == []


def test_answers_are_40_to_150_words(kb):
    wrong = [(e.id, len(e.answer.split())) for e in kb.entries
             if not 40 <= len(e.answer.split()) <= 150]
    assert wrong == []


def test_answers_carry_no_phone_address_or_source_clinic_names(kb):
    for entry in kb.entries:
        assert not PHONE.search(entry.answer), entry.id
        assert not ADDRESS.search(entry.answer), entry.id
        for name in SOURCE_NAMES:
            assert name.lower() not in entry.answer.lower(), (entry.id, name)


def test_reading_grade_is_at_most_nine(kb):
    grades = {e.id: textstat.flesch_kincaid_grade(e.answer) for e in kb.entries}
    too_hard = {i: g for i, g in grades.items() if g > MAX_GRADE}
    print(f"\nreading grade: max {max(grades.values()):.1f}, "
          f"mean {sum(grades.values()) / len(grades):.1f}")
    assert too_hard == {}


def test_every_phrasing_comes_back_to_its_own_entry(kb):
    """Self-retrieval: an entry's own question and alternates are answered with it."""
    misses = []
    for entry in kb.entries:
        for phrasing in entry.phrasings:
            result = match(kb, phrasing)
            if result.kind is not Kind.ANSWER or result.entry.id != entry.id:
                misses.append((entry.id, phrasing, result.kind.value,
                               result.entry.id if result.entry else None))
    assert misses == []


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [("will i be asleep", "anesthesia"), ("can i drive myself home", "driving"),
     ("is the glue permanent", "bone-cement")],
)
def test_done_when_questions(kb, question, entry_id):
    result = match(kb, question)
    assert result.kind is Kind.ANSWER
    assert result.entry.id == entry_id


def test_risk_wound_and_recovery_answers_end_with_warning_signs(kb):
    for entry_id in ("risks", "cement-leakage", "infection", "nerve-damage", "wound-care",
                     "soreness", "activity-after"):
        last = kb.by_id[entry_id].answer.strip().splitlines()[-1].lower()
        assert "call" in last, entry_id


def test_answers_never_tell_a_patient_to_change_a_medicine(kb):
    bossy = re.compile(r"(?<!not )(?<!never )\b(stop|start|increase|decrease) (taking )?(your|the) "
                       r"(medicine|medication|blood thinner|pills?)", re.IGNORECASE)
    for entry in kb.entries:
        assert not bossy.search(entry.answer), entry.id
