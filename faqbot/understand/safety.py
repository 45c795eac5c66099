"""The red-flag check that runs before any FAQ matching: concepts, not phrases.

Each red flag is a concept (knowledge/safety.yaml) told by signs: groups of lay words
all within a few words of each other in one sentence ("calf" near "swollen"), in any
order. reading.py reads the words once (contractions, run-together words, misspellings,
numbers read as temperatures and pain scores).

A sign found only counts when its sentence reports it, in the spirit of NegEx and
ConText: a cue word's scope runs to the end of its clause (a "but", or a comma or "and"
before a new subject, ends it). Negated ("no fever, chills or redness"), resolved
("went away", "had ... but it's gone"), long past ("last year"), hypothetical ("what
if"), someone who is not the patient ("my neighbour"), a general question ("what does an
infected wound look like") or a risk told of anyone do not count. A caregiver's report
does. When in doubt a sign counts: a needless warning is far cheaper than a missed one.
"""

from __future__ import annotations

from ..kb.model import CUE_PREFIX, Safety, SafetyConcept, Sign
from .fragments import split_signs
from .hypothetical import MAY_MODALS, may_become, presupposed
from .index import Analysis
from .numbers import NUMBER_TOKENS as _NUMBERS
from .patient import (
    PROCEDURE_WORDS,
    Patient,
    always_others,
    answered_no,
    fracture_own,
    likens,
    named_in_sign,
    other_gender,
    owned_by_asker,
    owns_the_procedure,
    patient_of,
    told_of_another,
    whose,
)
from .reading import Reader, reader_of
from .scope import (
    COPULA,
    LONG_AGO,
    NOT_NEVER,
    corrected,
    denied_later,
    elided,
    habit_of,
    negation_stops,
    no_end_told,
    opens_clause,
    opens_with,
    past_excused,
    reaches_back,
    reported_say,
    risk_of_anyone,
    spoken,
    starts_with_them,
    tells_now,
    time_put_first,
    told_long_ago,
    undone,
)
from .sentence import Sentence, became, not_an_end
from .signs import REASON_WORDS, blocked, inside, placements
from .verdicts import Hit, Verdict
from .worry import worried_about

TIER_ORDER = ("emergency", "urgent")
# A negation reaches over a list ("not having any chest pain or trouble breathing") but
# no further than this many words, and the hedge "almost", "nearly" only the next two.
NEGATION_REACH = 10
HEDGE_REACH = 2
# "without stopping to gasp": a sign this close after a limitation is why one stops.
LIMITATION_REACH = 2
# "she says she is fine": a resolution this close after "says" is someone playing it down.
DISMISSAL_REACH = 2
# How far after "normal if" a word like "get" or "start" makes it hypothetical after all.
FUTURE_REACH = 3


def check(safety: Safety, analysis: Analysis) -> Verdict | None:
    """The most urgent red flag the text reports, or None."""
    counted = [hit for hit in hits(safety, analysis) if hit.counted]
    if not counted:
        return None
    hit = min(counted, key=lambda h: _rank(h.tier))
    tier = safety.tiers[hit.tier]
    concept = next(c for c in safety.concepts if c.id == hit.rule)
    message = tier.message if not concept.note else f"{tier.message}\n\n{concept.note}"
    return Verdict(hit.tier, hit.rule, hit.matched, hit.clause, tier.title, message, hit.why)


def hits(safety: Safety, analysis: Analysis) -> list[Hit]:
    """Every concept with a sign in some sentence, with its reason to count or not.

    Per concept and sentence one hit is kept, the one that counts if any does.
    """
    if not safety.concepts:
        return []
    reader = reader_of(safety)
    best: dict[tuple[str, int], Hit] = {}
    text = analysis.text or analysis.normalised
    sentences = reader.sentences(text)
    patient = patient_of(sentences)
    _sentence_hits(reader, sentences, patient, best)
    # Where nothing counts, a second reading takes short words one typo from a sign's
    # ("her lis have gone blue"): a sign it completes counts.
    if not any(h.counted for h in best.values()) and reader.mistyped(sentences):
        _sentence_hits(reader, reader.sentences(text, lenient=True), patient, best,
                       offset=len(sentences))
    _fragment_hits(reader, sentences, patient, best)
    return sorted(best.values(), key=lambda h: reader.order[h.rule])


def _sentence_hits(reader: Reader, sentences: list[Sentence], patient: Patient,
                   best: dict[tuple[str, int], Hit], *, offset: int = 0) -> None:
    """Each concept's hit in each sentence (numbered from `offset`), merged into `best`."""
    for number, sentence in enumerate(sentences, offset):
        found = sentence.found
        for group in list(found):
            for concept, sign in reader.signs_by_first.get(group, ()):
                key = (concept.id, number)
                held = best.get(key)
                if (held is not None and held.counted) or not all(p in found for p in sign.parts):
                    continue
                hit = _judge_sign(concept, sign, sentence, patient=patient)
                if hit is not None and (held is None or hit.counted):
                    best[key] = hit


def _fragment_hits(reader: Reader, sentences: list[Sentence], patient: Patient,
                   best: dict[tuple[str, int], Hit]) -> None:
    # "my calf / left one / swollen and red": a sign told over fragments (fragments.py).
    for start, whole, concept, sign in split_signs(sentences, reader.signs_by_first):
        key = (concept.id, -1 - start)  # apart from the sentences' own keys
        held = best.get(key)
        hit = None if held and held.counted else _judge_sign(concept, sign, whole, patient=patient)
        if hit is not None and (held is None or hit.counted):
            best[key] = hit


def _rank(tier: str) -> int:
    return TIER_ORDER.index(tier) if tier in TIER_ORDER else len(TIER_ORDER)


def _judge_sign(concept: SafetyConcept, sign: Sign, sentence: Sentence, *,
                patient: Patient) -> Hit | None:
    best: Hit | None = None
    found = placements(sign, sentence, concept.near)
    # Parts found within one clause are the reading: "I fell asleep watching TV and my
    # foot fell asleep too" is the foot's "asleep", not the first one's.
    whole = [p for p in found if len({sentence.clause[s] for s, _ in p}) == 1]
    for spans in whole or found:
        if sign.unless and blocked(sign, spans, sentence):
            continue
        counted, why, cue = corrected(_context(concept, spans, sentence, patient=patient), sentence)
        if counted and not concept.before_procedure and fracture_own(sign, sentence, patient):
            counted, why = False, "before the procedure (the fracture's own sign)"
        tier = concept.tier
        if counted and concept.onset_tier and CUE_PREFIX + "onset" in sentence.found:
            tier = concept.onset_tier if _rank(concept.onset_tier) < _rank(tier) else tier
            why += " (an onset word raises the tier)"
        # (An empty span is a word the sentence before said: sentence.carry_back.)
        words = " + ".join(" ".join(sentence.tokens[s:e]) or "(said before)" for s, e in spans)
        hit = Hit(concept.id, tier, words, sentence.text, counted, why, cue,
                  " + ".join(sign.parts))
        if counted:
            return hit
        best = best or hit
    return best


# A clause opening with one of these (after "," "and") is about whoever came before.
_PERFECT = frozenset({"has", "have", "had"})
_RESOLVED_SUBJECTS = frozenset({"it", "that", "this", "they", "those", "these", "which", "all",
                                "i", "am", "he", "she", "everything", "now"})


def _cues(sentence: Sentence, name: str) -> list[tuple[int, int]]:
    return sentence.found.get(CUE_PREFIX + name, [])


def _context(concept: SafetyConcept, spans: list[tuple[int, int]],
             sentence: Sentence, *, patient: Patient) -> tuple[bool, str, str]:
    """Whether the sign at `spans` is reported, why, and the cue words that decided.

    `patient`: who the message ties to the procedure, and whether the asker sets
    themselves apart from the people it names ("I'm the one having the procedure", so a
    relative's sign is the relative's, not a caregiver's report) or from the patient.
    """
    clause = sentence.clause
    first, last = spans[0], max(spans, key=lambda s: s[1])
    own = {clause[s] for s, _ in spans}
    pseudo = _cues(sentence, "pseudo")

    # Negation: before a part of the sign, in its clause, within reach, and not a word
    # of the sign itself ("can not breathe") or a pseudo-negation ("not sure").
    for span in _cues(sentence, "negation"):
        if inside(span, spans) or inside(span, pseudo):
            continue
        # "can not sit up without crying that her head will burst": it happens.
        if sentence.tokens[span[0]] == "without" and any(
                e <= span[0] and clause[e - 1] == clause[span[0]] for _, e in pseudo):
            continue
        for start, _ in spans:
            if (span[1] <= start and clause[span[0]] == clause[start]
                    and start - span[1] <= NEGATION_REACH
                    and not negation_stops(sentence, span[1], start)):
                return False, "negated", spoken(sentence, span)
    for span in _cues(sentence, "hedge"):
        if any(0 <= s - span[1] <= HEDGE_REACH for s, _ in spans):
            return False, "hedged (almost, nearly)", spoken(sentence, span)
    for span in _cues(sentence, "idiom"):
        # "my back is killing me": a sign's own words that hold the idiom and more.
        # A sign of three parts or more keeps the rest of its evidence: "my head is
        # absolutely killing me whenever I stand up" (not "can't wait to move my legs").
        kept = len(spans) >= 3 and "not" not in sentence.tokens[span[0]:span[1]]
        if inside(span, spans) and not kept and not any(
                s <= span[0] and span[1] <= e and e - s > span[1] - span[0] for s, e in spans):
            return False, "a figure of speech", spoken(sentence, span)
    if sentence.denied:
        return False, "denied (the next sentence says no)", ""
    worry = worried_about(sentence, first[0])
    if worry is not None and not concept.always:
        return False, "a worry or puzzlement, not a report", spoken(sentence, worry)
    denial = denied_later(sentence, clause[last[0]])
    if denial is not None:
        return False, "denied (a later clause says none)", spoken(sentence, denial)
    for span in _cues(sentence, "limitation"):
        # "can not make it to the mailbox without stopping": slow, not unable; "without
        # stopping to pant" is the sign itself.
        if clause[span[0]] in own and not inside(span, spans) \
                and not any(0 <= s - span[1] <= LIMITATION_REACH for s, _ in spans):
            return False, "a limit, not an inability", spoken(sentence, span)
    for span in _cues(sentence, "not-literal"):
        # Thoughts of suicide get the crisis line even told as a joke.
        if sentence.tokens[span[0] - 1:span[0]] not in (["not"], ["no"]) and not concept.always:
            return False, "not meant literally", spoken(sentence, span)
    if concept.always:
        other = always_others(sentence, spans, own)
        if other is not None:
            return False, "about someone or something other than the patient", \
                spoken(sentence, other)
        if answered_no(sentence, last[1]):
            return False, "denied (answered no)", "said no"
        return True, "this concept counts in any sentence but a denial", ""

    # (An episode's end does not cancel it, unless its own words are the end: "went down".)
    resolved = [r for r in _cues(sentence, "resolved") if not concept.episode or inside(r, spans)]
    played_down = _cues(sentence, "dismissal")
    sign_words = {sentence.tokens[n] for s, e in spans for n in range(s, e)}
    for span in resolved:
        if any(0 <= span[0] - e <= DISMISSAL_REACH for _, e in played_down):
            continue
        if undone(sentence, span) or became(sentence, span) or not_an_end(sentence, span):
            continue
        if no_end_told(sentence, span, _cues(sentence, "report")):
            continue
        # "surely the anaesthetic has worn off": said of something else.
        if span[0] > 1 and sentence.tokens[span[0] - 1] in _PERFECT and \
                sentence.tokens[span[0] - 2] not in _RESOLVED_SUBJECTS | sign_words:
            continue
        # "is fine", "are gone" say it of the word before: "it", "the numbness", not
        # another thing ("chest pain since last night, back is fine though").
        # "the fever I had last week is gone": the time closes a clause about the sign.
        if sentence.tokens[span[0]] in COPULA and span[0] and \
                sentence.tokens[span[0] - 1] not in _RESOLVED_SUBJECTS | sign_words and not (
                    any(span[0] - 1 in range(*p) for p in _cues(sentence, "past"))
                    and first[1] <= span[0] and clause[first[0]] == clause[span[0]]):
            continue
        # "my fever broke two days ago": a resolution holding the sign's word and more.
        if any(span[0] <= s and e <= span[1] and e - s < span[1] - span[0] for s, e in spans):
            return False, "resolved", spoken(sentence, span)
        # After the sign ("the numbness is gone"), even if it shares a word with it, and
        # not brought back later ("... but it's back today").
        if (span[0] >= first[1] and not any(s <= span[0] and span[1] <= e for s, e in spans)
                and reaches_back(sentence, clause[first[0]], clause[span[0]])
                and not any(s >= span[1] and not inside((s, e), resolved)
                            and sentence.tokens[s - 1] not in NOT_NEVER  # "has not come back"
                            for s, e in _cues(sentence, "recurrence"))):
            return False, "resolved", spoken(sentence, span)
    over = _cues(sentence, "resolved") + _cues(sentence, "past")
    # (Not "normal today", "fine by tea time": a time the end is told at; "streaks at
    # first and now a clot" tells a now.)
    present = [s for s in _cues(sentence, "present") if clause[s[0]] in own and tells_now(sentence, s)
               and not any(s[1] > b and s[0] <= e + 1 and sentence.tokens[e:e + 1] != ["and"]
                           for b, e in over)]
    # "had numbness before the procedure and now it is much worse": worse, and now.
    # (An "again" is both: "it happened after my appendix and again after ..." is no "now".)
    if any(s >= last[1] and not inside((s, e), _cues(sentence, "recurrence"))
           for s, e in _cues(sentence, "present")):
        present += [s for s in _cues(sentence, "recurrence")
                    if s[0] >= last[1] and not inside(s, resolved)]
    # "when she had her gallbladder out years ago, she was confused for two days": told in
    # the past tense after a time long ago, with no "now" between.
    if (ago := told_long_ago(sentence, spans)) is not None:
        return False, "in the past (long ago, and told in the past tense)", spoken(sentence, ago)
    yardsticks = _cues(sentence, "comparison")
    for span in _cues(sentence, "past"):
        # ("is it normal for him to keep nodding off": asked, not his usual.)
        if past_excused(sentence, span, last[1]) \
                or any(s <= span[0] and span[1] <= e for s, e in _cues(sentence, "report")):
            continue
        # "back op last week" dates the operation; "had kyphoplasty last year" the whole story.
        long_ago = LONG_AGO.intersection(sentence.tokens[span[0]:span[1]])
        if sentence.tokens[span[0]] != "history" and any(  # (not "count as a history of")
                s < span[0] <= e + 1 and not (long_ago and sentence.tokens[s] in PROCEDURE_WORDS)
                for s, e in yardsticks):
            continue
        later = span[0] >= last[1] and reaches_back(sentence, clause[last[0]], clause[span[0]])
        # "after my last surgery in 2018, because I could not pee": a reason has the
        # time of the clause it explains.
        reason = (span[1] <= first[0] and clause[first[0]] == clause[span[0]] + 1
                  and opens_with(sentence, clause[first[0]], REASON_WORDS))
        # "Years ago, after a hip replacement, I had a clot": a time put first is the
        # whole sentence's.
        # A time that holds a part of the sign and more ("back then") makes that part
        # no sign word at all.
        holds = any(span[0] <= s and e <= span[1] and e - s < span[1] - span[0]
                    for s, e in spans)
        first_time = time_put_first(sentence, span)
        if (clause[span[0]] in own or later or reason or first_time
                or habit_of(sentence, span, clause[first[0]])) \
                and (holds or not inside(span, spans)) and not present:
            return False, "in the past", spoken(sentence, span)
    if sentence.affirmed:
        return True, "reported (the next sentence says so)", ""
    if sentence.resolved_next and not present and not concept.episode:
        return False, "resolved (the next sentence says so)", ""
    # "is it normal if my leg is numb" is a report; "... if I get a fever" is not.
    future = _cues(sentence, "future")
    exempt = [span for span in _cues(sentence, "not-hypothetical")
              if not any(span[1] <= s < span[1] + FUTURE_REACH for s, _ in future)] + reported_say(sentence)
    for span in _cues(sentence, "hypothetical"):
        # "If the cement leaks, could I end up paralysed?": a question's opening "if"
        # reaches a consequence told with could / would / might.
        consequence = (span[0] == 0 and sentence.asked
                       and any(sentence.tokens[n] in MAY_MODALS for n in range(len(clause))
                               if clause[n] in own))
        if ((clause[span[0]] in own or consequence) and span[1] <= last[1]
                and not inside(span, spans) and not inside(span, exempt)
                and not presupposed(sentence, span, last[1])):
            return False, "hypothetical", spoken(sentence, span)
    # Right after the handling words, or inside them ("pick up the" + "the cat").
    handled = {n for s, e in _cues(sentence, "handling") for n in range(s + 1, e + 1)}
    for span in _cues(sentence, "other-person"):
        if span[0] in handled or likens(sentence.tokens, span[0]) \
                or told_of_another(sentence, span, first[0]) or owns_the_procedure(sentence, span):
            # "bent down to pick up the cat, felt a crack": the cat is no patient; "like
            # somebody standing on her ribs", "sick as a dog" liken, they name no one.
            continue
        # "a player on TV, and his lip swelled": a later clause's "his" is still theirs.
        theirs = clause[span[0]] in own or (clause[span[0]] < clause[first[0]]
                                             and starts_with_them(sentence, clause[first[0]]))
        possessed = named_in_sign(sentence, span, first, last)
        if theirs and (possessed or span[1] <= first[0] and not owned_by_asker(sentence, spans)) \
                and not other_gender(sentence, span, first[0]):
            return False, "about someone other than the patient", spoken(sentence, span)
    who = whose(sentence, spans, patient, emergency=concept.tier == TIER_ORDER[0])
    if who:
        return False, who[0], who[1]
    reports = _cues(sentence, "report")
    now = [s for s in _cues(sentence, "present") if clause[s[0]] in own]
    for span in _cues(sentence, "general"):
        # "what do I do": a report cue holding the general cue's words asks for help now;
        # "fainted twice today, is that a side effect": today's sign, its cause asked.
        if clause[span[0]] in own and not inside(span, spans) and not inside(span, reports) \
                and not now:
            return False, "a general question", spoken(sentence, span)
    if (anyone := risk_of_anyone(sentence, first[0], _cues(sentence, "anyone"))) and not (reports or now):
        return False, "a risk told of anyone", spoken(sentence, anyone)
    for span in _cues(sentence, "when-to-call"):
        if clause[span[0]] in own and not inside(span, spans) and not owned_by_asker(sentence, spans):
            return False, "asks when to call", spoken(sentence, span)
    # "can not breathe", "can barely lift my legs": the sign's own words, not a question.
    opens = spans[0][0] == 0 or sentence.tokens[1:2] == ["not"]
    # "is 38.4 a fever", "would a temp of 38.9 be bad": a reading asked about is
    # someone's reading, unless the sentence asks what counts as one.
    reading = (any(sentence.tokens[s] in _NUMBERS for s, _ in spans)
               and not _cues(sentence, "general"))
    # "my pill is 5 mg, can I take double": asked at the start of the sign's clause.
    asking = [s for s, e in _cues(sentence, "possibility")
              if opens_clause(sentence, s) and not inside((s, e), spans)]
    if (asking and (own == {clause[asking[0]]} or asking[0] and clause[asking[0]] == clause[last[0]])
            and not opens and not reports and not reading
            and not _cues(sentence, "not-hypothetical")):
        return False, "asks what could happen", spoken(sentence, (asking[0], asking[0] + 1))
    if sentence.asked and not reports and not now \
            and (modal := may_become(sentence, first[0], future)) is not None:
        return False, "asks what could happen", spoken(sentence, (modal, modal + 1))
    starts = _cues(sentence, "question-start")
    # "where needle went in, now yellow stuff come out": a present cue makes it a report.
    if (any(s == 0 for s, _ in starts) and not opens and not reading and not elided(sentence)
            and not _cues(sentence, "person") and not reports and not _cues(sentence, "present")):
        return False, "a general question (nobody is named)", spoken(sentence, starts[0])
    for span in _cues(sentence, "present"):
        if tells_now(sentence, span):
            return True, "reported, happening now", spoken(sentence, span)
    return True, "reported", ""
