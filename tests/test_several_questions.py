"""Messages asking several things: `parts` in ask --json, in the chat and in coverage."""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console

from faqbot.chat.loop import ChatSession
from faqbot.records import replace
from faqbot.staff.coverage import judge, read_cases, totals
from faqbot.understand.matcher import Kind, match
from faqbot.understand.parts import refers_back, settled_by_whole
from faqbot.understand.prepare import index_of
from faqbot.understand.questions import find_questions
from tests.helpers import run_bot

TWO = "how long does the procedure take and when can i go home after"


def test_ask_json_lists_each_part_and_keeps_the_top_level_for_the_first():
    result = run_bot("ask", TWO, "--json")
    data = json.loads(result.stdout)
    assert data["kind"] == "answer"
    assert data["entry_id"] == "procedure-duration"
    assert [p["entry_id"] for p in data["parts"]] == ["procedure-duration", "going-home"]
    first, second = data["parts"]
    assert first["question"] == "how long does the procedure take"
    assert set(second) == {"question", "kind", "entry_id", "score", "answer", "sources"}
    assert second["sources"]
    assert second["answer"].startswith("Most people go home the same day")


def test_a_single_question_has_an_empty_parts_list():
    data = json.loads(run_bot("ask", "how long does the procedure take", "--json").stdout)
    assert data["parts"] == []


def test_chat_shows_one_panel_per_part_headed_by_its_question(kb):
    out = io.StringIO()
    ChatSession(kb, Console(file=out, width=80, force_terminal=False)).handle(TWO)
    shown = out.getvalue()
    assert shown.count("You asked:") == 2
    assert shown.index("You asked: how long does the procedure take") < shown.index(
        "You asked: when can i go home after")
    assert "How long does kyphoplasty take?" in shown
    assert "When can I go home after kyphoplasty?" in shown


def _case_file(tmp_path, body: str):
    path = tmp_path / "several.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_expect_all_passes_only_when_every_question_is_answered(kb, tmp_path):
    path = _case_file(tmp_path, f"""cases:
  - question: "{TWO}"
    expect_all: [procedure-duration, going-home]
  - question: "how long does the procedure take"
    expect_all: [procedure-duration, going-home]
  - question: "how long does the procedure take and when can i go home after"
    expect_all: [procedure-duration, driving]
""")
    cases = read_cases([path], [e.id for e in kb.entries])
    outcomes = [judge(case, match(kb, case.question)) for case in cases]
    assert [o.passed for o in outcomes] == [True, False, False]
    assert [o.wrong_answer for o in outcomes] == [False, False, True]
    summary = totals(outcomes)
    assert summary.several == 3
    assert summary.several_all_answered == 1
    assert summary.in_scope == 3


def test_coverage_report_counts_several_question_cases(tmp_path):
    path = _case_file(tmp_path, f"""cases:
  - question: "{TWO}"
    expect_all: [procedure-duration, going-home]
""")
    result = run_bot("coverage", str(path))
    assert result.returncode == 0
    assert "several questions          1 of 1 with every question answered" in result.stdout.decode()


def test_a_short_second_question_is_not_read_as_the_first_again(kb):
    """"will it hurt" after "will he be asleep or awake" says little on its own and is read
    with the question before it; when that makes it ask the first question again, its own
    words decide."""
    result = match(kb, "Two questions from my dad: 1. will he be asleep or awake 2. will it hurt")
    assert [p.entry.id for p in result.parts] == ["anesthesia", "procedure-pain"]
    # What a short question points back to still reads with it.
    assert match(kb, "my doctor said balloon kyphoplasty. what is it?").entry.id == "what-is-kyphoplasty"


def test_a_second_question_pointing_back_is_read_alone_when_it_asked_the_first_again(kb):
    """"what kind of doctor does it?" read with "what kyphoplasty is" asks what kyphoplasty
    is; on its own words it asks who performs it, and scores high enough to say so."""
    result = match(kb, "Can you explain what kyphoplasty is, and what kind of doctor does it?")
    assert [p.entry.id for p in result.parts] == ["what-is-kyphoplasty", "who-performs"]


def test_a_question_opening_with_a_relative_is_a_second_question(kb):
    """"will mum be able to ..." opens a question as "will she be able to ..." does."""
    result = match(kb, "how long does the procedure take, and will mum be able to come home "
                       "the same day?")
    assert [p.entry.id for p in result.parts] == ["procedure-duration", "going-home"]


def test_a_question_pointing_back_to_an_uncovered_one_is_not_answered_alone(kb):
    """"would dad need one of those" asks about the laminectomy the bot does not cover:
    answering it with another entry would answer a question nobody asked."""
    result = match(kb, "what is a laminectomy and would dad need one of those instead")
    assert result.kind is Kind.FALLBACK
    assert result.unknown_topic == "laminectomy"
    # A question that stands on its own words is still answered beside it.
    assert match(kb, "what is a laminectomy, and when can I drive after kyphoplasty").entry.id \
        == "driving"


def test_a_check_of_something_heard_is_answered_when_its_entry_leads_clearly(kb):
    """A claim is a statement, scored against the entries' questions: a little below the
    answer threshold it is still answered when one entry leads the next clearly."""
    result = match(kb, "Someone at work said the whole thing is over and done in about "
                       "15 minutes. Is that realistic?")
    assert result.kind is Kind.ANSWER
    assert result.entry.id == "procedure-duration"
    assert result.reason.startswith("a check of something heard")


def test_a_statement_found_by_a_question_word_inside_it_names_no_uncovered_topic(kb):
    """"... a colonoscopy years ago where she was half sedated" is story, found as a part
    only by its "where ... was": the bot does not say it lacks information on colonoscopy."""
    result = match(kb, "She had a bad time with a colonoscopy years ago where she was only "
                       "half sedated. Will she be asleep for the kyphoplasty?")
    assert result.entry.id == "anesthesia"
    assert result.unknown_topic == ""


def test_they_of_the_care_team_does_not_point_back_to_the_story(kb):
    """"will they discharge her" asks what the care team does; it does not point back to
    the place the writer travels from, so that place is no topic the bot lacks."""
    result = match(kb, "I am writing for my mother, she fell in the garden last month. I am "
                       "travelling down from Abuja to be with her and need to book my ticket. "
                       "Will they discharge her the same day?")
    assert result.kind is Kind.ANSWER
    assert result.entry.id == "going-home"
    # (A "that" which points back still leans on the story: test_questions, the knee.)


@pytest.mark.parametrize(("question", "points"), [
    ("how long is the recovery from that", True),
    ("would dad need one of those", True),
    ("what causes them", True),
    ("will they discharge her the same day", False),
    ("what do they do if it does not work", True),  # "it" still points back
    ("do they have to be done one at a time on different days", False),
    ("is one or two days enough", False),
])
def test_a_question_points_back_only_through_a_pronoun_of_a_thing(question, points):
    """"They" of the care team and "one" that counts point back to nothing in the story,
    so a question using them is answered on its own words."""
    assert refers_back(question.split()) is points


def test_a_dose_question_is_not_answered_with_an_entry_that_gives_no_dose(kb):
    """No entry says how many of a medicine to take: "how many tramadol can I take in a
    day" gets "did you mean", not the entry about pain medicine after the procedure."""
    result = match(kb, "how many tramadol can i take in a day after the procedure")
    assert result.kind is not Kind.ANSWER
    assert match(kb, "will I still need my tramadol after the procedure").kind is Kind.ANSWER


def test_the_noun_of_a_set_phrase_is_no_topic_we_do_not_cover(kb):
    """"to understand things in advance" names no topic: the question that follows it
    ("must he stop this blood-thinning tablet") is answered, not declined for "advance"."""
    result = match(kb, "I am writing on behalf of my father. I want to understand things in "
                       "advance. Must he stop this blood-thinning tablet before the procedure?")
    assert result.kind is Kind.ANSWER
    assert result.entry.id == "blood-thinners"


def test_a_vague_second_question_left_unsure_by_the_first_is_read_on_its_own_words(kb):
    """"will I be put to sleep for it?" read with "how long will the procedure take" is
    unsure between the two; on its own words it asks about anaesthesia, one of the
    entries it was unsure between, and scores high enough to say so."""
    result = match(kb, "how long will the procedure take and will I be put to sleep for it?")
    assert [p.entry.id for p in result.parts] == ["procedure-duration", "anesthesia"]


def test_the_whole_message_settles_the_one_part_left_unsure(kb):
    """One part answered on its own words, the other unsure between entries: the entry the
    whole message answers with, when it is among the unsure part's options, answers it."""
    first = match(kb, "How soon after the fracture should kyphoplasty be done?")
    unsure = replace(match(kb, "eating and drinking the night before"), kind=Kind.CLARIFY, entry=None)
    whole = match(kb, "when do I stop eating and drinking before kyphoplasty")
    settled = settled_by_whole([first, unsure], first, whole)
    assert [r.entry.id for r in settled] == ["timing", "fasting"]
    assert all(r.kind is Kind.ANSWER for r in settled)
    # A part answered on words that point back ("is that normal") is no part to keep
    # beside the whole's answer.
    pointing = match(kb, "is that normal after kyphoplasty")
    assert settled_by_whole([pointing, unsure], pointing, whole) == ()


@pytest.mark.parametrize(("text", "read"), [
    ("Can I go out walking with my dressing on, or should I cover it?",
     "Can I go out walking with my dressing on"),
    # An alternative naming what the base knows, or a list's last item, stays.
    ("will he be awake for it or will they put him to sleep?",
     "will he be awake for it or will they put him to sleep?"),
    ("is she allergic to iodine or shellfish, does that matter for the dye?",
     "is she allergic to iodine or shellfish, does that matter for the dye?"),
    ("does it hurt or not, during and after?", "does it hurt or not, during and after?"),
    ("WILL IT MAKE ME TALLER AGAIN OR IS THAT WISHFUL THINKING", "WILL IT MAKE ME TALLER AGAIN"),
    # The plain contrast the asker fears, whatever it names.
    ("Is that the kind of pain a broken bone gives you, or am I just getting old and sore?",
     "Is that the kind of pain a broken bone gives you"),
    ("is it for cancer fractures too, or is it mainly for older ladies with thin bones?",
     "is it for cancer fractures too"),
    # A thing named before the "only" is a question of its own.
    ("Was it realistic to expect all of her back pain to disappear, or does kyphoplasty only "
     "deal with the pain from the fracture itself?",
     "Was it realistic to expect all of her back pain to disappear, or does kyphoplasty only "
     "deal with the pain from the fracture itself?"),
])
def test_an_alternative_naming_nothing_is_left_out_of_a_parts_reading(kb, text, read):
    """"..., or should I cover it?": a tail that names nothing the base knows
    only lowers the score of the entry the question asks about."""
    from faqbot.understand.parts import without_empty_alternative
    assert without_empty_alternative(index_of(kb), text) == read


@pytest.mark.parametrize("text", [
    "WHAT KIND OF DOCTOR DOES THIS AND DO I HAVE TO GO INTO HOSPITAL FOR IT",
    "how long does it take and can I drive myself home after",
    "What does the balloon do and is the cement the same stuff dentists use or what is it",
])
def test_a_shouted_message_is_read_as_its_lower_case(kb, text):
    """Caps lock stuck: every word a capital says nothing, so the questions found and the
    answers given are those of the same words in lower case."""
    shouted, plain = match(kb, text.upper()), match(kb, text.lower())
    assert (shouted.kind, shouted.entry) == (plain.kind, plain.entry)
    assert [(p.kind, p.entry) for p in shouted.parts] == [(p.kind, p.entry) for p in plain.parts]
    assert len(plain.parts) == 2


@pytest.mark.parametrize(("text", "parts"), [
    ("How long does the treatment itself last, and for how many weeks should I avoid heavy "
     "lifting afterwards?", 2),
    # The last question's detail, not a question of its own.
    ("Do I need to stop my clopidogrel, and for how many days?", 1),
])
def test_a_preposition_before_a_question_word_opens_a_question(text, parts):
    """"..., and for how many weeks should I ...": a wh-phrase after a preposition opens
    a question as the wh-word alone does, when it goes on to ask something."""
    assert len(find_questions(text)) == parts


@pytest.mark.parametrize(("text", "entries"), [
    ("What causes a vertebral fracture, and how would I know if I had one?",
     ["fracture-causes", "fracture-symptoms"]),
    ("What exactly is a compression fracture? And how would I know if I had one, what would I feel?",
     ["compression-fracture", "fracture-symptoms"]),
])
def test_a_vague_part_unsure_between_the_last_ones_entry_and_another_asks_the_other(kb, text, entries):
    """Read with the question before it, "how would I know if I had one?" is unsure
    between that question's entry and the one it asks: it asks the other."""
    result = match(kb, text)
    assert [p.entry.id for p in result.parts] == entries
