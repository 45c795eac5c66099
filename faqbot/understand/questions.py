"""Find the questions in a patient's message, wherever they stand.

A long message is mostly story ("my mom is 78 and she bent over ..."); the question may
open it, sit in the middle or close it, and there may be two. Pure functions on the raw
text: sentences are split, and a sentence counts as a question when it ends with a
question mark, opens like a question ("how", "can i", "is it"), or carries a cue ("I want
to know", "wondering if", "tell me"). A check of something heard ("my sister said X, is
that right?", "is it true that X") is the claim X. The matcher scores each part on its
own and the rest of the message only as weak context.
"""

from __future__ import annotations

import re
from functools import cache, partial

from rapidfuzz.distance import OSA

from ..records import record
from .claims import CHECK_REACH, MIN_PART_WORDS, as_check, ask_cue, claim_in, heard_before, is_check
from .index import TYPO_MIN_LEN
from .lazy import LazyPattern
from .nearwords import edit_kind, same_start
from .openers import (
    CONDITIONS,
    UNMARKED,
    asks_outright,
    conditional_question,
    mended_word,
    opens_question,
    sentences,
)
from .openers import FUNCTION_WORDS as _FUNCTION_WORDS
from .openers import words as _words
from .question_patterns import (
    AUXILIARIES,
    CONJUNCTION,
    CONNECTOR,
    CUE_WORDS,
    INNER,
    INVERTED,
    JOINT,
    RUN_ON,
    WH_WORDS,
)
from .wordlists import english_words

# A message is read for at most this many questions: "3 things: ..." is the most seen.
MAX_PARTS = 3
# ...and after an ask cue ("I want to know ...") this many, not starting with its object.
MIN_CUE_WORDS = 3
_CUE_OBJECTS = frozenset({"it", "them", "me", "us"})
# A question cut where it runs on into the story keeps at least this many words.
MIN_TRIMMED_WORDS = 4
# A question after a comma keeps the words before it when they are this few: they say
# what it is about ("the tag doesn't work, is there an alternative?").
SHORT_LEAD_WORDS = 12


_Lazy = partial(LazyPattern, globals())




@record
class QuestionPart:
    """One question found in a message: the words to match, and how it was found."""

    text: str
    # "mark" (a question mark), "opener" (how/can i/...), "cue" (I want to know...),
    # "claim" (a check of something heard), "inner" (a question inside a sentence).
    how: str
    # What the question may refer to ("... called kyphoplasty. What is it?"): the words
    # before it in its sentence, or the sentence before.
    lead: str = ""
    # Whether the lead is itself a question ("what is a compression fracture, and what
    # causes them?"): then "them" points to its subject.
    lead_asks: bool = False


def _asks(text: str) -> bool:
    """Whether the words ask something, also after a conjunction ("I'm fine but is that
    normal")."""
    if opens_question(text) or ask_cue(text.casefold()) or claim_in(text) is not None:
        return True
    if _ends_asking(text) or _inverted(text.casefold()) is not None:
        return True
    return any(opens_question(tail) for tail in CONJUNCTION.split(text)[1:])


def _inverted(folded: str) -> int | None:
    """Where an unmarked question starts mid-sentence with an auxiliary before its subject
    ("... allergies can he be allergic"), or None; not after words that invert a statement
    ("if I can I will", "so do I", "not only can she"), a subject ("I can I will") or a
    question word (INNER's)."""
    for found in INVERTED.finditer(folded):
        before = _words(folded[:found.start()])
        # "so do I" agrees; "so does she need to stop it before" asks.
        agreeing = before[-1:] == ["so"] and len(_words(folded[found.end():])) < 2
        if len(before) >= MIN_PART_WORDS and (before[-1] not in _NO_INVERSION
                                             or (before[-1] == "so" and not agreeing)):
            return found.start()
    return None


_NO_INVERSION = frozenset({
    "i", "you", "he", "she", "we", "they", "it", "if", "as", "so", "than", "neither", "nor",
    "only", "that", "what", "where", "how", "when", "why", "who", "which", "whether",
    "whatever", "wherever", "however", "soon", "long", "much", "many", "far", "often",
})


def _ends_asking(text: str) -> bool:
    """Whether the words end on a question word: "she's nil by mouth from when"."""
    words = _words(text)
    return len(words) > 1 and words[-1] in WH_WORDS


def _split_joined(sentence: str) -> list[str]:
    """One sentence holding several questions, at the joints before a question opening:
    "how long does it take and when can i go home" -> two."""
    pieces: list[str] = []
    start = 0
    for joint in JOINT.finditer(sentence):
        if joint.start() <= start:
            continue
        rest = sentence[joint.end():]
        before = sentence[start:joint.start()]
        if is_check(rest):
            continue  # "X, is that right?" checks X: one question
        if rest.lstrip().startswith("or "):
            continue
        if not (opens_question(rest, joined=True) or conditional_question(rest)):
            continue
        # A question-marked sentence opening on an auxiliary asks from its first word ("Can
        # several vertebrae be treated, and what kind of specialist ...?": its first piece
        # keeps the mark), unless it points back to the story ("Can it help with that ...").
        opening = _words(before)
        asks = bool(pieces) or _asks(before)
        aux_first = not pieces and sentence.rstrip().endswith("?") and opening[:1] != [] \
            and opening[0] in AUXILIARIES and _POINTING_BACK.isdisjoint(opening)
        if len(opening) >= MIN_PART_WORDS and (asks or aux_first
                                               or _WHAT_IS.search(before.casefold())):
            pieces.append(f"{before}?" if aux_first and not asks else before)
            start = joint.end()
        elif not pieces and _LIST_MARK.fullmatch(joint.group()):
            # "two questions 1) can the cement leak out 2) whats the chance of ...": what
            # stands before a list's first number heads it; the items are the questions.
            start = joint.end()
    pieces.append(sentence[start:])
    return [p.strip(" ,") for p in pieces if p.strip(" ,")]


_POINTING_BACK = frozenset({"it", "that", "this", "them", "these", "those"})
# "what is" inside a sentence asks, with a question joined after it: "my nana has
# osteoporosis what is that exactly, also what can she do ..." (other question words
# inside a sentence often only report one: "she asked me who does these, is it ...").
_WHAT_IS = _Lazy("_WHAT_IS", r"\bwhat\s+(?:is|are)\b")
_ASKING_FIRST = AUXILIARIES | WH_WORDS
# A list's number between questions: "1) ", "2. ", ", (3) ".
_LIST_MARK = _Lazy("_LIST_MARK", r",?\s*\(?[1-9][.)]\s+")
# Before a question word, these start a new clause in dictated text ("... so how long").
_CLAUSE_JOINERS = frozenset({"so", "and", "but", "then", "now", "anyway", "also", "okay", "ok"})
# A question opened by one of these and a noun's determiner still waits for its verb:
# "did the cement in the first one cause this new one?" asks whether it caused it ("cause"
# is no "because" there); "will they put me to sleep cause ..." has had its verb.
_VERB_PENDING = frozenset({"do", "does", "did", "can", "could", "will", "would", "might", "may",
                           "should"})
_DETERMINERS = frozenset({"the", "a", "an", "my", "his", "her", "their", "your", "our", "this",
                          "that", "these", "those", "any", "too", "having", "being"})


def _trimmed(part: QuestionPart) -> QuestionPart:
    """The part without the story it runs on into, when enough of it is left."""
    cut = RUN_ON.search(part.text)
    words = _words(part.text)
    if cut is not None and cut.group().strip(" ,").lower() == "cause" and words \
            and words[0] in _VERB_PENDING and words[1:2] and words[1] in _DETERMINERS:
        cut = RUN_ON.search(part.text, cut.end())
    if cut is None or len(_words(part.text[:cut.start()])) < MIN_TRIMMED_WORDS:
        return part
    return QuestionPart(part.text[:cut.start()].strip(" ,"), part.how, part.lead)


def _question_in(sentence: str) -> QuestionPart | None:
    """The question a sentence asks, trimmed to its asking words, or None."""
    part = _untrimmed_question_in(sentence)
    return _trimmed(part) if part is not None else None


# "What keeps nagging at me is the cement.": what worries someone, told, not asked.
_PSEUDO_CLEFT = _Lazy("_PSEUDO_CLEFT", r"what\s+(?:[a-z']+\s+){0,4}?(?:me|us|him|her|them)"
                                       r"(?:\s+[a-z']+){0,3}?\s+(?:is|was|are)\s+"
                                       r"(?!(?:whether|if|how|what|when|where|why|who|which)\b)")


# Before "tell me" or "explain", these ask the bot: "can you tell me", "please explain".
_ASKING_BEFORE = frozenset({"you", "please", "pls", "plz", "can", "could", "would", "will",
                            "just", "kindly", "someone", "somebody", "anyone", "and", "so",
                            "also", "now", "then", "but", "or", "me", "us", "to"})


def _reported_telling(folded: str, start: int) -> bool:
    """Whether a "tell me" or "explain" cue at `start` reports what someone said: "The
    doctor tell me I will have the kyphoplasty in three weeks" (a learner's "told"), not a
    request."""
    if not folded.startswith(("tell", "explain"), start):
        return False
    before = _words(folded[:start])
    return bool(before) and before[-1] not in _ASKING_BEFORE


def _untrimmed_question_in(sentence: str) -> QuestionPart | None:
    claim = claim_in(sentence)
    if claim is not None:
        return QuestionPart(claim.strip(" ,?!."), "claim")
    folded = sentence.casefold().replace("\u2019", "'")
    cue = ask_cue(folded)
    if cue and _reported_telling(folded, cue.start()):
        cue = None
    if cue:
        asked = folded[cue.end():]
        words = _words(asked)
        # "explain it because the doctor talked too fast", "tell me would help": what
        # follows the cue is its object or the rest of a remark, not a question.
        # After "whether" or "if", "it" is the question's subject ("wondering whether it
        # can be done in a clinic").
        joined = _words(cue.group())[-1:] in (["whether"], ["if"])
        if len(words) >= MIN_CUE_WORDS and (joined or words[0] not in _CUE_OBJECTS):
            return QuestionPart(asked.strip(" ,?!."), "cue")
    if opens_question(sentence) and not (_PSEUDO_CLEFT.match(folded)
                                         and not sentence.rstrip().endswith("?")):
        return QuestionPart(sentence.strip(" ,"), "opener")
    if not sentence.rstrip().endswith("?"):
        inner = INNER.search(folded)
        inverted = _inverted(folded)
        if inverted is not None and not (inner and inner.start() < inverted):
            # A short lead says what it asks about, as after a comma (SHORT_LEAD_WORDS).
            short = len(_words(sentence[:inverted])) <= SHORT_LEAD_WORDS
            return QuestionPart(sentence[0 if short else inverted:].strip(" ,."), "inner")
        lead = _words(sentence[:inner.start()]) if inner else []
        if len(lead) > SHORT_LEAD_WORDS and lead[-1] in _CLAUSE_JOINERS:
            # Dictated, with no full stop before it: "... said it went fine so how long
            # does it usually take before the pain gets better".
            return QuestionPart(sentence[inner.start():].strip(" ,."), "inner")
        what_is = _WHAT_IS.search(folded)
        if what_is and what_is.start() and not _ASKING_FIRST.intersection(_words(folded)[:1]):
            # "my nana has osteoporosis what is that exactly": the question from its "what
            # is"; the words before are its lead, what "that" points back to. (Not after
            # words asking first: "is doctor patel any good what are his reviews like".)
            return QuestionPart(sentence[what_is.start():].strip(" ,."), "inner")
        if (inner and inner.start()) or _ends_asking(sentence):
            return QuestionPart(sentence.strip(" ,."), "inner")
        return None
    # The question may open after a comma: "she's on tylenol, is there a window?"
    pieces = [p for p in re.split(r",\s*", sentence) if p.strip()]
    for cut in range(1, len(pieces)):
        tail = ", ".join(pieces[cut:])
        if opens_question(tail) and not tail.casefold().startswith("or "):
            lead = _words(", ".join(pieces[:cut]))
            if len(lead) <= SHORT_LEAD_WORDS or lead[0] in CONDITIONS:
                # "the tag doesn't work, is there an alternative?": one question; "if I
                # leave the fracture alone ..., what will happen?": the condition asks too.
                break
            return QuestionPart(tail.strip(" ,"), "mark")
    return QuestionPart(sentence.strip(" ,"), "mark")


# A word with what follows its apostrophe ("wouldn't" is one word, not "wouldn" and "t").
_TYPED_WORD = _Lazy("_TYPED_WORD", r"[A-Za-z]+(?:['\u2019][A-Za-z]+)?")


@cache
def _cue_word(word: str) -> str:
    """A cue word for its typo (one letter swapped, dropped or doubled, never the first,
    and the typo no English word itself: "sad" stays "sad"); the word otherwise."""
    folded = word.casefold()
    if len(folded) < TYPO_MIN_LEN - 1 or folded in CUE_WORDS or folded in _FUNCTION_WORDS:
        return word
    close = [w for w in same_start(CUE_WORDS, folded) if w[0] == folded[0] and abs(len(w) - len(folded)) <= 1
             and OSA.distance(w, folded, score_cutoff=1) <= 1 and edit_kind(folded, w) == 0]
    if not close or folded in english_words():
        return word
    return min(close, key=lambda w: (len(w) != len(folded), w))


def _mended(sentence: str) -> str:
    """The sentence with typos of cue words and of question words mended ("Whta keeps
    nagging", "wlil they put me to sleep"), where the typo is no English word itself."""
    return _TYPED_WORD.sub(lambda m: _mended_word(m.group()), sentence)


def _mended_word(word: str) -> str:
    cue = _cue_word(word)
    return cue if cue != word else mended_word(word)


def _unconnected(text: str) -> str:
    """The question without a connector opening it ("Besides that, is it safe?"), unless
    too little would be left."""
    rest = CONNECTOR.sub("", text, count=1)
    return rest if len(_words(rest)) >= MIN_PART_WORDS else text


# A question cannot end on these: what ends so only leads into the question after it.
_DANGLING = frozenset({"is", "was", "are", "were", "if", "whether", "the", "a"})
_COPULAS = frozenset({"is", "was", "are", "were"})


def _dangles(part: QuestionPart, words: list[str], *, last: bool) -> bool:
    """Whether the part ends where only the question after it can go on ("What he keeps
    asking me is, will he be awake?"); not a copula closing a clause a question word
    opened ("will the back be sore where the needle was"), nor one ending its sentence
    ("could you tell me, in layman's terms, what the procedure is") or, after an ask cue,
    "what a compression fracture is"."""
    if words[-1] not in _DANGLING:
        return False
    if words[-1] not in _COPULAS:
        return True
    if last or (part.how == "cue" and words[0] in WH_WORDS):
        return False
    # The question's own opening word is not one: "what he keeps asking me is".
    return WH_WORDS.isdisjoint(words[max(1, len(words) - 1 - _CLOSED_CLAUSE_WORDS):-1])


# A copula ends a clause a question word opened this few words before it ("where the
# needle was").
_CLOSED_CLAUSE_WORDS = 4


def find_questions(text: str) -> tuple[QuestionPart, ...]:
    """The questions in a message, in order, at most MAX_PARTS; () when none is marked.

    Each sentence is checked on its own; a sentence holding two questions joined by
    "and", "also" or a comma gives two parts.
    """
    found: list[QuestionPart] = []
    stopped: set[int] = set()  # parts found in a sentence ending with a full stop
    marked = False  # whether any sentence ends with a question mark
    previous = ""
    told: list[str] = []  # the last sentences, for a check of what someone said
    for sentence in map(_mended, sentences(text)):
        heard = heard_before(as_check(sentence), told)
        told = [*told[-(CHECK_REACH - 1):], sentence]
        if heard is not None:
            # "A website claims you stay a week. That seems a lot. Is it right?": the claim.
            found.append(QuestionPart(heard, "claim"))
            previous = sentence
            continue
        if is_check(sentence) and previous:
            # "I read that the pain goes away at once. Is that true?": the claim before.
            claim = claim_in(f"{previous.rstrip(' .!?')}, is that true?")
            if claim is not None or (found and found[-1].how == "claim"):
                # (A check after a claim already found asks nothing more: "... holds it
                # up?? is that right".)
                if claim is not None:
                    found.append(QuestionPart(claim.strip(" ,?!."), "claim"))
                previous = sentence
                continue
        head, colon, rest = sentence.partition(":")
        if colon and opens_question(rest):
            sentence = rest.strip()  # "3 things: is it done in a hospital, will i ..."
        pieces = _split_joined(sentence)
        for number, piece in enumerate(pieces):
            part = _question_in(piece)
            words = _words(part.text) if part is not None else []
            # "What he keeps asking me is: will he be awake?": the first half leads in.
            # After an ask cue, "what a compression fracture actually is" is whole (not "What
            # he keeps asking me is", which leads into the question after it).
            if part is not None and len(words) >= MIN_PART_WORDS \
                    and not _dangles(part, words, last=number == len(pieces) - 1):
                before = sentence[:sentence.casefold().find(part.text.casefold())].strip(" ,")
                if number or not _words(before):
                    before = previous if not number else " ".join(pieces[:number])
                found.append(QuestionPart(_unconnected(part.text), part.how, before,
                                          bool(number) and _question_in(before) is not None))
                if part.how in UNMARKED and sentence.endswith(".") and not any(
                        asks_outright(_words(c), inside=n > 0)
                        for n, c in enumerate(part.text.split(","))):
                    stopped.add(len(found) - 1)
        previous = sentence
        marked = marked or sentence.endswith("?")
    if marked and len(stopped) < len(found):
        # A writer who ends questions with "?" ends statements with ".": "Thing is, she
        # takes Eliquis for her AFib." tells, "When I asked about it, he said no." too.
        found = [p for n, p in enumerate(found) if n not in stopped]
    seen: set[str] = set()
    unique = []
    for part in found:
        key = " ".join(_words(part.text))
        if key not in seen:
            seen.add(key)
            unique.append(part)
    if len(unique) > MAX_PARTS:
        # Over the limit, a few words after "I like to know" ("things in advance") give
        # way to the questions asked outright.
        weak = [p for p in unique if p.how in ("cue", "inner") and len(_words(p.text)) < 4]
        unique = [p for p in unique if p not in weak] + weak
        unique = sorted(unique[:MAX_PARTS], key=found.index)
    return tuple(unique[:MAX_PARTS])
