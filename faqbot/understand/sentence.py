"""One sentence of a message as the red-flag check reads it: its words, where each word
group and context cue occurs, its clauses (a cue's scope), and what the next sentence says
of it ("Is that normal? Mine does." affirms; "Chest pain? No." denies).

reading.py makes these; safety.py, scope.py, signs.py and patient.py read them.
"""

from __future__ import annotations

import re

from ..kb.model import CUE_PREFIX
from ..records import record
from .numbers import NUMBER, SCORE
from .terms import PAIN

# "Mr. R reports numbness": the full stop of a title ends no sentence (reading.py).
TITLES = frozenset({"mr", "mrs", "ms", "dr", "st", "prof"})
# Words that may join two clauses; before a new subject they end a cue's scope.
_JOINERS = frozenset({",", "and", "so", "then", "because", "cause", "plus", "or", "now", "as"})
# After "and", these go on with a list ("chills and a fever"), "the" may not ("numb and
# the pain went away"); after a comma they may
# start a clause ("no fever, the wound is red").
_DETERMINERS = frozenset({"a", "an", "some"})
# "as" joins a clause only before one of these: "as I have been vomiting", not "as a kid";
# and "or" too: "the nerves or the spinal cord" goes on naming things.
_SUBJECTS = frozenset({"i", "he", "she", "they", "we", "it"})
# After "but", a clause starting with one of these refers back ("had chills but they
# went away"), so a resolution cue there still covers what came before.
_BACK_REFERENCE = frozenset({"it", "its", "that", "this", "they", "those", "these", "which",
                             "all", "he", "she", "i"})
# Words that may open a sentence before its resolution: "Completely gone since".
_OPENING_ADVERBS = frozenset({"completely", "totally", "all", "fully", "it", "its", "has", "had",
                              "was", "and", "but", "then", "is", "now", "been", "that"})
# ...and ending there, or going on only to say since when: not "It's gone tight", "It's
# better if I lie down", "It was fine before Tuesday"; nor "I'm fine" (the person, not the
# sign, after a faint).
_AFTER_AN_END = ([], ["now"], [","], ["since"], ["again"], ["and"], ["by"], ["within"],
                 ["ever"], ["for"], ["after"], ["the"], ["all"],
                 # ...or saying when it ended: "Went away as soon as I stood up".
                 ["as"], ["when"], ["once"])
_PEOPLE = frozenset({"i", "am", "he", "she", "we", "they", "me"})
# "Boiler's fixed, no more shivering": a resolution opening a clause of its own.
_CLAUSE_OPENERS = frozenset({",", "and"})
# A sentence made only of these answers the one before with a no: "chills? no."
_NO = frozenset({"no", "nope", "nah", "none", "negative"})
_ANSWER_NO = _NO | {"not", "really", "never", ","}
# An affirmation ("mine has") followed by one of these is a denial ("mine has no streaks").
_NO_AFTER = (["not"], ["no"], ["never"], ["none"], ["nothing"])
_PLAYED_DOWN = (["just"], ["only"], ["barely"], ["hardly"], ["perfectly"], ["fine"], ["normal"],
                ["ok"], ["okay"], ["clean"], ["totally"], ["completely"], ["healing"], ["good"],
                ["great"], ["dry"], ["little"], ["tiny"],  # "Mine is a little pink dot with a scab"
                ["week"], ["weeks"], ["day"], ["days"], ["fortnight"])  # "Mine is a week out"
_WARDING = frozenset({"stop", "prevent", "avoid"})
_OBJECTS = (["the"], ["a"], ["an"], ["his"], ["her"], ["my"], ["some"], ["everything"], ["it"])
_HAVING, _WHEN_AFTER = (["have"], ["has"], ["get"], ["feel"]), (["next"], ["on"], ["tomorrow"], ["booked"])
# Answers to a list of signs, opening the sentence after it (after "I said", "she said").
# The answer is the whole sentence: "I said no to all the visitors" denies nothing.
_LIST_DENIALS = (("no", "to", "all"), ("no", "to", "all", "of", "them"),
                 ("no", "to", "all", "of", "those"), ("no", "to", "all", "of", "these"),
                 ("no", "to", "everything"), ("no", "to", "each", "one"),
                 ("no", "to", "them", "all"), ("no", "to", "every", "one"))
# After a question about a sign, a sentence opening so says the asker has none.
_DENIALS = (("i", "do", "not", "have"), ("i", "have", "not", "had"), ("i", "have", "no"),
            ("i", "have", "not", "got"), ("i", "do", "not", "get"), ("i", "have", "none"))


@record(frozen=False)
class Sentence:
    """One sentence's words, where each word group occurs in it and its clauses."""

    tokens: list[str]
    # group -> (start, end) word spans, in order
    found: dict[str, list[tuple[int, int]]]
    clause: list[int]
    # clause number -> whether the boundary before it is a "but it" that refers back
    refers_back: dict[int, bool]
    # clause numbers that start with a termination word ("but"): no sign reaches over one
    hard: frozenset[int] = frozenset()
    # The next sentence affirms this one ("What does it mean? Mine does.")
    affirmed: bool = False
    # The next sentence is only a "no" answering this one ("fever? no. chills? no.")
    denied: bool = False
    # The next sentence says it is over ("My foot fell asleep. I shook it out and it's
    # fine now.").
    resolved_next: bool = False
    # The sentence ends with a question mark.
    asked: bool = False
    # The sentence ends at a line break with no stop before it: a burst of one thought
    # per line goes on in the next line (fragments.py).
    line_end: bool = False
    # A later sentence tells of a fracture ("... felt a sudden pain in her back. The x-ray
    # showed a compression fracture."): what it told was how the fracture began.
    fracture_later: bool = False
    # The next sentence gives a normal temperature, and no fever: the latest reading.
    read_again: bool = False
    # Words of a longer vocabulary term after its first: a term is one unit of meaning,
    # so "bleeding from where they put the needle won't stop" has the sign's parts three
    # units apart, not seven words.
    inner: frozenset[int] = frozenset()

    @property
    def text(self) -> str:
        return " ".join(t for t in self.tokens if t not in (SCORE, NUMBER))


# After "gone", these still tell of an end ("gone away", "gone completely"), not of what
# it became.
_NO_TOKENS = frozenset({SCORE, NUMBER, ",", "away", "off", "down", "completely", "totally"})


def became(sentence: Sentence, span: tuple[int, int]) -> bool:
    """Whether a resolution cue ending in "gone" goes on to say what it became: "it's
    gone angry red", "has gone hard", not "is gone now"."""
    tokens = sentence.tokens
    return tokens[span[1] - 1] == "gone" and span[1] < len(tokens) \
        and tokens[span[1]:span[1] + 1] not in _AFTER_AN_END and tokens[span[1]] not in _NO_TOKENS


# "Should the dressing be soaking through? It's dripping onto the floor": the next sentence
# goes on telling it as it happens. "... for the one calf to be swollen? The other one is
# grand": the other side, so this one is someone's own.
_GOING_ON = (["it", "is"], ["she", "is"], ["he", "is"], ["they", "are"], ["it", "keeps"])
_SIDES = frozenset({"one", "side", "leg", "calf", "foot", "arm", "hand", "eye", "knee", "ankle"})


def _goes_on(after: Sentence) -> bool:
    tokens = after.tokens
    if tokens[:2] == ["the", "other"]:
        return tokens[2:3] != [] and tokens[2] in _SIDES
    return tokens[:2] in _GOING_ON and tokens[2:3] != [] and tokens[2].endswith("ing") and any(
        s == 2 for group, spans in after.found.items() if not group.startswith(CUE_PREFIX)
        for s, _ in spans)


def not_an_end(sentence: Sentence, span: tuple[int, int]) -> bool:
    """Whether a resolution cue tells no end of the sign: said only of a posture right after
    it ("it's fine lying flat but the minute I sit up it's splitting": a headache that comes
    upright), or of what the sign is likened to ("a pong, like meat that's gone off")."""
    likened = any(0 <= span[0] - e <= LIKENED_REACH for _, e in sentence.found.get(_LIKENESS, ()))
    # "my left calf is all swollen up ... the other one is normal" (or "right one looks
    # normal"): said of the other side.
    before = sentence.tokens[max(0, span[0] - LIKENED_REACH):span[0]]
    other = "other" in before or any(
        side in _LEFT_RIGHT and part in _SIDES for side, part in zip(before, before[1:], strict=False))
    return likened or other or (not _STATES.isdisjoint(sentence.tokens[span[0]:span[1]]) and any(
        s == span[1] for s, _ in sentence.found.get(_UPRIGHT, ())))


_LEFT_RIGHT = frozenset({"left", "right"})
# A likeness ("like") this few words before a resolution is what it is said of.
LIKENED_REACH = 3
_LIKENESS = "likeness"


# A resolution that is a state ("is fine"), not an end ("went the second I stood up").
_STATES = frozenset({"fine", "ok", "okay", "better", "good", "alright", "normal"})


def link_neighbours(out: list[Sentence]) -> None:
    """Mark each sentence with what the one after it says of it, and whether a later one
    tells of a fracture."""
    told = False
    for sentence in reversed(out):
        sentence.fracture_later = told
        told = told or CUE_PREFIX + "fracture-told" in sentence.found
    for before, after in zip(out, out[1:], strict=False):
        # "... turn yellow? Mine is fading": affirmed, and over. "Is a bad headache
        # normal? My neck is stiff too": a sign of one's own, too.
        # "Mine has no streaks": a denial; "mine is next thurs": the procedure's date.
        said_no = [after.tokens[end:end + 1] in _NO_AFTER
                   for _, end in after.found.get(CUE_PREFIX + "affirmation", ())]
        # "The paper says call if redness spreads. Mine is just a small pink ring", "...
        # fever over 38. Mine is 36.9", "Mine is perfectly fine": played down, or a normal
        # reading, affirms nothing.
        # "How do I stop that happening to me?": warded off, not had.
        before.affirmed = CUE_PREFIX + "resolved" not in after.found \
            and "normal-temperature" not in after.found and (any(
            (after.tokens[end:end + 1] not in _NO_AFTER + _WHEN_AFTER + _PLAYED_DOWN
             or after.tokens[end:end + 3] == ["on", "and", "off"])  # "has had it on and off"
            # "Mine are both fine": played down a word later.
            and after.tokens[end + 1:end + 2] not in _PLAYED_DOWN
            # "Mine does." affirms, "he does the crossword like always" tells of something else.
            and not (after.tokens[end - 1] == "does" and after.tokens[end:end + 1] in _OBJECTS)
            and _WARDING.isdisjoint(after.tokens[max(0, start - 3):start])
            for start, end in after.found.get(CUE_PREFIX + "affirmation", ()))
            or (after.tokens[:1] == ["my"] and after.tokens[-1:] == ["too"]) or _goes_on(after))
        # ...said of "it", and ending there: not "it's gone tight", "it's better if".
        # "Completely gone since ...", "Settled by the time we got in": a sentence opening
        # on a resolution (past an adverb or two) says it of the one before.
        # ("She says it's fine and to stop fussing": someone playing it down.)
        before.resolved_next = CUE_PREFIX + "recurrence" not in after.found \
            and CUE_PREFIX + "dismissal" not in after.found and any(
            (s and after.tokens[s - 1] in _BACK_REFERENCE | _CLAUSE_OPENERS
             and (after.tokens[e:e + 1] in _AFTER_AN_END or after.tokens[e - 1] == "more"))
            or (all(t in _OPENING_ADVERBS for t in after.tokens[:s])
                and after.tokens[e:e + 1] in _AFTER_AN_END
                and _PEOPLE.isdisjoint(after.tokens[s:e]))
            for s, e in after.found.get(CUE_PREFIX + "resolved", ())
            # ("This started in the evening, before it was fine": how it was before.)
            if "before" not in after.tokens[max(0, s - 3):s])
        # "Thermometer said 38.2 ... Waited 20 minutes and it said 36.9": the later reading.
        before.read_again = "normal-temperature" in after.found and not (
            {"fever-number", "fever-number-maybe"} & after.found.keys())
        # "Chest pain? No, none of that": a no standing alone, or before a comma.
        before.denied = bool(after.tokens) and after.tokens[0] in _NO and (
            all(t in _ANSWER_NO for t in after.tokens) or after.tokens[1] == ",") or (
            # "Should I worry about chest pain? I don't have any, just asking."
            before.asked and any(tuple(after.tokens[:len(p)]) == p for p in _DENIALS)) or (
            # "The nurse read me the list: chest pain, fever, ... I said no to all of them."
            # ("..., and she said I'm doing great": the answer ends at a comma or "and".)
            any(tuple(after.tokens[n:n + len(p)]) == p
                and after.tokens[n + len(p):n + len(p) + 1] in ([], [","], ["and"])
                for p in _LIST_DENIALS for n in (0, 2)
                if n == 0 or after.tokens[1:2] in (["said"], ["answered"]))) or (
            # "mine has no ...", "she doesn't have it": not "he doesn't mean it".
            bool(said_no) and all(said_no) and all(
                after.tokens[start] == "mine" or after.tokens[end + 1:end + 2] in _HAVING
                for start, end in after.found.get(CUE_PREFIX + "affirmation", ())))
    # "What's sputum? Is that like phlegm? I've not got any": the no answers every
    # question in the run before it.
    for before, after in zip(reversed(out[:-1]), reversed(out[1:]), strict=True):
        if before.asked and after.asked and after.denied:
            before.denied = True


def clauses_of(tokens: list[str], found: dict[str, list[tuple[int, int]]]
             ) -> tuple[list[int], dict[int, bool], frozenset[int]]:
    """Each word's clause number: a termination word ("but") starts a clause, and so does
    a joiner ("," "and") before a new subject ("my", "she", "the")."""
    starts = {s for s, _ in found.get(CUE_PREFIX + "clause-start", ())}
    # After a comma a question starts a clause too: "coughing up foam, what do we do".
    asks = {s for s, _ in found.get(CUE_PREFIX + "question-start", ())}
    breaks: dict[int, bool] = {}
    terminations = set()
    # "out of it after the sedation but back to normal by dinner": a resolution right
    # after "but" is about what came before it.
    resolved = {s for s, _ in found.get(CUE_PREFIX + "resolved", ())}
    for start, end in found.get(CUE_PREFIX + "termination", ()):
        breaks[start] = _points_back(tokens, end) or end in resolved
        terminations.add(start)
    for start, _end in found.get(CUE_PREFIX + "yardstick-start", ()):
        # "..., like the time he had his heart attack in 2009": the yardstick's own clause.
        if start and start not in breaks:
            breaks[start] = False
    for i, token in enumerate(tokens):
        if token in _JOINERS and (i + 1 in starts or (token == "," and i + 1 in asks)) \
                and i not in breaks and (token != "as" or tokens[i + 1] in _SUBJECTS) \
                and not (token in ("and", "or") and tokens[i + 1] in _DETERMINERS) \
                and not (token == "or" and tokens[i + 1] not in _SUBJECTS):
            # ", then totally normal again": a resolution opening it is about what came before.
            breaks[i] = _points_back(tokens, i + 1) or bool({i + 1, i + 2} & resolved)
    clause: list[int] = []
    refers_back: dict[int, bool] = {}
    hard: set[int] = set()
    number = 0
    for i in range(len(tokens)):
        if i in breaks and i:
            number += 1
            refers_back[number] = breaks[i]
            if i in terminations:
                hard.add(number)
        clause.append(number)
    return clause, refers_back, frozenset(hard)


def _points_back(tokens: list[str], at: int) -> bool:
    """Whether the clause starting at `at` refers back to what came before: "but it",
    ", then it was fine", ", does that run in families" (past joiners, within two words)."""
    while at < len(tokens) and tokens[at] in _JOINERS:
        at += 1
    # "temp was 36.9 yesterday but 38.6 this morning": a reading of the same thing.
    return any(t in _BACK_REFERENCE or t == NUMBER for t in tokens[at:at + 2])


# Pronouns for the legs named in the sentence before: "My legs are being lazy today. I
# can't get them to move at all."
_LEGS_BACK = frozenset({"them", "they"})
# Groups a sentence may leave to the one before.
_SCORE_GROUP = "severe-score"
# A headache named, then when it comes, told of "it": "Bit of a headache. It's only when I
# get up out of bed, it's awful then."
_HEADACHE, _UPRIGHT, _CALF, _VOMIT, _VOMIT_LONG = "headache", "upright", "calf", "vomit", "vomit-long"


def carry_back(out: list[Sentence]) -> None:
    """Let a sentence lean on the one before for what it leaves unsaid: "them" / "they"
    for the legs it named, a bare pain score for the pain it told ("A bit sore. Well,
    actually it's about a 9."), an "it" that comes on when upright for the headache it
    told, and a side ("Left is hot and tender") for the calf it named. What is carried is
    an empty span (at the score, the "it", the side), so it is a part of its own that puts
    no words between the two."""
    for before, after in zip(out, out[1:], strict=False):
        if "legs" in before.found and "legs" not in after.found:
            spans = [(n, n + 1) for n, token in enumerate(after.tokens) if token in _LEGS_BACK]
            if spans:
                after.found["legs"] = spans
        if PAIN in before.found and PAIN not in after.found and _SCORE_GROUP in after.found:
            after.found[PAIN] = [(s, s) for s, _ in after.found[_SCORE_GROUP]]
        if _CALF in before.found and _CALF not in after.found \
                and after.tokens[:1] in (["left"], ["right"], ["it"]):
            # "Left calf measured 41 cm, right calf 36 cm. Left is hot, tight and tender."
            after.found[_CALF] = [(0, 0)]
        if _VOMIT in before.found and _VOMIT not in after.found and after.tokens[:1] == ["it"] \
                and _VOMIT_LONG in after.found:
            # "How long is normal to be vomiting after? It's been since Tuesday, still ..."
            after.found[_VOMIT] = [(0, 0)]
        if _HEADACHE in before.found and _HEADACHE not in after.found \
                and _UPRIGHT in after.found:
            # Carried to the "it" that stands for it, which the words after it tell of.
            # ("... normal after kyphoplasty? mine is a 9 when I'm standing": "mine" too.)
            told = [n for n, token in enumerate(after.tokens) if token in ("it", "mine")
                    and any(n < s for s, _ in after.found[_UPRIGHT])]
            if told:
                after.found[_HEADACHE] = [(told[0], told[0])]


# A message of clipped fragments ("cough. blood in it. red. third time today.") is one
# report in telegraphese: its full stops are pauses. Each fragment has at most this many
# words, and none opens on a denial, whose scope a comma would stretch over the next one
# ("No fever. Legs numb.").
FRAGMENT_WORDS = 4
_FRAGMENT_DENIALS = frozenset({"no", "not", "never", "none", "nothing", "nope", "without"})


def telegraphic(folded: str) -> str:
    """`folded` with its full stops made commas when it is all clipped fragments."""
    if folded.count(" ") > (FRAGMENT_WORDS + 1) * (folded.count(".") + 1):
        return folded  # (more words than fragments hold: most messages stop here)
    pieces = [p.split() for p in re.split(_STOP, folded)]
    pieces = [p for p in pieces if p]
    if len(pieces) < 2 or any(len(p) > FRAGMENT_WORDS or p[0] in _FRAGMENT_DENIALS
                              for p in pieces):
        return folded
    return re.sub(_STOP, ",", folded)


_STOP = r"\.(?!\d)"  # not a decimal point: "38.4. chills."


def noted_days(folded: str) -> str:
    """A clinical note's "T8 kyphoplasty 2/7 ago" (two days), "3/52 ago" (three weeks)."""
    if "/7 ago" not in folded and "/52 ago" not in folded:
        return folded
    return re.sub(r"\b(\d{1,2})/(7|52) ago\b",
                  lambda m: f"{m.group(1)} {'days' if m.group(2) == '7' else 'weeks'} ago", folded)
