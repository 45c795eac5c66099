"""The concept-based red-flag check, case by case: which concept, and which cue decided.

The cases live in tests/data/safety/reading.yaml; the project's safety sets
(tests/questions/safety*.yaml) are run by tests/test_safety.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from faqbot.kb.loader import load
from faqbot.kb.safety_rules import NUMBER_GROUPS
from faqbot.understand.numbers import unit_typo
from faqbot.understand.prepare import index_of
from faqbot.understand.safety import hits, reader_of
from tests.helpers import ROOT

CASES = yaml.safe_load((ROOT / "tests" / "data" / "safety" / "reading.yaml")
                       .read_text(encoding="utf-8"))["cases"]


def test_the_case_file_is_not_empty():
    assert len(CASES) > 40


@pytest.mark.parametrize("case", CASES, ids=[c["text"] for c in CASES])
def test_each_message_is_read_as_the_case_says(kb, case):
    """The concept's hit (or its absence), whether it counts, why, and the deciding cue."""
    found = [h for h in hits(kb.safety, index_of(kb).analyse(case["text"]))
             if h.rule == case["concept"]]
    if case.get("none"):
        assert found == []
        return
    assert found, f"no sign of {case['concept']}"
    hit = max(found, key=lambda h: h.counted)
    assert hit.counted is case["counts"], hit
    if "why" in case:
        assert hit.why.startswith(case["why"]), hit
    if "cue" in case:
        assert hit.cue == case["cue"], hit
    if "tier" in case:
        assert hit.tier == case["tier"], hit


@pytest.mark.parametrize(("typed", "read"), [
    ("cantfeelmylegs", "can not feel my legs"),
    ("chestpainsincelastnight", "chest pain since last night"),
    ("numbing", "numbing"),  # not "numb" + "ing": short pieces must be known words
    ("brething", "breathing"),
    ("feaver", "fever"),
    ("fell", "fell"),  # a common English word is never "repaired" ("feel")
    ("xray", "xray"),  # four letters: only a letter added or swapped, first letter kept
    ("afebrile", "not febrile"),  # a denying prefix is no typo
    ("mobilising", "mobilising"),  # an -ise verb in either spelling, never split
    ("organised", "organised"),
    ("liek", "like"),  # on a tie, the word of the same letters (two swapped), not "lies"
    ("movve", "move"),  # ...a letter doubled, not one replaced ("movie")
    ("wron", "worn"),  # ...two swapped, before one dropped ("wrong")
    ("sasy", "says"),  # "sas" + y is no English word made an adjective
    ("couh", "cough"),  # on a tie, a word of the signs, not of the cues ("couch")
    # Run together as typed in a hurry: a dropped final "g", a doubled last letter, an
    # owner's "s"; but never an "s" on a function word or contraction ("wonts").
    ("dadsfacekillinhim", "dads face killing him"),
    ("herlipsrgreyy", "her lips are grey"),
    ("bleedingwontstoop", "bleeding will not stoop"),
    # ...or a word of the signs with one slip: two letters swapped, one doubled or dropped.
    ("shortofbraeth", "short of breath"),
    ("couhgingblood", "coughing blood"),
    ("myleggsnumb", "my legs numb"),
    ("swolenleg", "swollen leg"),
    ("bookedmyappointment", "booked my appointment"),
    # A negation only when no sign word is a likelier typo: "wort" is "worst" with a
    # letter dropped before it is "won't" with one replaced; "wnot" is still "won't".
    ("wort", "worst"),
    ("wnot", "will not"),
    ("catn", "can not"),
])
def test_words_are_repaired_or_split_into_the_vocabulary(kb, typed, read):
    assert " ".join(reader_of(kb.safety).word(typed)) == read


def test_every_concept_has_a_sign_and_every_sign_known_groups(kb):
    """Validation guarantees it; a concept without signs could never fire."""
    safety = kb.safety
    names = set(safety.groups) | set(NUMBER_GROUPS)
    for concept in safety.concepts:
        assert concept.signs, concept.id
        for sign in concept.signs:
            assert set(sign.parts) | set(sign.unless) <= names, (concept.id, sign)


def test_a_staff_edit_to_the_vocabulary_takes_effect(tmp_path: Path):
    """Concepts are data: a new lay word in knowledge/safety.yaml is caught at once."""
    text = (ROOT / "knowledge" / "safety.yaml").read_text(encoding="utf-8")
    text = text.replace("    calf: [calf,", "    calf: [gastrocnemius, calf,", 1)
    (tmp_path / "safety.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "faq.yaml").write_text(
        "entries:\n  - {id: a, question: What is it?, answer: It is a thing.}\n", encoding="utf-8")
    edited = load(tmp_path, cache_dir=None)
    found = hits(edited.safety, index_of(edited).analyse("my gastrocnemius is swollen"))
    assert [h.rule for h in found if h.counted] == ["calf-clot"]


def test_a_cue_the_writer_takes_back_no_longer_decides(kb):
    """"I thought it was X, no wait, it's Y": a cue before the correction is void."""
    text = ("When I cough I get rusty brown phlegm, I thought it was just old mucus from the "
            "cold I had before the procedure, no wait, it's proper red blood mixed in")
    found = [h for h in hits(kb.safety, index_of(kb).analyse(text)) if h.rule == "coughing-blood"]
    assert any(h.counted for h in found)
    assert any("takes back" in h.why for h in found if h.counted)


def test_them_stands_for_the_legs_named_just_before(kb):
    text = "My legs are being a bit lazy today. Well, I can't get them to move at all."
    found = [h for h in hits(kb.safety, index_of(kb).analyse(text)) if h.rule == "legs-paralysis"]
    assert any(h.counted for h in found)


def test_a_short_word_one_typo_from_a_sign_word_is_read_again_as_it(kb):
    """Where nothing counts, a second reading takes "lis" as "lips"; words of the cues
    ("wore" of "wore off") and everyday words are never re-read."""
    from faqbot.understand.matcher import Kind, match
    assert match(kb, "her lis have gone blue").kind is Kind.EMERGENCY
    reader = reader_of(kb.safety)
    assert reader.lenient("lis") == "lips"
    assert reader.lenient("wore") == "wore"
    assert reader.lenient("had") == "had"


def test_the_sign_words_are_gathered_on_first_use_not_at_load():
    """A start-up that meets no typo tie does not pay for them (about 1 ms)."""
    kb = load(ROOT / "knowledge", cache_dir=None)
    reader = reader_of(kb.safety)
    assert "sign_words" not in reader.__dict__
    assert "lips" in reader.sign_words


def test_a_unit_of_time_typed_with_a_typo_after_a_number_is_read_as_the_unit():
    """"throwing up for 30 hors" is hours: read as "horse" it was an animal's sign."""
    assert unit_typo("hors") == ("hours",)
    assert unit_typo("misn") == ("minutes",)
    assert unit_typo("dyas") == ("days",)
    assert unit_typo("hours") is None  # a unit already
    assert unit_typo("horse") is None  # two typos from any unit
    assert unit_typo("hr") is None  # too short to tell
