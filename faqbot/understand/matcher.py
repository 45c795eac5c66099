"""The one matcher: a patient's text -> a decision, used by chat, ask and staff tools."""

from __future__ import annotations

from collections.abc import Sequence

from ..kb.model import KnowledgeBase
from ..records import replace
from .claims import affirmed
from .decisions import is_personal_decision
from .doubts import UNCOVERED_SURE, asks_only_about_sign, aspect_missed, beside_only, subject_uncovered
from .heard import claim_checked
from .index import QUESTION_STEMS, Analysis, Index
from .parts import (
    LEAN_TOPIC_STEMS,
    POINTING,
    answered_without_taken,
    declined_parts,
    options_left,
    refers_back,
    settled_by_whole,
    sharing_unknown_topic,
    topic_stems,
    vague_part,
    whole_answers,
    with_context,
    without_empty_alternative,
)
from .prepare import index_of
from .questions import QuestionPart, find_questions
from .ranking import MAX_CANDIDATES as MAX_CANDIDATES
from .ranking import rank
from .result import CLARIFY_WINDOW, Candidate, Kind, MatchResult
from .result import MAX_OPTIONS as MAX_OPTIONS
from .result import Signals as Signals
from .safety import check
from .smalltalk import SMALLTALK_MIN, smalltalk_of
from .subjects import claims_of_known_subject, declined_for_procedure, honest, other_procedure
from .thresholds import Thresholds, fixed, from_data, to_data
from .verdicts import Verdict

# A question part re-ranks fewer: on the staff set and patient_a, 6 and 12 decide alike,
# and a message of two or three parts stays under a millisecond.
PART_LEADERS = 6


# A single question part may answer alone (the whole message not answered) only with an
# entry among the whole message's first AGREE_TOP candidates. StackFAQ k=0: wrong answers
# 2.6% -> 1.8%; staff set 2.7% -> 2.5% wrong; patient_a 72 -> 71 of 85 right (1 -> 3: 70).
AGREE_TOP = 5
# A question with no word naming a topic is answered only in an entry's own wording
# (fuzzy similarity to one of its phrasings at least this).
OWN_WORDING = 95.0
# ...unless it scores this much on its own words. patient_j: a question in the middle of
# a long story ('... will he be awake for it or will they put him to sleep?', 99) had
# fallen back; 90 against 85 or 95: the same on the staff set and patient a/c/f/g/i/j.
PART_SURE = 90.0


# A part that, read with the question before it, asked it again is answered on its own
# words when they score this much (or when it is vague: "2. will it hurt"). Over the
# patient sets such re-readings scored 80.9 and 88.2 when right ("what kind of doctor does
# it?") and 50.1-55.6 when wrong ("is it just how it looks": too-old).
ALONE_SURE = 70.0
# A part left unsure in context is answered on its own words when they lead by this much:
# "is there a chance it could leak?" (after "Is the cement permanent") led by 11.8;
# "could it keep happening?" (after "Did the procedure cause that") by 4.7, wrongly.
ALONE_LEAD = 10.0


# ...and a vague part left unsure, read with the question before it, between that
# question's entry and another, is answered with the other when it leads the rest by
# this: over every set in the repo 6 and 4 gained the same 4 decisions (10: none), none lost.
VAGUE_LEAD = 6.0


# A part pointing back to the question before it ("..., and what causes them?") takes that
# question's words as context at this weight. Ranking it again with them instead answered
# one more of patient_a's 20 several-question messages but made such messages' p99 match
# time 1.3 ms against 1.2 ms (4 rankings instead of 3).
LEAD_WEIGHT = 0.3


# Decisions. The thresholds in force come from `thresholds(kb)`: calibrated on each
# knowledge base's own phrasings (calibrate.py), or these constants when its clinic
# profile says `thresholds: fixed` (as the shipped one does) or there is too little to
# calibrate on. An answer needs ANSWER_MIN and a lead of ANSWER_MARGIN over the next entry;
# a close race at or above CLARIFY_MIN asks "did you mean"; anything lower is an honest
# fallback (which still offers the closest topics). On the staff set: 90.7% right, 1.8%
# wrong, 90.8% of out-of-scope questions declined; a margin of 5 cut wrong answers to
# 1.5% but right ones to 88.9%.
ANSWER_MIN = 46.0
ANSWER_MARGIN = 3.0
CLARIFY_MIN = 46.0


# Key-word scores this close, each entry covering only part of the question, are a
# two-topic question that wording alone must not settle. Exact ties only: on the staff
# set, wording broke near-ties correctly far more often than not.
KEYWORD_TIE = 0.1


# A question part (a sentence at most) is focused enough to have a telling word up to 8
# known words: patient_a 69 -> 70 of 85 right, the staff set unchanged.
PART_TELLING_MAX = 8


def match(kb: KnowledgeBase, text: str) -> MatchResult:
    """Decide how to answer `text`: emergency, smalltalk, answer, clarify or fallback."""
    index = index_of(kb)
    analysis = index.analyse(text)
    verdict = check(kb.safety, analysis)
    if verdict is not None:
        # After the red-flag panel, the questions the message asks are answered; a
        # message that only reports the sign ("icantmovemylegs please help") gets none.
        answered: tuple[MatchResult, ...] = ()
        found = find_questions(analysis.text)
        if found:
            asked = _answer_questions(kb, index, text, analysis, found)
            answered = asked.parts or ((asked,) if asked.kind is Kind.ANSWER else ())
            if len(found) == 1 and answered and not asked.parts:
                # Headed by the question it answers, not the whole report around it.
                answered = (replace(answered[0], text=found[0].text),)
            # A question about the sign, in its words or, asked alone, in words too vague
            # for any other topic ("... in the breastbone. Just wondering if that's part
            # of it"), is answered by the panel.
            answered = tuple(r for r in answered
                             if not _about_sign(index, r.text, verdict, alone=len(found) == 1))
        return MatchResult(text, Kind.EMERGENCY, None, 100.0, (), analysis,
                           f"safety rule '{verdict.rule}' ({verdict.tier})", safety=verdict,
                           parts=answered)
    talk = smalltalk_of(kb, analysis, strict=True)
    if talk is not None:
        return MatchResult(text, Kind.SMALLTALK, None, talk[1], (), analysis,
                           f"smalltalk '{talk[0].id}' scored {talk[1]:.0f} >= {SMALLTALK_MIN:.0f}",
                           smalltalk=talk[0])
    return _answer_questions(kb, index, text, analysis)


def _about_sign(index: Index, text: str, verdict: Verdict, *, alone: bool) -> bool:
    reading = index.analyse(text)
    return (alone and vague_part(index, reading)) or asks_only_about_sign(
        index, reading, verdict.matched, verdict.clause)


def _answer_questions(kb: KnowledgeBase, index: Index, text: str, analysis: Analysis,
                      found: tuple[QuestionPart, ...] | None = None) -> MatchResult:
    """The message as a whole, or its question parts each on its own (see questions.py);
    `found`: the parts, when the caller has found them already."""
    personal = is_personal_decision(kb.safety, analysis)
    # The same cut text (MAX_MATCH_CHARS) that the analysis and the safety check read.
    if found is None:
        found = find_questions(analysis.text)
    if not found or (len(found) == 1
                     and found[0].text.strip(" ?!.") == analysis.text.strip(" ?!.")):
        return honest(index, kb.clinic.not_covered,
                      _decide(kb, text, analysis, rank(index, analysis), personal))
    whole = None
    if len(found) == 1:
        whole = _decide(kb, text, analysis, rank(index, analysis), personal)
        if whole.kind is Kind.ANSWER:
            # One question, and the whole message answers: see below, the whole wins.
            # What the story names around a question standing on its own words is no
            # topic it asks about ("infection risk how big? my wife diabetic").
            own = index.analyse(found[0].text)
            # (Unless the story names another procedure the question must be about: "I'm
            # booked for a balloon angioplasty. What should I expect on the day?")
            alone = found[0].how != "claim" and POINTING.isdisjoint(own.words) and not (
                found[0].lead and other_procedure(index, found[0].lead, own))
            told = honest(index, kb.clinic.not_covered, replace(whole, analysis=own) if alone else whole)
            told = declined_for_procedure(index, told, found[0].lead, own) or told
            return replace(told, analysis=analysis)
    readings = [index.analyse(affirmed(part.text) if part.how == "claim"
                              else without_empty_alternative(index, part.text))
                for part in found]
    asked = {s for reading in readings for s in reading.stems}
    # The story around the questions, not the other questions, is each one's context.
    story = [s for s in analysis.stems if s not in asked]
    results: list[MatchResult] = []
    for at, (part, part_analysis) in enumerate(zip(found, readings, strict=True)):
        vague = bool(part.lead) and vague_part(index, part_analysis)
        result = _part_result(kb, index, part, index.analyse(f"{part.lead}, {part.text}")
                              if vague else part_analysis, story, vague=vague)
        asked_again = result.entry is not None and any(r.entry is result.entry for r in results)
        first = result.options[:1]
        alone = None  # the part read on its own words, made once when needed
        if first and not vague and first[0].id in options_left(results, result):
            alone = _part_result(kb, index, part, part_analysis, story, vague=True)
            runner = alone.candidates[1:2]
            if alone.kind is Kind.ANSWER and alone.entry is first[0] and runner \
                    and alone.score - runner[0].score >= ALONE_LEAD:
                result = alone
        if asked_again or (vague and result.kind is Kind.CLARIFY):
            # "1. will he be asleep 2. will it hurt", "what kyphoplasty is, and what kind of
            # doctor does it?": read with the question before it, the second asked the
            # first again, or was left unsure between the two ("how long will it take and
            # will I be put to sleep for it?"); on its own words it may ask something else.
            alone = alone or _part_result(kb, index, part, part_analysis, story, vague=True)
            if alone.kind is Kind.ANSWER and all(r.entry is not alone.entry for r in results) \
                    and ((vague and asked_again) or alone.score >= ALONE_SURE) \
                    and (asked_again or alone.entry in result.options):
                result = alone
            else:
                floor = thresholds(kb).answer_min
                other = answered_without_taken(results, alone, answer_min=floor,
                                               lead=ALONE_LEAD) if asked_again else None
                # ("What causes a vertebral fracture, and how would I know if I had one?":
                # read with the question before it, unsure between that one's entry and
                # the one it asks.)
                result = other or answered_without_taken(results, result, answer_min=floor,
                                                         lead=VAGUE_LEAD) or result
        if at and results[-1].unknown_topic and result.kind is Kind.ANSWER \
                and found[at - 1].how != "inner" and refers_back(part_analysis.words):
            # "what is a laminectomy, and would dad need one of those?": a question that
            # points back to one asking what we do not cover asks about that too.
            result = replace(results[-1], text=part.text)
        elif result.kind is Kind.ANSWER and part.lead and not part.lead_asks \
                and part.how != "claim" and (refers_back(part_analysis.words) and len(
                    topic_stems(index, part_analysis)) <= LEAN_TOPIC_STEMS
                                        or other_procedure(index, part.lead, part_analysis)):
            # "my knee replacement is due next year, how long is the recovery from that?":
            # what it points back to is the story's, and may be a topic we do not cover: no
            # score on the question's own words makes up for that.
            told = honest(index, kb.clinic.not_covered,
                          replace(result, analysis=index.analyse(f"{part.lead}, {part.text}")),
                          sure=float("inf"))
            if told.kind is Kind.FALLBACK:
                result = replace(told, analysis=part_analysis)
        if not part.lead_asks:
            result = declined_for_procedure(index, result, part.lead, part_analysis) or result
        results.append(result)
    results = sharing_unknown_topic(index, results, readings)
    answered: list[MatchResult] = []
    for result in results:
        if result.kind is Kind.ANSWER and all(r.entry is not result.entry for r in answered):
            answered.append(result)
    # Parts agreeing on one entry need no whole reading to check them (a ranking saved).
    agreed = len(answered) == 1 and sum(r.kind is Kind.ANSWER for r in results) > 1
    if len(answered) < 2 and whole is None and not agreed:
        whole = _decide(kb, text, analysis, rank(index, analysis), personal)
    if not answered:
        declined = declined_parts(found, results)
        if declined:
            return replace(declined[0], text=text, analysis=analysis)
        if whole.kind is Kind.FALLBACK:
            asking = [r for r in results if r.kind is Kind.CLARIFY]
            if asking:
                best = max(asking, key=lambda r: r.score)
                return replace(best, text=text, analysis=analysis)
        return honest(index, kb.clinic.not_covered, whole)
    declined = declined_parts(found, results)
    if declined and not whole_answers(whole, answered):
        # "how much radiation, and when can I drive?": the answer, and what is not covered.
        first = answered[0]
        return replace(first, text=text, analysis=analysis,
                       unknown_topic=declined[0].unknown_topic,
                       parts=tuple(answered) if len(answered) > 1 else ())
    if len(answered) == 1 and whole is not None and whole.kind is Kind.ANSWER:
        settled = settled_by_whole(results, answered[0], whole)
        if settled:
            # "How soon should it be done? And is there a cutoff for eating the night
            # before?": the whole reading settles the part left unsure between entries.
            return replace(settled[0], text=text, analysis=analysis, parts=settled)
        # One question and the whole message agree or not: the whole reading, which sees
        # the story's words at full weight, was right more often (staff set: 1.8% wrong
        # against 3.3% when the part won).
        return honest(index, kb.clinic.not_covered, whole)
    if len(answered) == 1 and whole is not None and answered[0].score < PART_SURE \
            and answered[0].entry not in [c.entry for c in whole.candidates[:AGREE_TOP]]:
        # A question answered alone that the whole message does not lean to at all ("...,
        # is there an alternative?") has lost what it refers to; unless it is sure on
        # its own words ("will he be awake for it or will they put him to sleep?").
        return honest(index, kb.clinic.not_covered, whole)
    first = answered[0]
    return replace(first, text=text, analysis=analysis,
                   personal_decision=first.personal_decision or personal,
                   parts=tuple(answered) if len(answered) > 1 else ())


def _part_result(kb: KnowledgeBase, index: Index, part: QuestionPart, part_analysis: Analysis,
                 story: Sequence[str], *, vague: bool) -> MatchResult:
    """One question part decided on its words, with the story as weak context."""
    ranked = rank(index, part_analysis, leaders=PART_LEADERS, telling_max=PART_TELLING_MAX)
    if not vague and part.lead_asks and refers_back(part_analysis.words):
        # "..., and what causes them?": the question "them" points back to weighs
        # as context too (a ranking of its own would cost as much again).
        ranked = with_context(index, ranked, part_analysis,
                               index.analyse(part.lead).stems, weight=LEAD_WEIGHT)
    candidates = with_context(index, ranked, part_analysis, story)
    result = honest(index, kb.clinic.not_covered, _decide(kb, part.text, part_analysis, candidates,
                                    is_personal_decision(kb.safety, part_analysis)))
    if part.how == "claim" and result.kind is not Kind.ANSWER:
        known = claims_of_known_subject(index, result)
        if known or not result.unknown_topic:
            result = claim_checked(index, thresholds(kb), replace(result, unknown_topic=""),
                                   known_subject=known, telling_max=PART_TELLING_MAX)
    return result


def _decide(kb: KnowledgeBase, text: str, analysis: Analysis,
            candidates: tuple[Candidate, ...], personal: bool) -> MatchResult:
    t = thresholds(kb)
    best = candidates[0].score if candidates else 0.0
    runner_up = candidates[1].score if len(candidates) > 1 else 0.0
    # Two entries equally supported by the key words, each covering only part of the
    # question ("can i eat or drive"): the question has two topics, so ask.
    wording_only = len(candidates) > 1 and (
        abs(candidates[1].signals.keyword - candidates[0].signals.keyword) <= KEYWORD_TIE
        and max(candidates[0].signals.question_coverage,
                candidates[1].signals.question_coverage) < 100)
    uncovered = ""
    index = index_of(kb)
    if (candidates and candidates[0].signals.fuzzy < OWN_WORDING
            and not any(s in index.idf and s not in QUESTION_STEMS for s in analysis.stems)):
        # "What would you do if you were me?": no word that names a topic at all, and
        # not an entry's own wording ("how is it done").
        uncovered = "no word that names a topic"
    if candidates and best < UNCOVERED_SURE and not uncovered:
        uncovered = subject_uncovered(kb, analysis, candidates[0])
    if candidates and best < UNCOVERED_SURE and not uncovered:
        uncovered = aspect_missed(kb, analysis, candidates[0]) or beside_only(
            kb, analysis, candidates[0])
    margin = t.margin_at(best)  # less of a lead near the top of the scale (thresholds.py)
    if (best >= t.answer_min and best - runner_up >= margin and not wording_only
            and not uncovered):
        return MatchResult(text, Kind.ANSWER, candidates[0].entry, best, candidates, analysis,
                           f"score {best:.1f} >= {t.answer_min:g} and leads the next by "
                           f"{best - runner_up:.1f} >= {margin:g}",
                           personal_decision=personal)
    if best >= t.clarify_min:
        if wording_only and best - runner_up >= margin:
            why = (f"score {best:.1f} leads only on wording: the runner-up's key words score "
                   f"as high ({candidates[1].signals.keyword:.1f})")
        elif uncovered:
            why = (f"score {best:.1f} but '{candidates[0].entry.id}' does not cover "
                   f"{uncovered}, what the question is about")
        elif best >= t.answer_min:
            why = (f"score {best:.1f} >= {t.answer_min:g} but leads the next by only "
                   f"{best - runner_up:.1f} < {margin:g}")
        else:
            why = f"score {best:.1f} between {t.clarify_min:g} and {t.answer_min:g}"
        return MatchResult(text, Kind.CLARIFY, None, best, candidates, analysis, why,
                           personal_decision=personal)
    talk = smalltalk_of(kb, analysis, strict=False)
    if talk is not None:
        return MatchResult(text, Kind.SMALLTALK, None, talk[1], candidates, analysis,
                           f"no entry scored {t.clarify_min:g}; short message close to "
                           f"smalltalk '{talk[0].id}'", smalltalk=talk[0])
    return MatchResult(text, Kind.FALLBACK, None, best, candidates, analysis,
                       f"best score {best:.1f} < {t.clarify_min:g}")


def thresholds(kb: KnowledgeBase) -> Thresholds:
    """The answer / did-you-mean thresholds in force for `kb`, and how they were set.

    Measured on the first call (calibrate.py: a few hundred rankings) and kept with the
    knowledge base, as its index is, and in the load cache where there is one, so the
    next start reads them back instead of measuring again.
    """
    found = kb.calibration
    if found is None:
        shipped = (ANSWER_MIN, ANSWER_MARGIN, CLARIFY_MIN)
        if kb.clinic.thresholds == "fixed":
            found = fixed(shipped)
        else:
            store = kb.cache
            found = from_data(store.read("thresholds")) if store is not None else None
            if found is None:
                from .calibrate import thresholds_for  # only when there is something to measure

                found = thresholds_for(kb, index_of(kb), rank, shipped=shipped,
                                       keyword_tie=KEYWORD_TIE, window=CLARIFY_WINDOW,
                                       options=MAX_OPTIONS)
                if store is not None:
                    store.write("thresholds", to_data(found))
        object.__setattr__(kb, "calibration", found)
    return found
