"""The one matcher: a patient's text -> a decision, used by chat, ask and staff tools."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum

from rapidfuzz import fuzz, process

from ..kb.model import Entry, KnowledgeBase, Smalltalk
from ..records import record, replace
from . import calibrate
from . import text as tx
from .calibrate import Thresholds
from .index import Analysis, Index, english_words, everyday_stems, everyday_words, index_of
from .questions import affirmed, find_questions
from .safety import Verdict, check, is_personal_decision
from .subjects import named, subject_phrase, unknown_subjects

# Every weight and threshold below was chosen by sweeping it over the staff test set
# (tests/questions: `coverage` prints the figures) and keeping the value with the best
# accuracy at a wrong-answer rate under 3%; the sweeps are summarised in the README.
#
# Key-word score of a phrasing = 100 * (ENTRY_COVERAGE_WEIGHT * share of the phrasing's
# meaning found in the question + the rest * share of the question's meaning found in
# the phrasing), words weighted by how rare they are across entries. Entry coverage
# weighs more: a rambling message carries words no phrasing has, a short one must still
# match. (When chosen, on the first knowledge base, 0.55 -> 0.7 raised the top-1 rate
# on the tuning files from 91.5% to 92.2%.)
ENTRY_COVERAGE_WEIGHT = 0.7
# Share given to how much of the question the entry covers across all its phrasings
# together (its "reach"), which helps questions that combine two phrasings' words; words
# found only in the entry's answer count ANSWER_WORD_SHARE of a phrasing word.
REACH_WEIGHT = 0.55
ANSWER_WORD_SHARE = 0.5
# Words the knowledge base never uses scale the score by (known share) ** power: off-topic
# questions ("renew my driver's license") share a word or two but carry unknown ones.
# On the tuning files, power 1 against 0 declines 89.1% of out-of-scope questions
# instead of 81.8% for 93.2% right instead of 93.5%; long stories carry such words
# naturally, so there the power is halved.
UNKNOWN_WORD_POWER = 1.0
LONG_UNKNOWN_WORD_POWER = 0.5
# The leading entries are re-ranked with a share of plain fuzzy similarity of the whole
# wording, stop words included, which tells "who does it" from "who should get it"; it
# is discounted for unknown words too, or question shapes alone ("how do i ...") score.
FUZZY_WEIGHT = 0.35
FUZZY_UNKNOWN_POWER = 1.0
RERANK_LEADERS = 12
# A question part re-ranks fewer: on the staff set and patient_a, 6 and 12 decide alike,
# and a message of two or three parts stays under a millisecond.
PART_LEADERS = 6
# A single question part may answer alone (the whole message not answered) only with an
# entry among the whole message's first AGREE_TOP candidates. StackFAQ k=0: wrong answers
# 2.6% -> 1.8%; staff set 2.7% -> 2.5% wrong; patient_a 72 -> 71 of 85 right (1 -> 3: 70).
AGREE_TOP = 5
# A part pointing back to the question before it ("..., and what causes them?") takes that
# question's words as context at this weight. Ranking it again with them instead answered
# one more of patient_a's 20 several-question messages but made such messages' p99 match
# time 1.3 ms against 1.2 ms (4 rankings instead of 3).
LEAD_WEIGHT = 0.3
# Phrasings gathered per question before common words stop bringing in more (see
# _score_segment). On the staff set 800 and 3,000 decide identically; 400 answered one
# more case wrongly (2.0% against 1.8%).
CANDIDATE_CAP = 800
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
# Entries within this distance of the best are offered as "did you mean" options.
CLARIFY_WINDOW = 12.0
MAX_OPTIONS = 3
MAX_CANDIDATES = 10
# Smalltalk must be nearly the whole message ("thanks!", "helo"), never part of a question.
SMALLTALK_MIN = 88.0
SMALLTALK_MAX_WORDS = 8
# ...and the phrase found must be at least this share of the message's length.
SMALLTALK_MIN_SHARE = 0.5
# Messages with more meaningful words than this are also scored clause by clause, so the
# question at the end of a long story is matched on its own.
CLAUSE_SCORING_MIN_STEMS = 6
MAX_PARTS_SCORED = 1
# A question part is scored on its own words; the rest of the message adds this share of
# how much of it the entry covers, so "is it going to hurt while they're doing it?" after
# a story about needles and kyphoplasty leans to the procedure's pain.
CONTEXT_WEIGHT = 0.1
# An entry none of whose phrasings holds the question's rarest word ("how long does the
# cement last" against "how long does it take") keeps this share of its score.
TELLING_MISS_FACTOR = 1.0
# A question part whose known words weigh less than this (about one word found in a
# tenth of the entries, plus one in half) is read together with what comes before it.
VAGUE_WEIGHT = 3.0
# A question naming something no phrasing uses ("radiation", "covid") is answered only
# at this score or when the entry's answer mentions it; otherwise an honest fallback.
SUBJECT_SURE = 70.0
SUBJECT_SHARE = 0.3
TELLING_MIN_WORDS = 2
TELLING_CAP = 60.0
TELLING_MAX_WORDS = 3
# A question part (a sentence at most) is focused enough to have a telling word up to 8
# known words: patient_a 69 -> 70 of 85 right, the staff set unchanged.
PART_TELLING_MAX = 8
# An answer whose entry's phrasings lack a word of the question that is rare in the base
# (idf UNCOVERED_IDF and up) and no everyday word is asked as "did you mean" instead,
# below UNCOVERED_SURE, in questions of up to UNCOVERED_MAX_WORDS known words.
UNCOVERED_IDF = 3.0
UNCOVERED_SURE = 80.0
UNCOVERED_MAX_WORDS = 8
UNCOVERED_MIN_LEN = 5
# A word in at least about 30% of the entries (idf up to this) that is no everyday word
# is one of the base's own subjects ("kyphoplasty", "fracture", "compression").
CORE_IDF = 1.3


class Kind(StrEnum):
    """What the bot decided to do with a message."""

    ANSWER = "answer"
    CLARIFY = "clarify"
    FALLBACK = "fallback"
    SMALLTALK = "smalltalk"
    EMERGENCY = "emergency"


@record
class Signals:
    """The parts of a candidate's score, shown by `explain`."""

    question_coverage: float
    entry_coverage: float
    fuzzy: float
    # The score before the fuzzy re-ranking: the evidence from meaning-carrying words.
    keyword: float = 0.0


@record
class Candidate:
    """One entry the message might mean, with its best-matching phrasing."""

    entry: Entry
    score: float
    phrasing: str
    signals: Signals


@record
class MatchResult:
    """The decision for one message, with everything that led to it."""

    text: str
    kind: Kind
    entry: Entry | None
    score: float
    candidates: tuple[Candidate, ...]
    analysis: Analysis
    reason: str
    safety: Verdict | None = None
    smalltalk: Smalltalk | None = None
    personal_decision: bool = False
    # A message asking two or three things answered confidently by different entries:
    # one result per question, in order, each with its own question as `text`. The
    # fields above are the first part's. Empty for a single question. After a red flag
    # (kind EMERGENCY) it holds the questions the message asked, answered.
    parts: tuple[MatchResult, ...] = ()
    # What the question asks about that the knowledge base does not know, as the patient
    # wrote it ("spinal fusion"), or "": on a fallback, or on an answer to the other
    # question of the message.
    unknown_topic: str = ""

    @property
    def options(self) -> tuple[Entry, ...]:
        """The "did you mean" choices (none unless the decision is clarify; what a fallback
        suggests is reply.suggestions's business)."""
        if self.kind is not Kind.CLARIFY:
            return ()
        best = self.candidates[0].score
        close = [c.entry for c in self.candidates if best - c.score <= CLARIFY_WINDOW]
        return tuple(close[:MAX_OPTIONS])


def match(kb: KnowledgeBase, text: str) -> MatchResult:
    """Decide how to answer `text`: emergency, smalltalk, answer, clarify or fallback."""
    index = index_of(kb)
    analysis = index.analyse(text)
    verdict = check(kb.safety, analysis)
    if verdict is not None:
        asked = _answer_questions(kb, index, text, analysis)
        answered = asked.parts or ((asked,) if asked.kind is Kind.ANSWER else ())
        return MatchResult(text, Kind.EMERGENCY, None, 100.0, (), analysis,
                           f"safety rule '{verdict.rule}' ({verdict.tier})", safety=verdict,
                           parts=answered)
    talk = _smalltalk(kb, analysis, strict=True)
    if talk is not None:
        return MatchResult(text, Kind.SMALLTALK, None, talk[1], (), analysis,
                           f"smalltalk '{talk[0].id}' scored {talk[1]:.0f} >= {SMALLTALK_MIN:.0f}",
                           smalltalk=talk[0])
    return _answer_questions(kb, index, text, analysis)


def _answer_questions(kb: KnowledgeBase, index: Index, text: str,
                      analysis: Analysis) -> MatchResult:
    """The message as a whole, or its question parts each on its own (see questions.py)."""
    personal = is_personal_decision(kb.safety, analysis)
    found = find_questions(text)
    if not found or (len(found) == 1 and found[0].text.strip(" ?!.") == text.strip(" ?!.")):
        return _honest(index, _decide(kb, text, analysis, rank(index, analysis), personal))
    whole = None
    if len(found) == 1:
        whole = _decide(kb, text, analysis, rank(index, analysis), personal)
        if whole.kind is Kind.ANSWER:
            # One question, and the whole message answers: see below, the whole wins.
            return _honest(index, whole)
    readings = [index.analyse(affirmed(part.text) if part.how == "claim" else part.text)
                for part in found]
    asked = {s for reading in readings for s in reading.stems}
    # The story around the questions, not the other questions, is each one's context.
    story = [s for s in analysis.stems if s not in asked]
    results = []
    for part, part_analysis in zip(found, readings, strict=True):
        vague = bool(part.lead) and _vague(index, part_analysis)
        if vague:
            # "What is it?" after "... called balloon kyphoplasty": read it with its lead.
            part_analysis = index.analyse(f"{part.lead}, {part.text}")
        ranked = rank(index, part_analysis, leaders=PART_LEADERS, telling_max=PART_TELLING_MAX)
        if not vague and part.lead_asks and _REFERRING.intersection(part_analysis.words):
            # "..., and what causes them?": the question "them" points back to weighs
            # as context too (a ranking of its own would cost as much again).
            ranked = _with_context(index, ranked, part_analysis,
                                   index.analyse(part.lead).stems, weight=LEAD_WEIGHT)
        candidates = _with_context(index, ranked, part_analysis, story)
        results.append(_honest(index, _decide(kb, part.text, part_analysis, candidates,
                                              is_personal_decision(kb.safety, part_analysis))))
    answered: list[MatchResult] = []
    for result in results:
        if result.kind is Kind.ANSWER and all(r.entry is not result.entry for r in answered):
            answered.append(result)
    # Parts agreeing on one entry need no whole reading to check them (a ranking saved).
    agreed = len(answered) == 1 and sum(r.kind is Kind.ANSWER for r in results) > 1
    if len(answered) < 2 and whole is None and not agreed:
        whole = _decide(kb, text, analysis, rank(index, analysis), personal)
    if not answered:
        declined = [r for r in results if r.unknown_topic]
        if declined:
            return replace(declined[0], text=text, analysis=analysis)
        if whole.kind is Kind.FALLBACK:
            asking = [r for r in results if r.kind is Kind.CLARIFY]
            if asking:
                best = max(asking, key=lambda r: r.score)
                return replace(best, text=text, analysis=analysis)
        return _honest(index, whole)
    declined = [r for r in results if r.unknown_topic]
    if declined and not _whole_answers(whole, answered):
        # "how much radiation, and when can I drive?": the answer, and what is not covered.
        first = answered[0]
        return replace(first, text=text, analysis=analysis,
                       unknown_topic=declined[0].unknown_topic,
                       parts=tuple(answered) if len(answered) > 1 else ())
    if len(answered) == 1 and whole is not None and whole.kind is Kind.ANSWER:
        # One question and the whole message agree or not: the whole reading, which sees
        # the story's words at full weight, was right more often (staff set: 1.8% wrong
        # against 3.3% when the part won).
        return _honest(index, whole)
    if len(answered) == 1 and whole is not None and answered[0].entry not in [
            c.entry for c in whole.candidates[:AGREE_TOP]]:
        # A question answered alone that the whole message does not lean to at all ("...,
        # is there an alternative?") has lost what it refers to.
        return _honest(index, whole)
    first = answered[0]
    return replace(first, text=text, analysis=analysis,
                   personal_decision=first.personal_decision or personal,
                   parts=tuple(answered) if len(answered) > 1 else ())


def _whole_answers(whole: MatchResult | None, answered: Sequence[MatchResult]) -> bool:
    """Whether the whole-message reading answers with an entry no part answered."""
    return (whole is not None and whole.kind is Kind.ANSWER
            and all(r.entry is not whole.entry for r in answered))


def _honest(index: Index, result: MatchResult) -> MatchResult:
    """A decision checked for a subject the knowledge base does not know ("radiation"):
    unless the entry chosen scores SUBJECT_SURE or mentions it, the bot declines and says
    what it does not cover."""
    if result.kind not in (Kind.ANSWER, Kind.CLARIFY, Kind.FALLBACK):
        return result
    subjects = unknown_subjects(index, result.analysis)
    if not subjects:
        return result
    topic = subject_phrase(index, result.analysis, subjects)
    if result.kind is Kind.FALLBACK:
        return replace(result, unknown_topic=topic)
    best = result.candidates[0]
    number = index.entry_numbers[best.entry.id]
    mentioned = any(tx.stem(w) in index.answer_stems[number] for w in subjects)
    total = sum(index.weight(s) for s in result.analysis.stems if s not in index.common_stems)
    share = sum(index.weight(tx.stem(w)) for w in subjects) / total if total else 0.0
    named = any(w not in english_words() for w in subjects)  # "oxycodone": a name
    if best.score >= SUBJECT_SURE or mentioned or (share < SUBJECT_SHARE and not named):
        return result
    return replace(result, kind=Kind.FALLBACK, entry=None, unknown_topic=topic,
                   reason=f"asks about '{topic}', which no entry's phrasings cover, and the "
                          f"best score {best.score:.1f} < {SUBJECT_SURE:.0f}")


# Words that point back to an earlier question ("what causes them?").
_REFERRING = frozenset({"it", "that", "this", "them", "they", "these", "those"})


def _vague(index: Index, analysis: Analysis) -> bool:
    """Whether a question's own words say too little to tell its topic ("what is it")."""
    return sum(index.idf[s] for s in analysis.stems
               if s in index.idf and s not in index.common_stems) < VAGUE_WEIGHT


def _with_context(index: Index, candidates: tuple[Candidate, ...], part: Analysis,
                  story: Sequence[str], *, weight: float = CONTEXT_WEIGHT
                  ) -> tuple[Candidate, ...]:
    """A part's candidates, each raised by `weight` of how much of the context (the story
    around the questions, or the question a part points back to) its entry covers."""
    context = [s for s in story if s not in part.stems and s in index.idf]
    if not context or not candidates:
        return candidates
    number = index.entry_numbers  # a dict over every entry: made once, not per question
    reach = _entry_reach(index, context, (number[c.entry.id] for c in candidates))
    raised = [replace(c, score=round(min(100.0, c.score + weight * 100
                                         * reach[number[c.entry.id]]), 1))
              for c in candidates]
    return tuple(sorted(raised, key=lambda c: -c.score))


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
    if candidates and best < UNCOVERED_SURE:
        uncovered = _uncovered(kb, analysis, candidates[0])
    if candidates and best < UNCOVERED_SURE and not uncovered:
        uncovered = _aspect_missed(kb, analysis, candidates[0]) or _beside_only(
            kb, analysis, candidates[0])
    if (best >= t.answer_min and best - runner_up >= t.answer_margin and not wording_only
            and not uncovered):
        return MatchResult(text, Kind.ANSWER, candidates[0].entry, best, candidates, analysis,
                           f"score {best:.1f} >= {t.answer_min:g} and leads the next by "
                           f"{best - runner_up:.1f} >= {t.answer_margin:g}",
                           personal_decision=personal)
    if best >= t.clarify_min:
        if wording_only and best - runner_up >= t.answer_margin:
            why = (f"score {best:.1f} leads only on wording: the runner-up's key words score "
                   f"as high ({candidates[1].signals.keyword:.1f})")
        elif uncovered:
            why = (f"score {best:.1f} but '{candidates[0].entry.id}' does not cover "
                   f"{uncovered}, what the question is about")
        elif best >= t.answer_min:
            why = (f"score {best:.1f} >= {t.answer_min:g} but leads the next by only "
                   f"{best - runner_up:.1f} < {t.answer_margin:g}")
        else:
            why = f"score {best:.1f} between {t.clarify_min:g} and {t.answer_min:g}"
        return MatchResult(text, Kind.CLARIFY, None, best, candidates, analysis, why,
                           personal_decision=personal)
    talk = _smalltalk(kb, analysis, strict=False)
    if talk is not None:
        return MatchResult(text, Kind.SMALLTALK, None, talk[1], candidates, analysis,
                           f"no entry scored {t.clarify_min:g}; short message close to "
                           f"smalltalk '{talk[0].id}'", smalltalk=talk[0])
    return MatchResult(text, Kind.FALLBACK, None, best, candidates, analysis,
                       f"best score {best:.1f} < {t.clarify_min:g}")


def _uncovered(kb: KnowledgeBase, analysis: Analysis, best: Candidate) -> str:
    """The question's subject word that no phrasing of the best entry holds, or "": a
    noun rare in the knowledge base and no everyday English word ("lumbar" in "recover
    from a lumbar spinal fusion" against "kyphoplasty or spinal fusion"). The entry's
    answer using the word is enough: answers are weak evidence, but a wrong reading of
    them only costs an answer a did-you-mean."""
    index = index_of(kb)
    known = [s for s in analysis.stems if s in index.idf and s not in index.common_stems]
    if len(known) > UNCOVERED_MAX_WORDS:
        return ""
    everyday = everyday_words()
    number = index.entry_numbers[best.entry.id]
    own, answer = index.entry_stems[number], index.answer_stems[number]
    words = analysis.words
    for at, w in enumerate(words):
        s = tx.stem(w)
        if (len(w) >= UNCOVERED_MIN_LEN and w.isalpha() and w not in everyday
                and not w.endswith(_NOT_NOUN_ENDINGS) and s in index.idf and s not in index.common_stems
                and index.idf[s] >= UNCOVERED_IDF and s not in own and s not in answer
                and s not in _QUESTION_STEMS and named(words, at)
                and not _NEGATORS.intersection(words[max(0, at - 3):at])):
            return f"'{w}'"
    return ""


def _beside_only(kb: KnowledgeBase, analysis: Analysis, best: Candidate) -> str:
    """A subject the best entry names only beside the base's own ("kyphoplasty or spinal
    fusion", "I have multiple myeloma, can I get kyphoplasty") asked about on its own, or
    "": "how long is recovery from spinal fusion surgery" and "the best chemo for multiple
    myeloma" ask about the other thing. The base's own subjects are its most used words
    that are no everyday words (idf up to CORE_IDF: "kyphoplasty", "fracture",
    "compression"); "it", "this" or "the procedure" refer to them."""
    index = index_of(kb)
    plain = everyday_stems()
    if any(_core(index, s, plain) or s in _REFERENCES for s in analysis.flat.split()):
        return ""
    number = index.entry_numbers[best.entry.id]
    own = index.entry_stems[number]
    words = analysis.words
    # Nouns only, as for _uncovered: "how soon do they discharge you" names no subject.
    rare = [tx.stem(w) for at, w in enumerate(words)
            if len(w) >= UNCOVERED_MIN_LEN and w.isalpha() and not w.endswith(_NOT_NOUN_ENDINGS)
            and named(words, at) and tx.stem(w) in own and tx.stem(w) not in plain
            and index.idf.get(tx.stem(w), 0.0) >= UNCOVERED_IDF]
    for s in rare:
        holding = [flat.split() for flat in index.entry_sorted_flats[number]
                   if s in flat.split()]
        if holding and all(any(_core(index, t, plain) or t in _REFERENCES for t in flat)
                           for flat in holding):
            return f"'{s}' on its own (its phrasings name it only beside the base's subjects)"
    return ""


def _core(index: Index, stem: str, plain: frozenset[str]) -> bool:
    return (index.idf.get(stem, CORE_IDF + 1) <= CORE_IDF and stem not in plain
            and stem not in _QUESTION_STEMS and stem.isalpha())


# Words that refer to the base's subject without naming it (stemmed as the index does).
_REFERENCES = frozenset(tx.stem(w) for w in ("it", "this", "procedure", "treatment"))


def _aspect_missed(kb: KnowledgeBase, analysis: Analysis, best: Candidate) -> str:
    """What the question asks of its subject (an amount: "how many", "the most"; how
    often: "how common"; how it is found: "how is it diagnosed") when no phrasing of the
    best entry asks it and its answer does not speak of it, or "": "the most ibuprofen I
    can take in a day" is not "will I need medication for the pain", "how common are
    compression fractures" is not what causes them."""
    if len(analysis.words) > UNCOVERED_MAX_WORDS * 3:
        return ""
    words = analysis.words
    index = index_of(kb)
    number = index.entry_numbers[best.entry.id]
    entry = None
    for aspect, asking, answering in _ASPECTS:
        asked = [w for at, w in enumerate(words) if w in asking
                 and (aspect != "how often" or (at and words[at - 1] == "how"))]
        if not asked:
            continue
        if entry is None:
            entry = {s for flat in index.entry_sorted_flats[number] for s in flat.split()}
        # An answer's words say little about how often ("most fractures are caused by"):
        # only its phrasings can say the entry asks that.
        said = entry if aspect == "how often" else entry | index.answer_stems[number]
        # A number to check ("the risk is under 1 percent, is that right?") is answered
        # by an answer with numbers.
        if answering.isdisjoint(said) and not (
                aspect == "an amount" and any(w.isdigit() for w in words)
                and any(ch.isdigit() for ch in best.entry.answer)):
            return f"{aspect} ({', '.join(asked)})"
    return ""


def _aspect(name: str, asking: set[str], answering: set[str]
            ) -> tuple[str, frozenset[str], frozenset[str]]:
    return name, frozenset(asking), frozenset(tx.stem(w) for w in asking | answering)


# What a question may ask of its subject: the words that ask it, and those (stemmed, with
# the asking ones) by which an entry's phrasings or answer speak of it. "how often" asks
# only right after "how" ("how common", not "a common question").
_ASPECTS = (
    _aspect("an amount", {"many", "much", "most", "maximum", "max", "percentage", "percent",
                          "dose", "dosage", "units", "mg", "milligrams"}, set()),
    _aspect("how often", {"common", "often", "frequent", "likely", "rare"},
            {"chance", "odds", "rate", "risk", "percent", "many"}),
    _aspect("how it is found", {"diagnosed", "diagnose", "diagnosis"},
            {"test", "scan", "xray", "mri", "exam", "tell", "know", "find", "confirm"}),
)


# Adverbs and participles ("typically", "stooped", "tingling") describe; the subject is
# a noun. A word denied ("no tingling") is not what the question asks about.
_NOT_NOUN_ENDINGS = ("ly", "ed", "ing")
_NEGATORS = frozenset({"no", "not", "without", "never"})


def thresholds(kb: KnowledgeBase) -> Thresholds:
    """The answer / did-you-mean thresholds in force for `kb`, and how they were set.

    Measured on the first call (calibrate.py: a few hundred rankings) and kept with the
    knowledge base, as its index is, and in the load cache where there is one, so the
    next start reads them back instead of measuring again.
    """
    found = kb.calibration
    if found is None:
        store = kb.cache if kb.clinic.thresholds != "fixed" else None
        found = calibrate.from_data(store.read("thresholds")) if store is not None else None
        if found is None:
            found = calibrate.thresholds_for(
                kb, index_of(kb), rank, shipped=(ANSWER_MIN, ANSWER_MARGIN, CLARIFY_MIN),
                keyword_tie=KEYWORD_TIE, window=CLARIFY_WINDOW, options=MAX_OPTIONS)
            if store is not None:
                store.write("thresholds", calibrate.to_data(found))
        object.__setattr__(kb, "calibration", found)
    return found


def rank(index: Index, analysis: Analysis, *, leaders: int = RERANK_LEADERS,
         telling_max: int | None = None) -> tuple[Candidate, ...]:
    """Entries ranked by score, best first, at most MAX_CANDIDATES; the first `leaders`
    of them re-ranked with the fuzzy wording signal. A telling word is looked for in
    questions of up to `telling_max` known words (TELLING_MAX_WORDS)."""
    segments: list[Sequence[str]] = [analysis.stems]
    if len(analysis.stems) > CLAUSE_SCORING_MIN_STEMS and len(analysis.clause_stems) > 1:
        # The last part holds the question in most long messages ("... What exactly is
        # that?"); on the staff set scoring only it beat scoring the last two or three
        # (1.8% wrong against 2.3%), and it keeps a pasted essay fast.
        segments.extend(s for s in analysis.clause_stems[-MAX_PARTS_SCORED:] if s)
    best: dict[int, tuple[float, int, float, float]] = {}
    for stems in segments:
        _score_segment(index, stems, best)
    reach = _entry_reach(index, analysis.stems, best)
    for entry, (keyword_score, phrasing, cq, ca) in best.items():
        blended = (1 - REACH_WEIGHT) * keyword_score + REACH_WEIGHT * 100 * reach.get(entry, 0.0)
        best[entry] = (blended, phrasing, cq, ca)
    leaders = sorted(best.items(), key=lambda item: -item[1][0])[:leaders]
    query_sorted = " ".join(sorted(analysis.flat.split()))
    # Plain wording similarity is blind to meaning ("how do i fix my phone screen" looks
    # like "how do i contact you"), so it too is discounted for words the base never uses.
    discount = _known_share(index, analysis.stems) ** FUZZY_UNKNOWN_POWER
    scored = []
    for entry, (keyword_score, phrasing, cq, ca) in leaders:
        fuzzy = _fuzzy(index, query_sorted, entry)
        score = (1 - FUZZY_WEIGHT) * keyword_score + FUZZY_WEIGHT * fuzzy * discount
        signals = Signals(round(100 * cq, 1), round(100 * ca, 1), round(fuzzy, 1),
                          round(keyword_score, 1))
        scored.append((score, entry, phrasing, signals))
    telling = telling_word(index, analysis,
                           TELLING_MAX_WORDS if telling_max is None else telling_max)
    if telling is not None:
        # An entry that never uses the question's telling word cannot win on its other
        # words when a leader uses it. (Checked per phrasing, it also capped right answers
        # whose best phrasing lacked the word: staff set 91.9% right against 92.2%.)
        has = [telling in index.entry_stems[entry] for _, entry, _, _ in scored]
        if any(has):
            scored = [item if held else (min(item[0] * TELLING_MISS_FACTOR, TELLING_CAP),
                                         *item[1:])
                      for item, held in zip(scored, has, strict=True)]
    scored.sort(key=lambda item: -item[0])
    return tuple(
        Candidate(index.entries[entry], round(score, 1), index.phrasing_text(phrasing), signals)
        for score, entry, phrasing, signals in scored[:MAX_CANDIDATES]
    )


def telling_word(index: Index, analysis: Analysis, most: int = TELLING_MAX_WORDS) -> str | None:
    """The stem of a question's most telling word: the rarest across entries of its known
    words, preferring those that are no everyday English word ("cement", "surgeon"), never
    a question word; None when the question has fewer than two or more than `most` known
    words."""
    known = [s for s in analysis.stems if s in index.idf and s not in index.common_stems]
    if not TELLING_MIN_WORDS <= len(known) <= most:
        return None
    everyday = everyday_words()
    plain = {tx.stem(w) for w in analysis.words if w in everyday}
    words = [s for s in known if s.isalpha() and s not in _QUESTION_STEMS]
    # Everyday words only when there is nothing rarer: "heavy" in "how long before doing
    # heavy things" (patient_a: 71 -> 72 of 85 right, the staff set unchanged).
    telling = [s for s in words if s not in plain] or words
    return max(telling, key=lambda s: (index.idf[s], s)) if telling else None


# Question words are no topic, however rare a knowledge base makes them.
_QUESTION_STEMS = frozenset(tx.stem(w) for w in (
    "how", "what", "when", "where", "why", "who", "which", "long", "soon", "often"))


def _known_share(index: Index, stems: Sequence[str]) -> float:
    """Share of the question's meaning in words the knowledge base uses at all."""
    total = sum(index.weight(s) for s in stems)
    return sum(index.idf.get(s, 0.0) for s in stems) / total if total else 0.0


def _entry_reach(index: Index, stems: Sequence[str], entries: Iterable[int]) -> dict[int, float]:
    """Share of the question's meaning found anywhere in each entry's phrasings, with the
    words of its answer counting for a little (ANSWER_WORD_SHARE) when no phrasing has them.

    Only for the entries already in the running: the cost does not grow with the base.
    """
    total = sum(index.weight(s) for s in stems)
    shares = [(stem, index.weight(stem) / total) for stem in stems]
    reach: dict[int, float] = {}
    for entry in entries:
        own, answer = index.entry_stems[entry], index.answer_stems[entry]
        value = 0.0
        for stem, share in shares:
            if stem in own:
                value += share
            elif stem in answer:
                value += ANSWER_WORD_SHARE * share
        reach[entry] = value
    return reach


def _fuzzy(index: Index, flat: str, entry: int) -> float:
    """How close the whole wording is to the entry's nearest phrasing (stop words count here).

    Token-sort similarity, with both sides' words sorted once rather than on every call.
    """
    best = process.extractOne(flat, index.entry_sorted_flats[entry], scorer=fuzz.ratio)
    return best[1] if best else 0.0


def _score_segment(index: Index, stems: Sequence[str],
                   best: dict[int, tuple[float, int, float, float]]) -> None:
    if not stems:
        return
    total = sum(index.weight(s) for s in stems)
    # Words the knowledge base never uses are evidence the question is about something
    # else ("renew my driver's license"), however well its other words fit a phrasing.
    # A long story naturally carries such words, so there they count for less.
    power = UNKNOWN_WORD_POWER if len(stems) <= CLAUSE_SCORING_MIN_STEMS else LONG_UNKNOWN_WORD_POWER
    penalty = _known_share(index, stems) ** power
    found: dict[int, float] = {}
    get = found.get
    # Rarest words first. A word in most entries ("kyphoplasty", "what"), or any word once
    # the candidates would pass CANDIDATE_CAP, only adds to phrasings already found rather
    # than bringing in hundreds more: this is what keeps long messages and large
    # knowledge bases fast.
    known = sorted(((s, index.idf[s]) for s in stems if s in index.idf),
                   key=lambda item: len(index.postings[item[0]]))
    budget = CANDIDATE_CAP
    common: list[tuple[str, float]] = []
    for stem, weight in known:
        numbers = index.postings[stem]
        if found and (len(numbers) > budget or stem in index.common_stems):
            common.append((stem, weight))
            continue
        # Even the rarest word may be everywhere in a huge base; its postings are sorted
        # shortest phrasing first, where the word matters most, so the cap keeps those.
        numbers = numbers[: max(budget, 0)] if not found else numbers
        budget -= len(numbers)
        if not found:  # the first word's phrasings, at C speed (0.0 + weight is weight)
            found = dict.fromkeys(numbers, weight)
            get = found.get
            continue
        for number in numbers:
            found[number] = get(number, 0.0) + weight
    stem_ids, offsets = index.phrasing_stem_ids, index.phrasing_offsets
    for stem, weight in common:
        numbers = index.postings[stem]
        if len(numbers) < 4 * len(found):  # a plain loop is cheaper per step
            # Each phrasing found gets the word's weight once, so the order does not
            # matter: the set intersection runs at C speed.
            for number in found.keys() & numbers:
                found[number] += weight
        else:
            stem_number = index.stem_ids[stem]
            for number in found:
                if stem_number in stem_ids[offsets[number]:offsets[number + 1]]:
                    found[number] += weight
    # score = 100 * penalty * (w * shared / phrasing weight + (1 - w) * shared / total),
    # written so the loop below does one multiply-add per phrasing.
    per_phrasing = 100 * penalty * ENTRY_COVERAGE_WEIGHT
    per_question = 100 * penalty * (1 - ENTRY_COVERAGE_WEIGHT) / total
    inverse = index.inverse_weights
    owner = index.phrasing_entry
    top: dict[int, tuple[float, int]] = {}
    for number, shared in found.items():
        score = shared * (per_phrasing * inverse[number] + per_question)
        entry = owner[number]
        held = top.get(entry)
        if held is None or score > held[0]:
            top[entry] = (score, number)
    for entry, (score, number) in top.items():
        held = best.get(entry)
        if held is None or score > held[0]:
            shared = found[number]
            best[entry] = (score, number, shared / total, shared * inverse[number])


def _smalltalk(kb: KnowledgeBase, analysis: Analysis,
               *, strict: bool) -> tuple[Smalltalk, float] | None:
    index = index_of(kb)
    if not index.smalltalk_phrases or not analysis.words:
        return None
    said = analysis.normalised
    if strict:
        hit = process.extractOne(said, index.smalltalk_phrases,
                                 scorer=fuzz.ratio, score_cutoff=SMALLTALK_MIN)
    elif len(analysis.words) <= SMALLTALK_MAX_WORDS:
        # "thank you so much!" when no entry wanted it: a whole phrase, word for word, that
        # is most of the message.
        padded = f" {said} "
        hit = next(
            ((phrase, 100.0, n) for n, phrase in enumerate(index.smalltalk_phrases)
             if f" {phrase} " in padded and len(phrase) >= SMALLTALK_MIN_SHARE * len(said)),
            None,
        )
    else:
        hit = None
    if hit is None:
        return None
    return kb.smalltalk[index.smalltalk_owner[hit[2]]], float(hit[1])
