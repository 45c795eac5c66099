"""Where a context cue stops reaching, when the words themselves say so: limits that
punctuation would draw in writing but speech and texting often leave out.

Each function answers one question about one cue found by reading.py, for the red-flag
check (safety.py): does a negation reach a sign past a new subject, is a "when I was" a
time of life or the moment a sign began, is a "before the procedure" a comparison ("never
happened before"), does a "now" belong to a denial ("now no fever") or to a question
("can I shower now?"), is a "still" "even so", and what opens a clause.
"""

from __future__ import annotations

from ..kb.model import CUE_PREFIX
from .numbers import NUMBER
from .sentence import Sentence
from .signs import refers_to_thing

# A subject pronoun that opens a new clause ("I don't really care anymore I've been
# planning ..."): a negation before it does not reach past it ...
_SUBJECTS = frozenset({"i", "he", "she", "we", "they"})
# ... unless the word before it takes a clause after it: "don't think I have a fever",
# "not sure that she is", "never said he could".
_TAKES_A_CLAUSE = frozenset({
    "think", "thought", "believe", "believed", "say", "said", "says", "know", "knew", "feel",
    "felt", "guess", "reckon", "suppose", "mean", "that", "if", "whether", "like", "as",
    "so", "because", "cause", "when", "where", "while", "sure", "and", "or", "but", "notice",
    "noticed", "realise", "realize", "remember", "hope", "expect", "seem", "seems", "wish",
})
# "when I was sitting": the moment a sign began, not a time of life ("when I was a child").
_WAS = frozenset({"was", "were"})
# Words that, just before a "before the procedure", make it a comparison: the sign is new
# ("it was fine before the procedure", "this never happened before the kyphoplasty").
_NEW_SINCE = frozenset({"fine", "normal", "ok", "okay", "never", "not", "no", "nothing"})
NEW_SINCE_REACH = 3
# How many words after a "now" a negation makes it the time of a denial ("now no fever").
DENIAL_REACH = 2
MILD_REACH = 3
_NEGATING = frozenset({"no", "not", "never", "none", "nothing", "without"})
# What a denial may hold and still name nothing: "none at all", "nothing like that".
_EMPTY_AFTER_DENIAL = frozenset({"at", "all", "like", "that", "this", "of", "it", "them",
                                 "whatsoever", "more", "any", "anymore", "really"})
_MODALS = frozenset({"can", "could", "should", "would", "will", "may", "might", "must", "do"})


# Conditions that last: what they bring on "when ..." is their usual course, not news.
_LASTING = frozenset({"dementia", "alzheimers", "alzheimer", "chronic", "neuropathy", "memory"})
_HABITUAL = frozenset({"when", "whenever", "every", "each"})
_JOINERS = frozenset({",", "and", "so", "then", "but", "plus"})
# Times long gone: "years ago", "last month", "in the 1990s" ("decades").
LONG_AGO = frozenset({"year", "years", "month", "months", "decades"})
THIRD_PERSON = frozenset({"he", "his", "him", "she", "her", "they", "their", "them"})


def negation_stops(sentence: Sentence, after: int, before: int) -> bool:
    """Whether a new subject stands between a negation ending at `after` and a sign word
    at `before`, so the negation is over by then."""
    tokens = sentence.tokens
    return any(tokens[n] in _SUBJECTS and tokens[n - 1] not in _TAKES_A_CLAUSE
               for n in range(max(after, 1), before))


def is_onset(sentence: Sentence, span: tuple[int, int]) -> bool:
    """Whether a past cue ending in "was" / "were" tells a moment: "when I was walking"."""
    tokens = sentence.tokens
    return (tokens[span[1] - 1] in _WAS and span[1] < len(tokens)
            and tokens[span[1]].endswith("ing"))


def is_comparison(sentence: Sentence, span: tuple[int, int]) -> bool:
    """Whether a past cue is what the sign is compared with ("it was fine before the
    procedure", "never happened before the kyphoplasty"): the sign itself is new."""
    tokens = sentence.tokens
    return tokens[span[0]] == "before" and bool(
        _NEW_SINCE.intersection(tokens[max(0, span[0] - NEW_SINCE_REACH):span[0]]))


# (Not "which": "a clot in her leg, which was years ago" tells when the sign was.)
_RELATIVES = frozenset({"who", "whom", "whose"})
# A relative word this close before a time opens the clause the time is told in.
RELATIVE_REACH = 4


def in_relative(sentence: Sentence, span: tuple[int, int], after: int) -> bool:
    """Whether a past cue after the sign (ending at word `after`) is told in a relative
    clause of someone or something else: "keeps asking for his mother who passed in 1998,
    this started today" (the year is the mother's death, not when the confusion began)."""
    return after <= span[0] and not _RELATIVES.isdisjoint(
        sentence.tokens[max(after, span[0] - RELATIVE_REACH):span[0]])


def past_excused(sentence: Sentence, span: tuple[int, int], after: int) -> bool:
    """Whether a past cue does not date the sign ending at word `after`: it tells when the
    sign began, what the sign is compared with, or is told of someone else."""
    return is_onset(sentence, span) or is_comparison(sentence, span) \
        or in_relative(sentence, span, after) or _progression(sentence, span)


# The start of a change told to its present: "streaks at first and now a proper clot".
_AT_FIRST = (["at", "first"], ["initially"], ["to", "begin", "with"], ["in", "the", "beginning"])


def _progression(sentence: Sentence, span: tuple[int, int]) -> bool:
    return sentence.tokens[span[0]:span[1]] in _AT_FIRST and any(
        s >= span[1] for s, _ in sentence.found.get(CUE_PREFIX + "present", ()))


def reported_say(sentence: Sentence) -> list[tuple[int, int]]:
    """The "say he", "say she" cues said after a person, a learner's "says": "my wife say
    she no feel nothing" reports, where "say he gets a fever" supposes."""
    people = {e for _, e in sentence.found.get(CUE_PREFIX + "person", ())}
    return [(s, e) for s, e in sentence.found.get(CUE_PREFIX + "hypothetical", ())
            if sentence.tokens[s] == "say" and s in people]


def no_end_told(sentence: Sentence, span: tuple[int, int],
                reports: list[tuple[int, int]]) -> bool:
    """Whether a resolution cue at `span` tells no end of the sign: denied ("has not
    stopped", "never went away"), when it began ("since they sent me home"), said of the
    time before ("it was fine before"), asked ("is 38.5 temperature normal after ...?",
    where `reports` are the sentence's report cues), or told of lying down only ("gone when
    I'm flat")."""
    tokens = sentence.tokens
    return (span[0] > 0 and tokens[span[0] - 1] in NOT_NEVER
            or "since" in tokens[max(0, span[0] - 2):span[0]]
            or said_of_before(sentence, span)
            or (sentence.asked and tokens[0] in COPULA
                and any(s < span[1] and span[0] < e for s, e in reports))
            # "almost gone when I'm flat on my back": gone while lying, so back on standing.
            or not _LYING.isdisjoint(tokens[span[1]:span[1] + LYING_REACH]))


NOT_NEVER = frozenset({"not", "never"})
_LYING = frozenset({"flat", "lie", "lying", "lay", "laying", "supine", "reclined"})
LYING_REACH = 3
COPULA = frozenset({"is", "are", "was", "were"})


def said_of_before(sentence: Sentence, span: tuple[int, int]) -> bool:
    """Whether a resolution is said of the time before ("it was fine before", "was fine
    until this morning"), not of the sign."""
    # A state ("fine before") is said of the time before; an end ("wore off before they
    # discharged me") is the sign's.
    return sentence.tokens[span[1]:span[1] + 1] in (["before"], ["until"], ["till"]) \
        and sentence.tokens[span[1] - 1] in _STATES


_STATES = frozenset({"fine", "normal", "ok", "okay", "good", "well", "better", "great"})


def tells_now(sentence: Sentence, span: tuple[int, int]) -> bool:
    """Whether a present cue dates the sign: not a "now" of a denial that follows it ("now
    no fever"), nor the "still" of "can I still do it" (even so, not "goes on") or of
    something since long ago."""
    tokens = sentence.tokens
    # (Not "not even", which says more: "not moving her legs at all today, not even when
    # I tickle her feet".)
    if any(t in _NEGATING and tokens[n + 1:n + 2] != ["even"]
           for n, t in enumerate(tokens[:span[1] + DENIAL_REACH]) if n >= span[1]):
        return False
    # "trouble peeing after the catheter in 2019, not now": a now denied; "used to get
    # headaches, none at all now": the now of a denial that names nothing (a sign named
    # after it, "no feeling in my legs now", is that sign's now).
    at = span[0] - 1
    while at >= 0 and tokens[at] in _EMPTY_AFTER_DENIAL:
        at -= 1
    if at >= 0 and span[0] - at <= DENIAL_REACH + 2 and tokens[at] in _NEGATING:
        return False
    # "before the kyphoplasty I couldn't stand up, now pain is 2/10": the now of a mild score.
    if any(span[1] <= s <= span[1] + MILD_REACH for s, _ in sentence.found.get("mild-score", ())):
        return False
    # "..., can I shower now?": the time of what is asked, not of the sign.
    start = _clause_start(sentence, span[0])
    if tokens[start] in _MODALS and tokens[start + 1:start + 2] == ["i"]:
        return False
    # "had a stroke seven years ago and his speech is still slurred": still, since then.
    if tokens[span[0]] == "still" and "ago" in tokens:
        return False
    return not (tokens[span[0]] == "still" and (
        tokens[span[0] - 1:span[0]] and tokens[span[0] - 1] in _MODALS
        or span[0] > 1 and tokens[span[0] - 1] in _SUBJECTS and tokens[span[0] - 2] in _MODALS))


def opens_clause(sentence: Sentence, at: int) -> bool:
    """Whether word `at` is the first of its clause, after any joiners."""
    return _clause_start(sentence, at) == at


def _clause_start(sentence: Sentence, at: int) -> int:
    """The first word of word `at`'s clause after its joiners (`at` at the latest)."""
    start = sentence.clause.index(sentence.clause[at])
    while start < at and sentence.tokens[start] in _JOINERS:
        start += 1
    return start


def habit_of(sentence: Sentence, span: tuple[int, int], sign_clause: int) -> bool:
    """Whether the sign's clause tells what a lasting condition named in the clause before
    brings on, as a habit: "he has dementia, when he sleeps somewhere new he gets confused"."""
    if not _LASTING.intersection(sentence.tokens[span[0]:span[1]]) \
            or sentence.clause[span[0]] not in (sign_clause, sign_clause - 1):
        return False
    start = sentence.clause.index(sign_clause)
    words = [t for t, n in zip(sentence.tokens[start:], sentence.clause[start:], strict=False)
             if n == sign_clause and t not in _JOINERS]
    return bool(words) and words[0] in _HABITUAL


# Conditions the past cue holds, no time that dates a whole sentence.
_CONDITIONS = frozenset({"dementia", "alzheimers", "alzheimer", "neuropathy", "chronic"})
# Before a time put first, it is still first: "Long before the fracture, I had a DVT".
# ...and after a preposition: "In 2015, after a long flight, I had a clot in my calf".
_LEAD = frozenset({"long", "way", "well", "even", "just", "shortly", "in", "back", "around",
                   "during", "a", "few", "couple", "of", "many", "some", "several", NUMBER,
                   "two", "three", "four", "five", "six", "ten"})  # "A few years back", "Two years ago"
# A "when" clause opening on these is told in the past: "When I had ...", "When I broke ...".
_PAST_OPENING = frozenset({"had", "was", "were", "did", "broke", "fell", "got", "went"})


def time_put_first(sentence: Sentence, span: tuple[int, int]) -> bool:
    """Whether a past time opens the sentence, and so dates all of it: put first ("Years
    ago, after a hip replacement, I had a clot"), or in a "when" clause in the past that
    opens it ("When I had my knee done in 2019 ... my legs were numb")."""
    tokens = sentence.tokens
    if _CONDITIONS.issuperset(tokens[span[0]:span[1]]):
        return False  # a condition, no time: "Mum (dementia, had kyphoplasty Mon) just went limp"
    if tokens[:1] == ["when"] and not _PAST_OPENING.isdisjoint(tokens[1:3]) \
            and sentence.clause[span[0]] == 0:
        return True
    return span[0] <= 2 and all(t in _LEAD for t in tokens[:span[0]])


def starts_with_them(sentence: Sentence, number: int) -> bool:
    """Whether clause `number` starts (after its joiners) with a third person word."""
    words = [t for t, n in zip(sentence.tokens, sentence.clause, strict=True) if n == number]
    while words and words[0] in _JOINERS:
        words.pop(0)
    return bool(words) and words[0] in THIRD_PERSON


def opens_with(sentence: Sentence, number: int, words: frozenset[str]) -> bool:
    """Whether clause `number`'s first word is one of `words`."""
    return sentence.tokens[sentence.clause.index(number)] in words


# After a subject, these deny having what came before: "..., but he doesn't have any".
_HAS_NONE = (("does", "not", "have"), ("do", "not", "have"), ("did", "not", "have"),
             ("has", "not", "had"), ("have", "not", "had"), ("has", "no"), ("have", "no"),
             ("does", "not", "get"), ("do", "not", "get"))


_POINTING_BACK = frozenset({"any", "it", "that", "one", "them", "those", "these", "this",
                            "of", "at", "all", "either"})


def denied_later(sentence: Sentence, sign_clause: int) -> tuple[int, int] | None:
    """The words of a later clause that deny the sign to its subject ("worried about chest
    pain, but he doesn't have any"), or None."""
    tokens = sentence.tokens
    for number in sorted({n for n in sentence.clause if n > sign_clause}):
        start = sentence.clause.index(number)
        while start < len(tokens) and tokens[start] in _JOINERS:
            start += 1
        if start >= len(tokens) or sentence.clause[start] != number \
                or tokens[start] not in _SUBJECTS:
            continue
        for words in _HAS_NONE:
            end = start + 1 + len(words)
            rest = [t for t, n in zip(tokens[end:], sentence.clause[end:], strict=False)
                    if n == number]
            # Of what came before, and nothing else: not "hasn't had any alcohol", not
            # "didn't have that before the procedure".
            if tuple(tokens[start + 1:end]) == words and set(rest) <= _POINTING_BACK:
                return start, end
    return None


def told_long_ago(sentence: Sentence, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The time long ago ("years ago", "in 2009") of a sign at `spans` told in the past
    tense (after "was", "were" or "had", or in a past form of its own: "my face swelled
    up"): earlier in the sentence with no present cue between them, or later in its
    clause with no present cue in the sentence; None when it is not so told."""
    tokens, start = sentence.tokens, spans[0][0]
    past_form = any(len(t) > 4 and t.endswith("ed") for s, e in spans for t in tokens[s:e])
    near = range(max(0, start - 2), start)
    # "I had a wound infection" (not "I have had", "I've had": up to now).
    had = any(tokens[n] == "had" and not (n and tokens[n - 1] in _HAVE) for n in near)
    if not (past_form or had or _WAS_WERE.intersection(tokens[n] for n in near)):
        return None
    long_ago = [(s, e) for s, e in sentence.found.get(CUE_PREFIX + "past", ())
                if LONG_AGO.intersection(tokens[s:e]) or tokens[s:e] == [NUMBER]]
    now = sentence.found.get(CUE_PREFIX + "present", ())
    ago = [span for span in long_ago if span[1] <= start]
    if ago and not any(ago[-1][1] <= s < start for s, _ in now):
        return ago[-1]
    # "... after my gallbladder surgery in 2018": the time after the sign, in its clause,
    # and no present cue anywhere in the sentence.
    end, clause = spans[-1][1], sentence.clause
    later = [span for span in long_ago if span[0] >= end and clause[span[0]] == clause[start]]
    return later[0] if later and not now else None


_WAS_WERE = frozenset({"was", "were"})
_HAVE = frozenset({"have", "has", "ve"})


def reaches_back(sentence: Sentence, sign_clause: int, cue_clause: int) -> bool:
    """A resolution cue covers its own clause, and earlier ones across "but it"; a clause
    of what someone said ("but the nurse said it happens") does not stand between when the
    resolution points back at a thing ("and it was back to normal"), not at a person."""
    said = ({sentence.clause[s] for s, _ in sentence.found.get(CUE_PREFIX + "dismissal", ())}
            if refers_to_thing(sentence, cue_clause) else set())
    # A clause giving the sign's reason goes on telling of it: "had chills because the
    # room was cold, fine once they gave me a blanket".
    return all(sentence.refers_back.get(n, False) or (n in said and n < cue_clause)
               or (n == sign_clause + 1 and opens_with(sentence, n, _BECAUSE))
               for n in range(sign_clause + 1, cue_clause + 1))


_BECAUSE = frozenset({"because", "cause", "cos", "coz"})


# After a resolution cue, a word that makes it no end: "gone very quiet", "sent me home
# with", "gone numb"; or says where it went: "it's gone through the dressing".
_UNDOING = frozenset({"with", "very", "quiet", "numb", "tight", "cold", "pale", "white", "grey",
                      "gray", "blue", "red", "weak", "limp", "floppy", "stiff", "hard", "funny",
                      "strange", "weird", "dark", "black", "purple", "yellow", "green", "hot",
                      "quite", "really", "so", "all", "dead", "rigid", "swollen", "through",
                      "into", "onto", "everywhere"})


def undone(sentence: Sentence, span: tuple[int, int]) -> bool:
    """Whether the word after a resolution cue makes it no end ("he's gone very quiet",
    "the pill they sent me home with")."""
    return sentence.tokens[span[1]:span[1] + 1] != [] and sentence.tokens[span[1]] in _UNDOING


# Words that make a risk of what follows them: "can", "might" ("the cement can ... make you").
_RISK_MODALS = frozenset(("can", "could", "may", "might"))
# How many words may stand between "make you" and the sign ("make you really drowsy").
ANYONE_REACH = 3


def risk_of_anyone(sentence: Sentence, start: int, anyone: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The 'make you' before a sign starting at `start`, in its clause after a can / might:
    what may happen to anyone ("the cement can damage the cord and make you paralyzed"),
    not a report ("it hurts so much it makes you cry" has the sign first)."""
    clause = sentence.clause
    for span in anyone:
        if span[1] <= start <= span[1] + ANYONE_REACH and clause[span[0]] == clause[start] \
                and _RISK_MODALS.intersection(sentence.tokens[_clause_start(sentence, start):span[0]]):
            return span
    return None


def corrected(judged: tuple[bool, str, str], sentence: Sentence) -> tuple[bool, str, str]:
    """A sign not counted because of a cue that the writer then takes back ("I thought it
    was old mucus from the cold I had before the procedure, no wait, it's proper red
    blood"): counted after all, as said again after the correction."""
    counts, why, cue = judged
    fixes = sentence.found.get(CUE_PREFIX + "correction", ())
    if counts or not cue or not fixes:
        return judged
    words, tokens = cue.split(), sentence.tokens
    at = next((n for n in range(len(tokens)) if tokens[n:n + len(words)] == words), None)
    if at is None or not any(s >= at + len(words) for s, _ in fixes):
        return judged
    return True, f"reported (the writer takes back the cue \"{cue}\")", cue


def spoken(sentence: Sentence, span: tuple[int, int]) -> str:
    """The words at `span`, as the sentence reads them."""
    return " ".join(sentence.tokens[span[0]:span[1]])


_ELIDED_BE = frozenset({"is", "are", "was", "were"})
_ELIDED_STATES = frozenset({"sat", "stood", "lying", "laid", "slumped", "propped", "curled"})


def elided(sentence: Sentence) -> bool:
    """Whether a sentence opening on "is" / "was" tells a state with its subject left off
    ("is sat bolt upright gasping", "was breathing fast"), not a question ("is chest pain
    normal")."""
    tokens = sentence.tokens
    return len(tokens) > 1 and tokens[0] in _ELIDED_BE and (
        tokens[1] in _ELIDED_STATES or tokens[1].endswith("ing") and len(tokens[1]) > 4)
