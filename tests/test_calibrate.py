"""Calibrated thresholds (faqbot/understand/calibrate.py): measured on a knowledge base's
own phrasings, deterministic, the shipped constants when there is too little to go on."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from faqbot.kb.model import Clinic, Entry, KnowledgeBase, Safety, frozen_mapping
from faqbot.records import replace
from faqbot.staff.explain import explain, render_explanation
from faqbot.understand import calibrate as cal
from faqbot.understand import matcher as m
from faqbot.understand.calibrate import Probe
from faqbot.understand.holdout import without
from faqbot.understand.prepare import build_index, index_of

SHIPPED = (m.ANSWER_MIN, m.ANSWER_MARGIN, m.CLARIFY_MIN)
# Household things, each one entry's subject: enough entries to calibrate on.
THINGS = ("kettle", "toaster", "blender", "carpet", "curtain", "mattress", "pillow", "sofa",
          "window", "mirror", "oven", "fridge", "freezer", "dishwasher", "bathtub", "shower",
          "sink", "faucet", "drain", "gutter", "chimney", "fireplace", "patio", "fence",
          "garage", "driveway", "lawnmower", "bicycle", "helmet", "saddle", "backpack",
          "suitcase", "umbrella", "raincoat", "sneaker", "sandal", "jacket", "sweater",
          "blanket", "quilt", "lampshade", "bookshelf", "keyboard", "monitor", "printer",
          "speaker", "headphone", "camera", "telescope", "aquarium")
WORDINGS = ("how do i clean my {t}", "{t} cleaning tips", "best way to wash a {t}",
            "what should i use on a dirty {t}", "can my {t} get wet",
            "getting stains off the {t}", "keeping a {t} spotless")


def _kb(things: tuple[str, ...] = THINGS, *, alternates: int = len(WORDINGS) - 1,
        thresholds: str = "") -> KnowledgeBase:
    entries = tuple(
        Entry(thing, WORDINGS[0].format(t=thing), f"Wipe the {thing} with a damp cloth.",
              tuple(w.format(t=thing) for w in WORDINGS[1:1 + alternates]))
        for thing in things)
    return KnowledgeBase(entries, frozen_mapping({}), (), Clinic(thresholds=thresholds),
                         Safety(), Path("<memory>"))


def test_calibration_is_deterministic():
    """Two fresh loads of the same knowledge base get exactly the same thresholds."""
    first, second = m.thresholds(_kb()), m.thresholds(_kb())
    assert first == second
    assert first.held_out >= cal.MIN_PROBES


def test_calibrated_thresholds_keep_their_bars_on_the_held_out_phrasings():
    """What was measured is reported, and the chosen thresholds respect both bars."""
    found = m.thresholds(_kb())
    assert found.held_out >= cal.MIN_PROBES
    assert found.absent == len(THINGS)
    assert found.wrong <= cal.PROBE_WRONG_MAX
    assert found.absent_answered <= cal.ABSENT_ANSWERED_MAX
    assert found.clarify_min <= found.answer_min


def test_too_little_data_keeps_the_shipped_constants():
    """Five entries give too few held-out phrasings: the shipped constants, saying why."""
    found = m.thresholds(_kb(THINGS[:5]))
    assert (found.answer_min, found.answer_margin, found.clarify_min) == SHIPPED
    assert "too little" in found.source
    assert found.held_out == found.absent == 0


def test_fixed_in_the_clinic_profile_keeps_the_shipped_constants():
    """`thresholds: fixed` skips calibration, as the shipped knowledge base does."""
    found = m.thresholds(_kb(thresholds="fixed"))
    assert (found.answer_min, found.answer_margin, found.clarify_min) == SHIPPED
    assert found.source == cal.FIXED


def test_shipped_knowledge_base_keeps_its_tuned_constants(kb: KnowledgeBase):
    """Calibrated on itself the shipped base answers half as many staff cases, so it says
    `thresholds: fixed` (README: How it works)."""
    assert m.thresholds(kb).source == cal.FIXED


def test_without_alternates_entries_are_asked_with_their_entry_left_out():
    """No alternates to hold out: each entry's question is asked against the others."""
    found = m.thresholds(_kb(alternates=0))
    assert found.held_out == 0
    assert found.absent == len(THINGS)
    assert found.absent_answered <= cal.ABSENT_ANSWERED_MAX


def test_the_decision_uses_the_thresholds_in_force():
    """The reason given for a decision quotes the calibrated thresholds, not the constants."""
    kb = _kb()
    found = m.thresholds(kb)
    result = m.match(kb, "how do i clean my kettle")
    assert result.kind is m.Kind.ANSWER
    assert f">= {found.answer_min:g} and leads the next by" in result.reason


def test_explain_shows_the_thresholds_and_how_they_were_set():
    """explain prints the values in force and the calibration behind them."""
    kb = _kb()
    console = Console(record=True, width=400, color_system=None)
    render_explanation(explain(kb, "tips for a dirty toaster"), console)
    text = console.export_text()
    found = m.thresholds(kb)
    assert f"Thresholds: {found.values}." in text
    assert f"{found.held_out} held-out alternates" in text
    assert "entry questions asked with their entry left out" in text


def test_held_out_phrasings_are_gone_from_the_reduced_index():
    """A held-out alternate ranked on the reduced index never meets itself, and ranks its
    entries as an index built without it does."""
    kb = _kb()
    index = index_of(kb)
    held = {n for n, p in enumerate(index.phrasings) if p.text.startswith("getting stains")}
    reduced = without(index, held)
    rebuilt = build_index(replace(kb, entries=tuple(
        replace(e, alternates=tuple(a for a in e.alternates if not a.startswith("getting stains")))
        for e in kb.entries)))
    for number in sorted(held)[:10]:
        text = index.phrasings[number].text
        ours = m.rank(reduced, reduced.analyse(text))
        theirs = m.rank(rebuilt, rebuilt.analyse(text))
        assert all(c.phrasing != text for c in ours)
        assert [c.entry.id for c in ours[:3]] == [c.entry.id for c in theirs[:3]]
        assert abs(ours[0].score - theirs[0].score) < 5


def test_search_answers_the_clear_winners_and_not_the_close_races():
    """Right top candidates far ahead, wrong ones in close races (which the shipped lead
    of 3 would answer): the calibrated lead decides."""
    probes = ([Probe(80.0, 30.0, False, True, True)] * 90
              + [Probe(85.0, 4.0, False, False, True)] * 10)
    asked = [Probe(60.0, 1.0, False, None, False)] * 50
    found = cal._settle(probes, asked, SHIPPED)
    assert found.source == "calibrated"
    assert found.right == 0.9
    assert found.wrong == 0.0
    assert 4.0 < found.answer_margin <= 30.0


def test_shipped_constants_stay_when_they_already_pass():
    """Calibration gaining nothing over constants that meet the bars changes nothing."""
    probes = [Probe(90.0, 40.0, False, True, True)] * 100
    asked = [Probe(30.0, 1.0, False, None, False)] * 50
    found = cal._settle(probes, asked, SHIPPED)
    assert (found.answer_min, found.answer_margin, found.clarify_min) == SHIPPED
    assert found.source.startswith("shipped constants: they meet the bar")


def test_thresholds_are_kept_in_the_load_cache(tmp_path: Path):
    """Measured once, then read back at the next load of the same files."""
    import yaml

    from faqbot.kb.loader import load

    folder = tmp_path / "kb"
    folder.mkdir()
    entries = [{"id": e.id, "question": e.question, "answer": e.answer,
                "alternates": list(e.alternates)} for e in _kb().entries]
    (folder / "faq.yaml").write_text(yaml.safe_dump({"entries": entries}), encoding="utf-8")
    first = load(folder, cache_dir=tmp_path / "cache")
    found = m.thresholds(first)
    assert list((tmp_path / "cache").rglob("thresholds-*.json"))
    assert cal.from_data(cal.to_data(found)) == found
    # What the cache holds is what the next start uses: change it and see.
    first.cache.write("thresholds", cal.to_data(replace(found, answer_min=99.0)))
    again = load(folder, cache_dir=tmp_path / "cache")
    assert m.thresholds(again).answer_min == 99.0
    assert m.thresholds(load(folder, cache_dir=None)) == found


def test_cached_thresholds_that_do_not_fit_are_measured_again():
    """Data of another shape is no thresholds at all."""
    assert cal.from_data({"answer_min": 1.0}) is None
    assert cal.from_data([1, 2, 3]) is None
    assert cal.from_data({**cal.to_data(m.thresholds(_kb())), "held_out": "many"}) is None


def test_when_no_threshold_is_safe_nothing_is_answered():
    """Wrong top candidates scoring highest with the biggest leads: offer, never answer."""
    probes = ([Probe(100.0, 50.0, False, False, True)] * 10
              + [Probe(60.0, 30.0, False, True, True)] * 90)
    found = cal._settle(probes, [], SHIPPED)
    assert found.answer_min > 100
    assert found.source.startswith("calibrated: no answer threshold")
    assert found.clarify_min <= 60.0


def test_near_the_top_of_the_scale_an_answer_needs_half_the_lead():
    """From SURE_SCORE up the lead needed halves, and the line staff read says so."""
    from faqbot.understand.thresholds import SURE_SCORE, Thresholds
    found = Thresholds(46.0, 3.0, 46.0, "shipped constants")
    assert found.margin_at(SURE_SCORE - 0.1) == 3.0
    assert found.margin_at(SURE_SCORE) == 1.5
    assert "(>= 1.5 from 90)" in found.values
