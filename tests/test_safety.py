"""Safety first: red flags are caught before any FAQ matching, near misses are not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from faqbot.understand.matcher import Kind, match
from tests.helpers import ROOT, run_bot

QUESTIONS = ROOT / "tests" / "questions"
SAFETY_FILES = sorted(QUESTIONS.glob("safety*.yaml"))
MAX_NEAR_MISS_ALARMS = 0.05


def load_cases(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]


def split(paths: list[Path]) -> tuple[list[str], list[str]]:
    urgent, near = [], []
    for path in paths:
        for case in load_cases(path):
            (urgent if case["expect"] == "emergency" else near).append(case["question"])
    return urgent, near


def test_safety_sets_are_large_enough():
    urgent, near = split([QUESTIONS / "safety.yaml"])
    assert len(urgent) >= 60
    assert len(near) >= 40


def test_every_urgent_phrasing_is_an_emergency_and_near_misses_rarely_are(kb):
    urgent, near = split(SAFETY_FILES)
    missed = [q for q in urgent if match(kb, q).kind is not Kind.EMERGENCY]
    alarms = [q for q in near if match(kb, q).kind is Kind.EMERGENCY]
    print(f"\nsafety: urgent recall {len(urgent) - len(missed)}/{len(urgent)}, "
          f"near-miss alarms {len(alarms)}/{len(near)} ({len(alarms) / len(near):.1%})")
    assert missed == []
    assert len(alarms) / len(near) <= MAX_NEAR_MISS_ALARMS, alarms


def test_no_faq_answer_can_win_over_a_red_flag(kb):
    """Whatever else a message asks, a reported red flag decides it."""
    for entry in kb.entries:
        result = match(kb, f"{entry.question} also i cant breathe")
        assert result.kind is Kind.EMERGENCY, entry.id
        assert result.entry is None
        assert result.candidates == ()


def test_no_entry_phrasing_trips_the_safety_check(kb):
    """The knowledge base's own questions are information questions, never emergencies."""
    tripped = [(e.id, p) for e in kb.entries for p in e.phrasings
               if match(kb, p).kind is Kind.EMERGENCY]
    assert tripped == []


def test_emergency_tier_says_call_the_emergency_number(kb):
    result = match(kb, "my chest hurts and my left arm is numb")
    assert result.safety.tier == "emergency"
    assert "Call 911 now" in result.safety.message


def test_urgent_tier_says_call_the_care_team(kb):
    result = match(kb, "the needle site is red and has pus coming out")
    assert result.safety.tier == "urgent"
    assert "call your care team right away" in result.safety.message.lower()


def test_suicidal_thoughts_also_get_the_crisis_line(kb):
    result = match(kb, "i dont want to live anymore")
    assert result.kind is Kind.EMERGENCY
    assert "988" in result.safety.message


@pytest.mark.parametrize(
    "text",
    ["no fever or chills", "I don't have chest pain", "I had chest pain last year",
     "my back pain is killing me", "I'm dying to know when I can golf",
     "what should I do if I get a fever after"],
)
def test_negations_past_events_idioms_and_hypotheticals_are_not_urgent(kb, text):
    assert match(kb, text).kind is not Kind.EMERGENCY


def test_emergency_number_comes_from_the_clinic_profile(tmp_path: Path):
    (tmp_path / "kb.yaml").write_text(
        (ROOT / "knowledge" / "safety.yaml").read_text(encoding="utf-8")
        + "\nentries:\n  - {id: a, question: What is it?, answer: It is a thing.}\n"
        + "clinic:\n  emergency_number: '112'\n",
        encoding="utf-8",
    )
    out = json.loads(run_bot("--kb", str(tmp_path), "ask", "i cant breathe", "--json").stdout)
    assert out["kind"] == "emergency"
    assert "Call 112 now" in out["answer"]


def test_done_when_checks_from_the_issue():
    urgent = json.loads(run_bot("ask", "i cant feel my legs", "--json").stdout)
    assert urgent["kind"] == "emergency"
    assert urgent["entry_id"] is None
    question = json.loads(
        run_bot("ask", "is numbness a symptom of a compression fracture", "--json").stdout)
    assert question["kind"] != "emergency"


@pytest.mark.parametrize(
    "question",
    ["should I stop my blood thinner", "can I take ibuprofen after kyphoplasty",
     "should I get kyphoplasty"],
)
def test_personal_decisions_are_sent_to_the_doctor(kb, question):
    result = match(kb, question)
    assert result.personal_decision
    data = json.loads(run_bot("ask", question, "--json").stdout)
    assert "made with your doctor" in data["answer"]


def test_a_question_about_a_sign_followed_by_i_do_not_have_any_is_no_report(kb):
    """"Should I worry about chest pain? I don't have any": asked, and denied."""
    from faqbot.understand.matcher import Kind, match
    assert match(kb, "Should I worry about chest pain after kyphoplasty? I don't have any, "
                     "my friend told me to ask.").kind is not Kind.EMERGENCY
    assert match(kb, "I have chest pain. I don't have any fever.").kind is Kind.EMERGENCY


# Messages read in their context: whether each gets the emergency panel. One case per
# rule this round added, with the near cases that must still count.
_IN_CONTEXT = [
    # --- "dropped" with an object let something fall; "dropped" alone, or "dropped in" a
    # place, is a collapse ("dropped in on" a friend is a visit).
    ("How do I treat a broken toe at home? I dropped a tin on it.", False),
    ("I dropped my phone and cracked the screen", False),
    ("he just dropped in the hallway", True),
    ("mum just dropped to the floor and wont wake up", True),
    ("my neighbour dropped in on me this morning, can she drive me home", False),
    # --- A risk told of anyone is no report: 'can ... make you <sign>' says what may
    # happen to anyone, not what has.
    ("I read the cement can damage the spinal cord and make you paralyzed. Is this true??", False),
    ("the cement can make you paralyzed, is that right", False),
    # The sign before the "make you", or a report of it now, still counts.
    ("my chest hurts so much it can make you cry", True),
    ("the meds might make you confused, is that why dad is so confused now", True),
    # --- An unless word blocks a sign only inside its clause.
    # A word that would mark puzzlement ("confused how the app works") but opens a
    # question of its own, or stands in another clause, does not excuse the sign.
    ("my mom is confused what should i do", True),
    ("mom had kyphoplasty yesterday and is confused, how do i help her", True),
    ("a bit confused how the app works", False),
    ("confused what to do about the dressing", False),
    # --- A sudden pain that turned out to be the fracture is its story.
    # A sudden pain told before the fracture it turned out to be is how the fracture began.
    ("Last Tuesday she felt a sudden pain in the middle of her back while folding laundry. "
     "The x-ray showed a compression fracture. What is a compression fracture?", False),
    # Told after the fracture, or happening now, it is news.
    ("Mum is waiting for kyphoplasty for her compression fracture. She had a sudden "
     "terrible pain higher up in her back.", True),
    ("Mum is waiting for kyphoplasty. Today she had a sudden severe pain in her back. "
     "The x-ray showed a new fracture.", True),
    # --- A sign told over lines written in bursts, one thought per line (fragments.py).
    ("the cut on my back\nis red and swollen\nand oozing", True),
    ("his left calf\nswollen and hot\nhurts to walk", True),
    # Read together, the lines keep their context; a full stop still ends a sentence.
    ("my calf\nwas swollen last year\nfine now", False),
    ("I found something red on my shirt. Wound's fine, it was jam.", False),
    # --- Telling how one looks describes ("I look like a mess"); asking what a sign
    # looks like does not report it.
    ("I look like a mess, blood everywhere from the wound and it won't stop", True),
    ("what does an infected wound look like", False),
    # --- Joking that it is so is not meant; saying one is not joking is.
    ("my daughter jokes that I'm paralysed in front of the telly", False),
    ("I am not joking, I can't feel my legs", True),
    ("the queue at the pharmacy made me want to faint", False),
    # Thoughts of suicide get the crisis line even told as a joke.
    ("my husband jokes he will kill himself if the physio goes on", True),
    ("I feel like I'm going to faint", True),
    # --- Over again: back to its colour, gone once it was eased, tests that found nothing.
    ("her lips were blue after swimming, ten minutes later pink again", False),
    ("my foot went numb from kneeling\nwent away once I got up", False),
    ("he passed out at the wedding, the doctors checked him and the tests were all normal", False),
    # --- An animal's sign is the animal's; the one picked up is no one the sign is about.
    ("the dog's back legs stopped working, the vet is checking", False),
    ("the dog knocked me down and now I can't move my legs", True),
    ("I bent down to pick up the cat and felt a crack, now the pain is 9/10", True),
    # --- Puzzlement is not confusion.
    # The asker's or a family's puzzlement about what they were told is no delirium.
    ("We are so confused because she is active and walks every day.", False),
    ("He still walks the dog every morning, so the whole family is confused.", False),
    ("I'm confused about what the doctor said", False),
    # Someone else's confusion, a confusion felt, or one happening now or since, counts.
    ("mum is confused", True),
    ("I feel confused", True),
    ("I am confused since the pain pills", True),
    ("i am so confused and drowsy today", True),
    # --- Lay size words, possessives and a sign that passed.
    ("is it normal for one leg to swell? her right calf is twice the size of the left", True),
    # Someone on TV, typed without the apostrophe ("a guys lips"), is not the patient.
    ("watching a hospital drama and a guys lips went blue after anesthesia, can that "
     "happen with kyphoplasty?", False),
    ("wifes legs were wobbly straight after the sedation but that passed in an hour", False),
    # --- A sign told with "had" and a year after it is history.
    # A sign told with "had", and a time long ago after it in its clause, is history.
    ("I had a wound infection after my gallbladder surgery in 2018 and needed antibiotics.",
     False),
    # "have had" runs up to now; a present cue anywhere keeps it a report.
    ("I have had a wound infection since my surgery in 2018", True),
    ("I had a clot in my calf years ago, now my calf is swollen and red", True),
    # --- A possessor's neighbour's sign is not the patient's.
    # Someone else named after a possessor ("grandma's neighbour") is the one it is told of.
    ("my grandma's neighbour collapsed and was taken by ambulance yesterday", False),
    ("my mum's legs collapsed under her", True),
    ("my dad collapsed", True),
    # --- A no to the whole list denies it.
    # "No to all of them", a whole sentence, answers the list of signs before it.
    ("The nurse read me the list: chest pain, trouble breathing, fever, bleeding. "
     "I said no to all of them.", False),
    ("Mum has chest pain and a fever. I said no to all the visitors.", True),
    ("Mum has chest pain. She said no to the pills.", True),
    # --- Advice quoted, a sign over at once, a time long before.
    # What a nurse said is a reason to go: when to seek care, not a report.
    ("The nurse on the phone said 'coughing up blood is a reason to go to ER'.", False),
    # Over in a moment: "now fine", "gone in a minute".
    ("Stubbed my toe this morning and the pain was 8/10 for a minute, ha, now fine.", False),
    ("I had pins and needles in my foot this morning from sitting on it, shook it out, "
     "gone in a minute.", False),
    # A time put first after "long" is still first.
    ("Long before the fracture I had a clot in my calf after a flight.", False),
    ("I am coughing up blood", True),
    # A comparison with another time is its own clause: the time long ago in it dates
    # the yardstick, not the sign told before it.
    ("dad is clutching his chest and sweating, just like when he had his heart attack "
     "back in 2015", True),
    ("mum passed out in the kitchen, same as when she fainted at the dentist years ago", True),
    ("I passed out once at the dentist years ago, it was the needle", False),
]


@pytest.mark.parametrize(("text", "urgent"), _IN_CONTEXT)
def test_a_message_is_read_in_its_context(kb, text, urgent):
    assert (match(kb, text).kind is Kind.EMERGENCY) is urgent


@pytest.mark.parametrize("text", [
    "my husband catn move his legs at all since he woke up",
    "my wife caant catch her breath just walking to the bathroom",
    "she cnat feel anything between her legs when she wipes",
])
def test_a_misspelt_cant_still_reads_as_can_not(kb, text):
    """A negative contraction one typo off ("catn", "caant", "cnat") is read as itself:
    the vocabulary's repair leaves words under five letters alone."""
    assert match(kb, text).kind is Kind.EMERGENCY


@pytest.mark.parametrize(("text", "urgent"), [
    ("i dont wannt to be alive anymore", True),  # "want", not "wasn't"
    ("my thighs and bottom weent numb last night", True),  # "went", not "weren't"
    ("i diddnt have a fever or any chills", False),  # still "did not"
])
def test_a_letter_typed_twice_is_read_before_a_negation(kb, text, urgent):
    """A word one letter doubled off an English word is that word, not the negative
    contraction it is also one typo from: a negation read in would hide the sign."""
    assert (match(kb, text).kind is Kind.EMERGENCY) is urgent


def test_a_short_word_with_a_letter_dropped_is_read_when_only_one_word_fits(kb):
    """"nmb", "nub", "wlk", "hrt": the one four-letter vocabulary word the typo can be;
    "fel" (feel or fell) is left as typed, and so is an English word ("pin")."""
    from faqbot.understand.safety import reader_of
    reader = reader_of(kb.safety)
    assert [reader.word(w) for w in ("nmb", "nub", "wlk", "hrt")] == [
        ("numb",), ("numb",), ("walk",), ("hurt",)]
    assert reader.word("fel") == ("fel",)
    assert reader.word("pin") == ("pin",)
    assert match(kb, "grandpa says his privates n inner thighs feel nub, new today").kind \
        is Kind.EMERGENCY


def test_a_word_with_a_letter_doubled_is_that_word_not_two_run_together(kb):
    """"numbbed" is "numbed" typed with a "b" twice, not "numb bed"; words really run
    together are still split."""
    from faqbot.understand.safety import reader_of
    reader = reader_of(kb.safety)
    assert reader.word("numbbed") == ("numbed",)
    assert reader.word("cantpee") == ("can", "not", "pee")
    assert match(kb, "Will I have to be fully asleep for it, or can it be done with me "
                     "awake and just numbbed?").kind is not Kind.EMERGENCY
