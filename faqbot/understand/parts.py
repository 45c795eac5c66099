"""How a message's question parts are read together: the story around them as weak
context, a part pointing back to the one before it, a part too vague to read alone, and a
topic the base does not know declined for every part that names it. matcher.py decides
each part; these are its pure helpers."""

from __future__ import annotations

from collections.abc import Sequence

from ..records import replace
from . import text as tx
from .index import QUESTION_STEMS, Analysis, Index
from .question_patterns import AUXILIARIES, WH_WORDS
from .questions import QuestionPart
from .ranking import entry_reach
from .result import Candidate, Kind, MatchResult

# A question part is scored on its own words; the rest of the message adds this share of
# how much of it the entry covers, so "is it going to hurt while they're doing it?" after
# a story about needles and kyphoplasty leans to the procedure's pain.
CONTEXT_WEIGHT = 0.1


# A question part whose known words weigh less than this (about one word found in a
# tenth of the entries, plus one in half) is read together with what comes before it.
VAGUE_WEIGHT = 3.0


def sharing_unknown_topic(index: Index, results: list[MatchResult],
                           readings: Sequence[Analysis]) -> list[MatchResult]:
    """The parts' results, a part naming the word of a topic another part was declined
    for declined too: "where do I park at the hospital, and is there a charge for
    parking?" is all about parking, which the base does not know."""
    unknown = {tx.stem(w) for r in results if r.unknown_topic for w in r.unknown_topic.split()}
    unknown = {s for s in unknown if s not in index.idf}
    if not unknown:
        return results
    topic = next(r.unknown_topic for r in results if r.unknown_topic)
    return [replace(r, kind=Kind.FALLBACK, entry=None, unknown_topic=topic,
                    reason=f"names '{topic}' as another question does, which no entry covers")
            if r.kind is not Kind.FALLBACK and unknown.intersection(reading.stems) else r
            for r, reading in zip(results, readings, strict=True)]


def declined_parts(found: Sequence[QuestionPart], results: Sequence[MatchResult]) -> list[MatchResult]:
    """The parts declined for a topic we do not cover, but not a statement found only by a
    question word inside it ("a colonoscopy years ago where she was half sedated")."""
    return [r for part, r in zip(found, results, strict=True)
            if r.unknown_topic and part.how != "inner"]


def whole_answers(whole: MatchResult | None, answered: Sequence[MatchResult]) -> bool:
    """Whether the whole-message reading answers with an entry no part answered."""
    return (whole is not None and whole.kind is Kind.ANSWER
            and all(r.entry is not whole.entry for r in answered))


# A question pointing back to the story leans on it only when its own words name this
# little ("how long is the recovery from that?"); "is it common to get new fractures in
# other vertebrae after kyphoplasty?" names its topic itself.
LEAN_TOPIC_STEMS = 4
# Words that point back to an earlier question ("what causes them?").
REFERRING = frozenset({"it", "that", "this", "them", "they", "these", "those", "one", "ones"})
# "They" asked of what someone does ("will they discharge her", "do they put you to
# sleep") is the care team, not a thing the story named.
_TEAM_BEFORE = AUXILIARIES | WH_WORDS


# After "are they" / "were they", a participle makes "they" the things done to ("how are
# they got rid of", "were they caused by the fall"), not the team.
_BE_BEFORE = frozenset({"are", "were"})
_PARTICIPLES = frozenset({"got", "gotten", "done", "made", "taken", "seen", "given", "found",
                          "known", "left", "kept", "broken", "worn"})


def _passive(words: Sequence[str], at: int) -> bool:
    after = words[at + 1] if at + 1 < len(words) else ""
    return words[at - 1] in _BE_BEFORE and (after in _PARTICIPLES or after.endswith("ed"))


# "One" counting, not pointing back: "one at a time", "one or two", "one more day".
_COUNTED = frozenset({"at", "or", "to", "by", "and", "more", "time", "times", "day", "days",
                      "week", "weeks", "month", "months", "year", "years", "hour", "hours",
                      "night", "nights", "level", "levels", "side", "bone", "fracture"})


def refers_back(words: Sequence[str]) -> bool:
    """Whether a question's words point back to something named before it."""
    return any(w in REFERRING and not (w == "they" and at and words[at - 1] in _TEAM_BEFORE
                                       and not _passive(words, at))
               and not (w == "one" and at + 1 < len(words) and words[at + 1] in _COUNTED)
               and not _points_ahead(words, at)
               for at, w in enumerate(words))


# "How likely is it for the cement to escape", "is it safe to drive": an "it" standing for
# what follows it. "Do I see the doctor after this": this procedure.
_IT_BEFORE = frozenset({"is", "was", "would", "will", "be"})
_IT_AHEAD = frozenset({"to", "for", "that", "if"})
_IT_ADJECTIVES = frozenset({"likely", "unlikely", "possible", "common", "normal", "usual",
                            "ok", "okay", "true", "necessary", "worth", "wise", "better"})
_THIS_AFTER = frozenset({"after", "before", "during"})


def _points_ahead(words: Sequence[str], at: int) -> bool:
    if words[at] == "it":
        if at == 0 or words[at - 1] not in _IT_BEFORE:
            return False
        # "is it normal to ...", "how likely is it for ..."
        return (len(words) > at + 2 and words[at + 1] in _IT_ADJECTIVES
                and words[at + 2] in _IT_AHEAD) or (
            at > 1 and words[at - 2] in _IT_ADJECTIVES and len(words) > at + 1
            and words[at + 1] in _IT_AHEAD)
    return words[at] == "this" and at > 0 and words[at - 1] in _THIS_AFTER


# ...or to someone or somewhere the story named ("what happens to him in there?"), or
# lean on it ("can I still have it?").
POINTING = REFERRING | {"he", "she", "him", "her", "there", "you", "me", "still", "also", "too",
                          "then", "either"}


def topic_stems(index: Index, analysis: Analysis) -> list[str]:
    """The question's own words that name a topic: known, not everywhere, no question word."""
    return [s for s in analysis.stems if s in index.idf and s not in index.common_stems
            and s not in QUESTION_STEMS]


def vague_part(index: Index, analysis: Analysis) -> bool:
    """Whether a question's own words say too little to tell its topic ("what is it"):
    they weigh little and point back ("it", "that") or name nothing the base knows. "What
    are the risks, really?" in the middle of a story is not vague: it names its topic."""
    known = [s for s in analysis.stems if s in index.idf and s not in index.common_stems]
    return sum(index.idf[s] for s in known) < VAGUE_WEIGHT and (
        not known or bool(POINTING.intersection(analysis.words)))


def with_context(index: Index, candidates: tuple[Candidate, ...], part: Analysis,
                  story: Sequence[str], *, weight: float = CONTEXT_WEIGHT
                  ) -> tuple[Candidate, ...]:
    """A part's candidates, each raised by `weight` of how much of the context (the story
    around the questions, or the question a part points back to) its entry covers."""
    context = [s for s in story if s not in part.stems and s in index.idf]
    if not context or not candidates:
        return candidates
    number = index.entry_numbers  # a dict over every entry: made once, not per question
    reach = entry_reach(index, context, (number[c.entry.id] for c in candidates))
    # Made directly rather than by records.replace (a third of the time here).
    raised = [Candidate(c.entry, round(min(100.0, c.score + weight * 100
                                           * reach[number[c.entry.id]]), 1), c.phrasing, c.signals)
              for c in candidates]
    return tuple(sorted(raised, key=lambda c: -c.score))


def settled_by_whole(results: list[MatchResult], answered: MatchResult,
             whole: MatchResult) -> tuple[MatchResult, ...]:
    """Each part's answer, in order, when the whole message answers with another entry
    than the one part answered, that part standing on its own words ("Is that normal?"
    does not), and the other part was unsure with that entry among its options; ()
    otherwise."""
    unsure = [r for r in results if r.kind is Kind.CLARIFY and whole.entry in r.options]
    if whole.entry is answered.entry or len(unsure) != 1 or len(results) != 2 \
            or refers_back(answered.analysis.words):
        return ()
    chosen = replace(unsure[0], kind=Kind.ANSWER, entry=whole.entry, score=whole.score,
                     reason=f"unsure on its own words; the whole message answers "
                            f"'{whole.entry.id}' ({whole.reason})")
    return tuple(chosen if r is unsure[0] else r for r in results)


def options_left(results: Sequence[MatchResult], result: MatchResult) -> frozenset[str]:
    """The ids of a part's "did you mean" options that no earlier part was answered with.
    Its own words alone may confirm the first of them ("Is the cement permanent, and is
    there a chance it could leak?": read with the first question, the second was unsure
    between leaking and how long it lasts; alone, it asks about leaking). Empty unless the
    part was left unsure."""
    if result.kind is not Kind.CLARIFY:
        return frozenset()
    taken = _taken(results)
    return frozenset(e.id for e in result.options if e.id not in taken)


def _taken(results: Sequence[MatchResult]) -> set[str]:
    """The ids of the entries the parts were answered with."""
    return {r.entry.id for r in results if r.kind is Kind.ANSWER and r.entry is not None}


def answered_without_taken(results: Sequence[MatchResult], result: MatchResult, *,
                           answer_min: float, lead: float) -> MatchResult | None:
    """A part left unsure between an entry an earlier part was answered with and others,
    answered with the best of the others when it reaches `answer_min` and leads the next
    of them by `lead`: two questions in one message do not ask the same thing ("Is it too
    early for kyphoplasty, and what do doctors normally try before going that route?",
    alone unsure between what is tried first and the timing the first question took).
    None otherwise."""
    if result.kind is not Kind.CLARIFY:
        return None
    taken = _taken(results)
    rest = [c for c in result.candidates if c.entry.id not in taken]
    if len(rest) == len(result.candidates) or not rest or rest[0].entry not in result.options:
        return None
    best, runner = rest[0], rest[1].score if len(rest) > 1 else 0.0
    if best.score < answer_min or best.score - runner < lead:
        return None
    return replace(result, kind=Kind.ANSWER, entry=best.entry, score=best.score,
                   reason=f"{best.entry.id} scored {best.score:.1f} >= {answer_min:g} and leads "
                          f"the next by {best.score - runner:.1f} >= {lead:g}, without the entry "
                          f"an earlier question was answered with")


def without_empty_alternative(index: Index, text: str) -> str:
    """A question without the alternative after its last "or" when that names nothing the
    base knows ("Can it be used when the break is from the myeloma, or is that a totally
    different situation?", "..., or should I cover it?"): such a tail only halves the score of the entry
    the question asks about. The text itself otherwise."""
    at = text.casefold().rfind(" or ")  # "... OR IS THAT WISHFUL THINKING" too
    head, joint, tail = (text[:at], " or ", text[at + 4:]) if at >= 0 else (text, "", "")
    words = tx.words(tail)
    # A clause of its own ("or is that ...", "or should I ..."), not a list's last item
    # ("allergic to iodine or shellfish, does that matter for the dye").
    if not joint or len(head.split()) < MIN_HEAD_WORDS or not words \
            or words[0] not in _ALTERNATIVE_OPENERS:
        return text
    # "..., or am I just getting old?", "or is it mainly for older ladies with thin
    # bones?": the contrast the asker fears is no topic of its own, whatever it names.
    # (Not "or does kyphoplasty only deal with the pain from the fracture": a thing named.)
    if words[0] in _PLAIN_CONTRAST or (words[1:2] and words[1] in _CONTRAST_SUBJECTS
                                       and words[2:3] and words[2] in _PLAIN_CONTRAST):
        return head.rstrip(" ,;")
    if len(words) > MAX_ALTERNATIVE_WORDS:
        return text
    known = [s for s in index.analyse(tail).stems
             if s in index.idf and s not in index.common_stems and s not in QUESTION_STEMS]
    return text if known else head.rstrip(" ,;")


_PLAIN_CONTRAST = frozenset({"just", "only", "mainly", "simply", "merely"})
_CONTRAST_SUBJECTS = frozenset({"i", "it", "this", "that", "he", "she", "they", "we"})


# The question before an empty alternative keeps at least this many words; the
# alternative has at most MAX_ALTERNATIVE_WORDS.
MIN_HEAD_WORDS = 3
MAX_ALTERNATIVE_WORDS = 8
_ALTERNATIVE_OPENERS = AUXILIARIES | {"something", "anything", "just", "only"}
