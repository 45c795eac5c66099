"""Topics the clinic profile lists as not covered: declined by name, at any score."""

from __future__ import annotations

from pathlib import Path

import pytest

from faqbot.kb.loader import load
from faqbot.records import replace
from faqbot.staff.lint import not_covered_overlap
from faqbot.understand.matcher import Kind, match
from faqbot.understand.prepare import index_of
from faqbot.understand.reply import fallback_intro
from faqbot.understand.subjects import unknown_subjects
from tests.helpers import ROOT


@pytest.mark.parametrize(("question", "topic"), [
    ("What are the visiting hours on the orthopaedic ward?", "visiting hours"),
    ("where do we park at the hospital on the day, is parking free", "parking"),
    ("Wht are the visiting huors if my mum stays in overnight?", "visiting hours"),
    ("roughly how much does the whole thing cost", "cost"),
    ("will Medicare pay for my mother's procedure", "Medicare"),
])
def test_a_listed_topic_is_declined_by_name(kb, question, topic):
    """The shipped profile lists these: the bot names the topic and sends to the team."""
    assert topic in kb.clinic.not_covered
    result = match(kb, question)
    assert result.kind is Kind.FALLBACK
    assert result.unknown_topic == topic
    assert "not_covered" in result.reason
    assert f"I don't have information about {topic} here" in fallback_intro(kb, result)


def test_without_the_list_the_same_question_is_not_declined_for_it(kb):
    """The decline comes from the profile's list, not from anything else."""
    bare = replace(kb, clinic=replace(kb.clinic, not_covered=()))
    result = match(bare, "What are the visiting hours on the orthopaedic ward?")
    assert result.unknown_topic != "visiting hours"


@pytest.mark.parametrize(("question", "entry_id"), [
    # The topic's words, but not in a row: asks how long the procedure takes.
    ("does the visit take hours", "procedure-duration"),
    # A passing word of a story: the question is about the needle spot.
    ("We parked in the big car park and walked in with my mum. She is sore where the "
     "needle went in two days ago, is that normal?", "soreness"),
])
def test_the_topics_words_elsewhere_do_not_decline(kb, question, entry_id):
    result = match(kb, question)
    assert result.kind is Kind.ANSWER
    assert result.entry.id == entry_id


def test_two_questions_one_not_covered_answer_the_other(kb):
    """The covered question is answered, and the reply says what is not covered."""
    result = match(kb, "What are the visiting hours on the ward, and when can I drive again?")
    assert result.kind is Kind.ANSWER
    assert result.entry.id == "driving"
    assert result.unknown_topic == "visiting hours"


def test_lint_warns_when_a_phrasing_names_a_listed_topic(tmp_path: Path):
    (tmp_path / "clinic.yaml").write_text(
        "clinic:\n  not_covered: [parking, visiting hours]\n", encoding="utf-8")
    (tmp_path / "faq.yaml").write_text(
        "entries:\n"
        "  - id: arrive\n    question: Where do I go when I arrive?\n"
        "    alternates: [is there parking at the clinic]\n"
        "    answer: Come to the front desk.\n"
        "  - id: driving\n    question: When can I drive again?\n"
        "    answer: Ask your care team.\n", encoding="utf-8")
    findings = not_covered_overlap(load(tmp_path, cache_dir=None))
    assert [(f.entry, f.line, f.check) for f in findings] == [("arrive", 4, "not covered")]
    assert "'parking'" in findings[0].message


def test_the_shipped_phrasings_name_no_listed_topic(kb):
    assert not_covered_overlap(load(ROOT / "knowledge", cache_dir=None)) == []



@pytest.mark.parametrize("text", [
    "our resident takes warfarin, should it be stopped",
    "the gentleman we care for wants to know about the cement",
    "my nan wants to know about the cement",
    "the client I look after has a sore back",
])
def test_who_a_question_is_about_is_never_its_topic(kb, text):
    """A care home's "resident" or "gentleman", a "nan": a person, not a subject we lack."""
    index = index_of(kb)
    assert unknown_subjects(index, index.analyse(text)) == ()


@pytest.mark.parametrize("question", [
    "when can I go back to work at the bakery",
    "when can i go back to my job in the warehouse office",
    "when can I return to my job as a plasterer",
])
def test_where_someone_works_is_the_setting_not_the_topic(kb, question):
    """A question about going back to work, whatever the workplace or trade."""
    result = match(kb, question)
    assert result.kind is Kind.ANSWER
    assert result.entry.id == "return-to-work"
    assert not result.unknown_topic


def test_an_unknown_word_written_twice_is_the_subject_not_a_passing_word(kb):
    """Named twice, in the story and in the question, the wrist is what is asked about;
    named once among a story's words it may be a passing one."""
    twice = match(kb, "my wife cracked her elbow in the same fall, how long does an elbow "
                      "cast normally stay on")
    assert twice.kind is Kind.FALLBACK
    assert "elbow" in twice.unknown_topic


@pytest.mark.parametrize(("text", "named"), [
    ("what are the side effects of the Zelvox shots my doctor wants me to start", ("zelvox",)),
    ("is Zelvox safe to take after kyphoplasty", ("zelvox",)),
    # A place, a typo of a day, and the word that opens a sentence are no such name.
    ("my cousin in Dunmor had kyphoplasty, how long did his recovery take", ()),
    ("my kyphoplasty is on Tuessday, how long will it take", ()),
    ("Zelvox. how long does the procedure take", ()),
])
def test_a_name_written_with_a_capital_is_a_subject_we_lack(kb, text, named):
    """A brand of medicine shorter than a long name's length ("Prolia") is told by its
    capital inside the sentence."""
    index = index_of(kb)
    assert unknown_subjects(index, index.analyse(text)) == named



@pytest.mark.parametrize(("text", "named"), [
    ("how long before I can lift my 40 pound grandson", ()),
    ("can I lift a 10 kilo bag next week", ()),
    ("how long until I can lift my 2 stone toddler", ()),
    # Any other word after a number may still be the subject.
    ("are 3 cortisone shots safe before kyphoplasty", ("cortisone",)),
])
def test_a_measure_after_a_number_is_not_the_topic(kb, text, named):
    """"40 pound", "10 kilo": how heavy the thing is, not a subject we lack."""
    index = index_of(kb)
    assert unknown_subjects(index, index.analyse(text)) == named


def test_a_lift_told_by_its_weight_is_answered(kb):
    result = match(kb, "How long before I can lift my 40 pound grandson?")
    assert result.kind is Kind.ANSWER
    assert result.entry.id == "lifting-restrictions"


@pytest.mark.parametrize("text", [
    "could you give me a quick overview of how the cement is put in",
    "just the basics please, what happens on the day",
    "a short summary of the risks would help",
])
def test_the_shape_of_the_answer_asked_for_is_never_its_topic(kb, text):
    """"a quick overview", "the basics", "a short summary": how to answer, not what about."""
    index = index_of(kb)
    assert unknown_subjects(index, index.analyse(text)) == ()


@pytest.mark.parametrize(("text", "named"), [
    ("when can I lift my suitcase and the grandchildren again", ()),
    ("broke my back lifting a suitcase, how is that possible", ()),
    ("can I carry the laundry basket upstairs", ()),
    # Not after another word: a gallbladder operation is still a subject we lack.
    ("can I lift after my gallbladder surgery", ("gallbladder",)),
])
def test_what_is_lifted_or_carried_is_not_the_topic(kb, text, named):
    """"lift my suitcase", "carry the laundry basket": an instance of the activity asked
    about, not a subject we lack."""
    index = index_of(kb)
    assert unknown_subjects(index, index.analyse(text)) == named


@pytest.mark.parametrize("question", [
    "My wife is having a discectomy next week. How long will she be in hospital?",
    "I'm scheduled for a gastroscopy. Do I need to stop eating the night before?",
])
def test_a_question_about_another_procedure_the_story_names_is_declined(kb, question):
    """The story names a procedure someone is to undergo; the question, naming none of
    its own, is about that one: the honest fallback names it."""
    result = match(kb, question)
    assert result.kind is Kind.FALLBACK
    assert result.unknown_topic


def test_a_question_naming_kyphoplasty_after_another_procedure_is_answered(kb):
    result = match(kb, "I'm booked for an angioplasty next year. How long is the hospital stay "
                       "after kyphoplasty?")
    assert result.kind is Kind.ANSWER
    assert result.entry.id == "going-home"


def test_a_procedure_someone_is_to_undergo_is_named_after_having_or_booked_for():
    from faqbot.understand.subjects import procedure_named
    assert procedure_named(["i", "am", "booked", "for", "a", "balloon", "angioplasty"],
                           "angioplasty")
    assert procedure_named(["he", "is", "having", "a", "laminectomy"], "laminectomy")
    assert not procedure_named(["she", "had", "a", "stroke"], "stroke")


def test_another_procedure_of_known_words_named_in_the_story_is_declined(kb):
    """The base knows "spinal" and "fusion" (it compares the two); the recovery entry speaks
    of neither, so the question about that fusion's recovery gets the honest fallback."""
    result = match(kb, "My sister is having a spinal fusion in March. How long is the "
                       "recovery from that?")
    assert result.kind is Kind.FALLBACK
    assert result.unknown_topic == "spinal fusion"


def test_having_an_everyday_thing_names_no_procedure(kb):
    result = match(kb, "My granddaughter is having a baby! Can I travel to see her two weeks "
                       "after the procedure?")
    assert result.kind is not Kind.FALLBACK or not result.unknown_topic
    # (The question above names "the procedure", which alone keeps it answered; the rule
    # itself: a name of everyday words only is no procedure.)
    from faqbot.understand.subjects import procedure_phrases
    assert procedure_phrases(["she", "is", "having", "a", "baby"]) == []
    assert procedure_phrases(["she", "is", "having", "a", "spinal", "fusion"]) == [
        ("spinal", "fusion")]
