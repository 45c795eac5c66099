"""Who a message ties to the procedure (faqbot/understand/patient.py)."""

from __future__ import annotations

import pytest

from faqbot.understand.patient import patient_of, same_person
from faqbot.understand.safety import reader_of


def _patient(kb, text):
    return patient_of(reader_of(kb.safety).sentences(text))


@pytest.mark.parametrize(("text", "tied"), [
    ("Mum's having kyphoplasty next week", {"mum"}),
    ("I'm looking after my dad after his kyphoplasty", {"dad", "he"}),
    ("my mother is having the procedure", {"mum"}),
    ("my kyphoplasty was on monday", {"i"}),
    # The "my" of "my mum's procedure" is the mother's; "me" is no tie at all.
    ("my mum's procedure went well", {"mum"}),
    ("he does not recognise me after the procedure", set()),
    ("my son has the flu", set()),
])
def test_the_people_tied_to_the_procedure(kb, text, tied):
    assert _patient(kb, text).tied == tied


def test_the_asker_setting_themselves_apart_is_read_anywhere_in_the_message(kb):
    patient = _patient(kb, "My wife has a cold. I'm the one having the procedure.")
    assert patient.apart == "i am the one having"
    assert _patient(kb, "I'm her carer, with a cough myself.").not_me == "i am her carer"


def test_the_people_said_not_to_be_the_patient(kb):
    sister = _patient(kb, "my sister has a fever but she is not the patient")
    assert sister.untied == {"she", "sister"}
    husband = _patient(kb, "I'm the husband, not the patient. My wife had her procedure")
    assert husband.untied == {"i", "husband"}
    assert husband.tied == {"wife", "she"}
    assert husband.not_me == "i am the husband"


def test_one_spelling_per_person():
    assert same_person("mother") == same_person("mom") == "mum"
    assert same_person("his") == "he"
    assert same_person("neighbour") == "neighbour"
