"""Who the patient is, as far as a message tells: the people it ties to the procedure
("Mum's having kyphoplasty", "my dad after his procedure"), and whether the asker sets
themselves apart from the people it names, or from the patient.

The red-flag check (safety.py) reads this once a message: a sign of a relative the message
does not tie to the procedure, when it ties another, is that relative's ("my son has flu,
and I'm looking after Dad after his kyphoplasty"); a caregiver's own sign, told as such
("I'm her carer and I've a fever myself"), is the caregiver's.
"""

from __future__ import annotations

from ..kb.model import CUE_PREFIX, Sign
from ..records import record
from .dialect import BODY_PARTS
from .scope import THIRD_PERSON
from .sentence import Sentence
from .writer import addresses_reader, introduces_writer, writes_for

# In a question, these ask what is to come: its "after the procedure" is not done yet.
_AHEAD = frozenset({"will", "once", "soon", "can", "could", "should"})
# A person word this many words or fewer before one of these is the patient.
TIE_REACH = 5
# ("I told him he's worse than me after my op": the asker is the patient.) safety.py dates
# signs by the same words.
PROCEDURE_WORDS = frozenset({"op", "operation", "surgery", "procedure", "kyphoplasty"})
# "she is not the patient", "I'm the husband, not the patient": a person word this many
# words or fewer before these is not the patient.
_NOT_THE_PATIENT = ("not", "the", "patient")
# One spelling for each person: "her" and "she" are one person, "mum" and "mother" too.
_SAME = {
    "her": "she", "hers": "she", "his": "he", "him": "he", "their": "they", "them": "they",
    "my": "i", "me": "i", "mine": "i", "myself": "i",
    "mom": "mum", "mother": "mum", "mama": "mum", "father": "dad", "papa": "dad",
    "grandmother": "grandma", "granny": "grandma", "nana": "grandma",
    "grandfather": "grandpa", "hubby": "husband",
}
PRONOUNS = frozenset({"i", "she", "he", "they", "we", "us", "our"})
# A first person word this close before a part of a sign makes it the patient's own,
# whoever else the sentence names ("my neighbour noticed my lips are blue").
OWN_REACH = 2
# ...or a "my" this many words after it, with only words of where between ("in the middle
# of my back").
SITE_AFTER_REACH = 6
_WHERE_WORDS = frozenset({"in", "on", "of", "at", "down", "across", "around", "round", "up",
                          "through", "the", "middle", "lower", "upper", "low", "top", "bottom",
                          "left", "right", "side", "base", "centre", "center", "back"})
# "me" is left out: "a man told me his legs went numb" is still his story.
FIRST_PERSON = frozenset({"i", "my", "myself", "mine"})
# Words for the asker (or asker and others) among the person cues.
ASKER = frozenset({"i", "me", "my", "myself", "mine", "we", "us", "our"})


def same_person(word: str) -> str:
    """The one spelling of a person word ("mother" -> "mum", "his" -> "he")."""
    return _SAME.get(word, word)


@record
class Patient:
    """What a message says of who the patient is."""

    # The people tied to the procedure, each in its one spelling ("mum", "she", "i").
    tied: frozenset[str] = frozenset()
    # The words by which the asker sets themselves apart from a relative they named ("I'm
    # the one having it"), or "".
    apart: str = ""
    # The words by which the asker says they are not the patient ("I'm her carer"), or "".
    not_me: str = ""
    # The people the message says are not the patient ("she is not the patient").
    untied: frozenset[str] = frozenset()
    # The words by which the asker gives their role ("I'm the caregiver"), or "".
    carer: str = ""
    # The message speaks of the procedure only as ahead ("booked in for Monday"), or of
    # the fracture with no word of a procedure done ("the pain from my fracture").
    awaiting: bool = False

    @property
    def named(self) -> frozenset[str]:
        """The tied people named by a noun ("mum", "dad"), not only by a pronoun."""
        return frozenset(p for p in self.tied if p not in PRONOUNS)


def patient_of(sentences: list[Sentence]) -> Patient:
    """Who the message ties to the procedure, and how the asker stands to them."""
    tied: set[str] = set()
    untied: set[str] = set()
    for sentence in sentences:
        tokens = sentence.tokens
        people = sorted(s for s, _ in sentence.found.get(CUE_PREFIX + "person", ()))
        for at, token in enumerate(tokens):
            if tuple(tokens[at:at + 3]) == _NOT_THE_PATIENT:
                # "she is not the patient", "I'm the husband, not the patient".
                for n in people:
                    if at - TIE_REACH <= n < at:
                        untied.update(_with_named(tokens, people, n))
            if token not in PROCEDURE_WORDS:
                continue
            for n in people:
                if not at - TIE_REACH <= n < at:
                    continue
                # The asker only by "my procedure" (or "my back procedure"): not the "me"
                # of "not recognise me after the procedure", nor the "my" of "my mum's".
                if same_person(tokens[n]) == "i" and (
                        tokens[n] != "my" or at - n > 2 or n + 1 in people):
                    continue
                tied.update(_with_named(tokens, people, n))
    not_me = _first(sentences, "asker-not-patient") or (
        "not the patient" if "i" in untied else "")
    # "When can I go back to work after kyphoplasty?": a question of what is to come.
    done = [s for s in sentences if _own_done(s) and not (s.asked and _AHEAD.intersection(s.tokens))]
    awaiting = bool(_first(sentences, "procedure-ahead") or _first(sentences, "fracture-told")) \
        and not done
    carer = _first(sentences, "asker-carer")
    return Patient(frozenset(tied - untied), _first(sentences, "asker-apart"), carer or not_me,
                   frozenset(untied), carer, awaiting)


def _with_named(tokens: list[str], people: list[int], n: int) -> list[str]:
    """The person at word `n`, and for "she", "he" or "they" the person named last before
    it too ("my mom ... after her procedure")."""
    word = same_person(tokens[n])
    if word not in ("she", "he", "they"):
        return [word]
    named = [same_person(tokens[m]) for m in people
             if m < n and same_person(tokens[m]) not in PRONOUNS]
    return [word, *named[-1:]]


def own_person_between(sentence: Sentence, start: int, end: int) -> bool:
    """Whether someone of the asker's ("my husband") is named between words `start` and
    `end`: whoever told the sign, it is that person's. (Not "I": "a character on the
    drama I watch got slurred speech".)"""
    tokens = sentence.tokens
    return any(start <= s < end and tokens[s - 1:s] in (["my"], ["our"])
               for s, _ in sentence.found.get(CUE_PREFIX + "person", ()))


def person_before(sentence: Sentence, start: int) -> str | None:
    """The person word nearest before word `start` in the sentence, in its one spelling."""
    people = [s for s, _ in sentence.found.get(CUE_PREFIX + "person", ()) if s < start]
    return same_person(sentence.tokens[max(people)]) if people else None


def _named_for(sentence: Sentence, start: int) -> str | None:
    """person_before, with a "he" or "she" taken as the one named before it of that
    gender: "my brother in Spain says his calf swelled up" is the brother's."""
    person = person_before(sentence, start)
    if person not in ("he", "she"):
        return person
    # ...named before the first such word: in "she called me by my aunt's name, and
    # she didn't know the year" she is not the aunt.
    gender = _gender(person)
    pronouns = [n for n, t in enumerate(sentence.tokens) if _GENDER_OF_PRONOUN.get(t) == gender]
    if not pronouns:
        return person
    named = [same_person(sentence.tokens[s])
             for s, _ in sentence.found.get(CUE_PREFIX + "person", ())
             if s < pronouns[0] and same_person(sentence.tokens[s]) not in PRONOUNS]
    return named[-1] if named and _gender(named[-1]) == gender else person


def _first(sentences: list[Sentence], group: str) -> str:
    return next((" ".join(s.tokens[a:b]) for s in sentences
                 for a, b in s.found.get(CUE_PREFIX + group, ())), "")


def whose(sentence: Sentence, spans: list[tuple[int, int]],
           patient: Patient, *, emergency: bool = True) -> tuple[str, str] | None:
    """Why the sign is someone's other than the patient's, by who the message says the
    patient is, and the words that say so; None when it may be theirs. `emergency`: the
    sign's tier is the emergency one, which a carer's own sign keeps."""
    first = spans[0][0]
    person = _named_for(sentence, first)
    owned = owned_by_asker(sentence, spans)
    if patient.apart and not owned and person not in patient.tied:
        for span in sentence.found.get(CUE_PREFIX + "person", ()):
            word = sentence.tokens[span[0]]
            if (sentence.clause[span[0]] == sentence.clause[first] and span[1] <= first
                    and word not in ASKER):
                return "about someone the asker sets apart from themselves", \
                    f"{word} ... {patient.apart}"
    if person in patient.untied and person != "i" and not owned:
        return "about someone the message says is not the patient", f"{person} ... not the patient"
    # "my son has flu (he's 8); I'm looking after Dad after his kyphoplasty".
    if ((patient.named or "i" in patient.tied) and person is not None
            and person not in patient.tied
            and person not in _PERSON_WORDS and not owned):
        return ("about someone other than the patient",
                f"{person} ... the patient: {', '.join(sorted(patient.named or patient.tied))}")
    # "I'm Mum's carer and I've a fever of 38.4 myself".
    if (patient.not_me and (patient.tied or "i" in patient.untied) and "i" not in patient.tied
            and (owned or person == "i")):
        return "about the asker, who is not the patient", patient.not_me
    # "I'm the caregiver and I have a cold with chills; Dad is fine": the carer's own, told
    # as such. (An emergency of the carer's own still gets the emergency message.)
    if patient.carer and not emergency and "i" not in patient.tied \
            and (owned or person == "i") and not _observed(sentence, first):
        return "about the asker, who is not the patient", patient.carer
    return None


# "I noticed red lines ...": the asker sees the sign, it is not theirs.
_SEEING = frozenset({"noticed", "notice", "saw", "see", "seen", "found", "spotted", "checked",
                     "looked", "look", "think", "thought", "changed", "changing"})


def _observed(sentence: Sentence, start: int) -> bool:
    """Whether the person word nearest before word `start` is an "I" who sees the sign."""
    people = [s for s, _ in sentence.found.get(CUE_PREFIX + "person", ()) if s < start]
    return bool(people) and sentence.tokens[max(people) + 1:max(people) + 2] != [] and \
        sentence.tokens[max(people) + 1] in _SEEING


# Person words that stand for whoever was named last: the patient, as far as we know.
_PERSON_WORDS = frozenset({"i", "she", "he", "they", "we", "us", "our", "patient"})


def owned_by_asker(sentence: Sentence, spans: list[tuple[int, int]]) -> bool:
    """A first person word just before a part of the sign, not "my" of "my brother"."""
    tokens = sentence.tokens
    people = {s for s, _ in sentence.found.get(CUE_PREFIX + "person", ())
              if tokens[s] not in ASKER}
    # "my friend coughs", "my screenplay's hero faints": the "my" is theirs.
    people |= {s for s, _ in sentence.found.get(CUE_PREFIX + "other-person", ())}
    if any(tokens[n] in FIRST_PERSON and not any(n <= p < s for p in people)
           for s, _ in spans for n in range(max(0, s - OWN_REACH), s)):
        return True
    # "... sudden horrendous pain in the middle of my back": the site named after the sign.
    end = max(e for _, e in spans)
    for n in range(end, min(len(tokens), end + SITE_AFTER_REACH)):
        if tokens[n] == "my":
            return sentence.clause[n] == sentence.clause[end - 1] \
                and tokens[n + 1:n + 2] != [] and tokens[n + 1] in BODY_PARTS
        if tokens[n] not in _WHERE_WORDS:
            return False
    return False


# A person's gender, where the word tells it: "she" cannot be "her brother".
_MALE = frozenset({"he", "dad", "husband", "son", "brother", "uncle", "grandpa", "nephew",
                   "boyfriend", "man", "guy", "gentleman", "grandson", "king", "sir", "mr"})
_FEMALE = frozenset({"she", "mum", "wife", "daughter", "sister", "aunt", "grandma", "niece",
                     "girlfriend", "woman", "lady", "granddaughter", "queen", "madam", "mrs"})


def _gender(word: str) -> str:
    word = same_person(word)
    return "m" if word in _MALE else "f" if word in _FEMALE else ""


def other_gender(sentence: Sentence, span: tuple[int, int], start: int) -> bool:
    """Whether the sign at word `start` is told of a "she" or "he" after the person at
    `span` who cannot be them: "she calls me by her brother's name and she is slurring"."""
    named = _gender(sentence.tokens[span[1] - 1])
    pronouns = [_gender(t) for t in sentence.tokens[span[1]:start] if t in ("she", "he")]
    return bool(named and pronouns and pronouns[-1] != named)


_GENDER_OF_PRONOUN = {"she": "f", "her": "f", "he": "m", "his": "m", "him": "m"}


# After a being, words that make it the subject of what follows: "her friend thinks she
# has a clot" is the friend's.
_SUBJECT_VERBS = frozenset({"says", "said", "thinks", "thought", "reckons", "told", "has",
                            "had", "is", "was", "got", "feels", "felt"})


def told_of_another(sentence: Sentence, span: tuple[int, int], start: int) -> bool:
    """Whether the sign at word `start` is told of someone other than the being at `span`:
    "my neighbour noticed my husband's calf is swollen" is his, "Mum was brushing the cat
    when she went numb" hers; a being the message opens by addressing is the reader ("Mate
    my old man just keeled over")."""
    return own_person_between(sentence, span[1], start) or _told_of_first(sentence, span, start) \
        or introduces_writer(sentence.tokens, span) or writes_for(sentence.tokens, span) \
        or addresses_reader(sentence.tokens, span)


def _told_of_first(sentence: Sentence, span: tuple[int, int], start: int) -> bool:
    """Whether the sign at word `start` is told of a "she" or "he" after the other being
    at `span` that is the sentence's first person, named before the being and not of its
    gender, the being no subject of its own: "Mum screamed when she bent to put the cat
    bowl down and she can't move her legs" is Mum's."""
    tokens = sentence.tokens
    pronouns = [_GENDER_OF_PRONOUN[t] for t in tokens[span[1]:start] if t in ("she", "he")]
    others = {s for s, _ in sentence.found.get(CUE_PREFIX + "other-person", ())}
    named = [_gender(tokens[s]) for s, _ in sorted(sentence.found.get(CUE_PREFIX + "person", ()))
             if s < span[0] and s not in others and _gender(tokens[s])]
    return bool(pronouns and named and pronouns[0] == named[0]
                and _gender(tokens[span[1] - 1]) != named[0]
                and not _SUBJECT_VERBS.intersection(tokens[span[1]:span[1] + 1]))


def _own_done(sentence: Sentence) -> bool:
    """Whether the sentence tells of a procedure done, not of someone else's ("My
    brother-in-law had kyphoplasty and says it didn't help him")."""
    others = sentence.found.get(CUE_PREFIX + "other-person", ())
    clause = sentence.clause
    # "I've had this broken bone in my back since ...": what was had is the fracture.
    fractures = {s for s, _ in sentence.found.get(CUE_PREFIX + "fracture-told", ())}
    return any(not any(o < start and clause[o] == clause[start] for o, _ in others)
               and end not in fractures
               for start, end in sentence.found.get(CUE_PREFIX + "procedure-done", ()))


def fracture_own(sign: Sign, sentence: Sentence, patient: Patient) -> bool:
    """Whether a sign is the fracture's own, from before the procedure: the message awaits
    it, and the pain neither came on suddenly nor is worse ("worse than the original
    fracture") nor is told with an onset word; or it came on suddenly, with no present
    cue, before the message tells of the fracture it turned out to be ("she felt a sudden
    pain in her back. The x-ray showed a compression fracture.")."""
    if not patient.awaiting or CUE_PREFIX + "recurrence" in sentence.found:
        return False
    if sentence.fracture_later and CUE_PREFIX + "present" not in sentence.found:
        return True
    return "abrupt" not in sign.parts and CUE_PREFIX + "onset" not in sentence.found


# Words of the teller inside a sign: "who gets her cat after I'm gone" is the teller's.
_FIRST_PERSON = frozenset({"i", "me", "my", "myself"})


def always_others(sentence: Sentence, spans: list[tuple[int, int]],
                  own: set[int]) -> tuple[int, int] | None:
    """For a concept counted in any sentence (suicide): the words naming someone or
    something else it is told of, or None. Either the one named nearest before the sign
    ("... a film where the main character wanted to end it all"), or a film, a book or
    someone else in the sign's clause with nobody's own word in it ("the suicide squad
    movie was so bad")."""
    first = spans[0][0]
    others = sentence.found.get(CUE_PREFIX + "other-person", [])
    before = [span for span in others if span[1] <= first]
    people = sentence.found.get(CUE_PREFIX + "person", [])
    nearest_person = max((s for s, _ in people if s < first), default=-1)
    # "who gets her cat after I'm gone": a sign told in the first person is the teller's.
    told_by_self = any(t in _FIRST_PERSON for s, e in spans for t in sentence.tokens[s:e])
    if before and before[-1][0] > nearest_person and not owned_by_asker(sentence, spans) \
            and not told_by_self:
        return before[-1]
    inside_clause = [span for span in others if sentence.clause[span[0]] in own]
    clause_words = {t for t, n in zip(sentence.tokens, sentence.clause, strict=True) if n in own}
    if inside_clause and not clause_words & (ASKER | THIRD_PERSON):
        return inside_clause[0]
    return None


# Words that liken what follows to the sign ("like somebody sat on me", "sick as a dog").
_LIKENING = (("like",), ("as", "a"), ("as", "an"), ("like", "a"), ("like", "an"))


def likens(tokens: list[str], start: int) -> bool:
    """Whether the words before `start` liken rather than name someone."""
    return any(tuple(tokens[max(0, start - len(w)):start]) == w for w in _LIKENING)


_INTRODUCING = frozenset({"a", "the", "some", "this", "that"})


def named_in_sign(sentence: Sentence, span: tuple[int, int], first: tuple[int, int],
                  last: tuple[int, int]) -> bool:
    """Whether someone else named among the sign's parts is the one it is told of: right
    after the first part's possessor ("my grandma's neighbour collapsed"), or introduced
    just before the last ("Mam watched a fella on Casualty collapse")."""
    if span[0] == first[1] and span[1] <= last[0]:
        return True
    return (first[1] < span[0] and span[1] <= last[0] <= span[1] + 3
            and (sentence.tokens[span[0] - 1] in _INTRODUCING or sentence.tokens[span[0]] in _INTRODUCING)
            and sentence.clause[span[0]] == sentence.clause[last[0]])


_THEIR = frozenset({"his", "her", "their"})


def owns_the_procedure(sentence: Sentence, span: tuple[int, int]) -> bool:
    """Whether someone named is the patient by the procedure they own: "his wife's
    kyphoplasty site has been bleeding"."""
    return sentence.tokens[span[0]] in _THEIR and not PROCEDURE_WORDS.isdisjoint(
        sentence.tokens[span[1]:span[1] + 2])


_SAID = frozenset({"said", "answered", "replied"})


def answered_no(sentence: Sentence, after: int) -> bool:
    """Whether the sentence answers "no" after word `after`: "asked if I'd any thoughts of
    harming myself, and I said no"."""
    tokens = sentence.tokens
    return any(t == "no" and tokens[n - 1] in _SAID for n, t in enumerate(tokens) if n > after)
