"""How a question opens: the message's sentences and words, and whether words open like a
question (a question word, or an auxiliary before its subject), typos of those words mended.

questions.py finds the question parts of a message with these; they hold no state.
"""

from __future__ import annotations

from functools import cache, partial
from itertools import dropwhile, islice

from rapidfuzz.distance import OSA

from .index import TYPO_MIN_LEN
from .lazy import LazyPattern
from .nearwords import edit_kind, same_start
from .question_patterns import AUXILIARIES, FILLERS, SUBJECTS, WH_WORDS
from .wordlists import english_words, everyday_words

_Lazy = partial(LazyPattern, globals())

# Sentence ends: end punctuation followed by a space or the end, and new lines. A dot
# inside a number ("2.5 mg") does not end a sentence.
# A full stop ends a sentence, but not a title's ("Dr. Okafor", "Mrs. Patel").
_SENTENCE_END = _Lazy("_SENTENCE_END", r"(?<=[?!])\s*|(?<=\.)(?<![Dd]r\.)(?<![Mm]r\.)(?<![Mm]s\.)"
                                       r"(?<![Mm]rs\.)(?<![Ss]t\.)(?=\s|$)\s*|\s*[\n;]+\s*")
_WORD = _Lazy("_WORD", r"[a-z0-9]+(?:['\u2019][a-z]+)?")

FUNCTION_WORDS = WH_WORDS | AUXILIARIES | SUBJECTS


def sentences(text: str) -> list[str]:
    """The message's sentences, end punctuation kept ("?" says a question)."""
    pieces = _SENTENCE_END.split(text.strip())
    return [p.strip() for p in pieces if p and p.strip()]


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold().replace("\u2019", "'"))


def bare(word: str) -> str:
    """The word without its apostrophe; "we're", "they've", "you'll": the subject alone (not
    "were", an auxiliary: "We're a farming family" opens no question)."""
    head, apostrophe, tail = word.partition("'")
    return head if apostrophe and tail in _SUBJECT_SUFFIXES else word.replace("'", "")


_SUBJECT_SUFFIXES = frozenset({"re", "ve", "ll", "d", "m"})


@cache
def function_word(word: str) -> str:
    """A question word, auxiliary or subject for its typo ("whta", "wlil", "culd"): one
    letter swapped, dropped or doubled, never the first; the word itself otherwise."""
    if len(word) < TYPO_MIN_LEN - 1 or word in FUNCTION_WORDS:
        return word
    close = [w for w in same_start(FUNCTION_WORDS, word) if w[0] == word[0] and abs(len(w) - len(word)) <= 1
             and OSA.distance(w, word, score_cutoff=1) <= 1 and edit_kind(word, w) == 0]
    # Two letters swapped first ("whta"), then the alphabet, so the choice is stable.
    return min(close, key=lambda w: (len(w) != len(word), w)) if close else word


_MENDABLE = FUNCTION_WORDS | FILLERS


@cache
def mended_word(word: str) -> str:
    """A question word, auxiliary, subject or filler ("alos") for its typo, as
    `function_word` finds one, when the typo is no English word itself ("cold" is no
    "could"); the word itself otherwise."""
    folded = word.casefold()
    if folded in _MENDABLE or len(folded) < TYPO_MIN_LEN - 1 or "'" in folded or "\u2019" in folded:
        return word
    close = [w for w in same_start(_MENDABLE, folded) if w[0] == folded[0]
             and abs(len(w) - len(folded)) <= 1
             and OSA.distance(w, folded, score_cutoff=1) <= 1 and edit_kind(folded, w) == 0]
    # The English list only when there is a near word: most messages never read it.
    if not close or folded in english_words():
        return word
    return min(close, key=lambda w: (len(w) != len(folded), w))


# Enough characters to hold the fillers and the two words after them ("well um so ok, ...").
OPENING_CHARS = 120


def opens_question(text: str, *, joined: bool = False) -> bool:
    """Whether the words open like a question: a wh-word, or an auxiliary and a subject;
    `joined`, at a joint between two questions, also "can", "is" or "are" before a thing's
    name ("is soreness normal", "can several vertebrae be treated")."""
    # The first two words after the fillers tell: the rest are not read (nor mended), nor
    # split into words (OPENING_CHARS: a long sentence is asked this at every joint).
    first_two = list(islice(dropwhile(FILLERS.__contains__, map(function_word, map(bare, words(
        text[:OPENING_CHARS])))), 2))
    if not first_two:
        return False
    first = first_two[0]
    if len(first_two) > 1 and first_two[1] in WH_WORDS and len(first) > 4 and first.endswith("ly"):
        first = first_two[1]  # "..., and realistically how likely is it to work?"
    if first in WH_WORDS or (first in _WH_PREPOSITIONS and len(first_two) > 1
                             and first_two[1] in WH_WORDS
                             and len(text.split(None, WH_PHRASE_WORDS)) > WH_PHRASE_WORDS):
        # "..., and for how many weeks should I avoid lifting?", "at what point ...": a
        # question of its own (not "..., and for how many days?", the last one's detail).
        return True
    if first in ("any", "anything", "anyway") and len(first_two) > 1 and first_two[1] in (
            "chance", "risk", "way", "tips", "advice", "reason", "else"):
        return True
    if (first in _ASKING_AUXILIARIES or (joined and first in _JOINED_AUXILIARIES)) \
            and len(first_two) > 1 and _names_a_thing(first_two[1]):
        # "does kyphoplasty really work", "will cement make her taller": a thing asked about.
        return True
    return first in AUXILIARIES and len(first_two) > 1 and (first_two[1] in SUBJECTS or first_two[1] == "not")


WH_PHRASE_WORDS = 5
_WH_PREPOSITIONS = frozenset({"for", "at", "by", "until", "till", "in", "to", "from", "with"})
# Auxiliaries that open a question before a thing's name as well as before a subject ("do"
# does not: "do exercises every day" tells what to do) ...
_ASKING_AUXILIARIES = frozenset({"does", "will", "would", "should"})
# ... and these too between two questions (alone, "is", "can" and "are" before a name open
# as many statements in a story's run-on sentences: "is osteoporosis, the GP said").
_JOINED_AUXILIARIES = frozenset({"can", "could", "is", "are"})
# ... a name no everyday word, nor an adverb or a verb's form ("can barely", "is getting").
_NOT_A_NAME = ("ly", "ing", "ed")


def _names_a_thing(word: str) -> bool:
    return (len(word) >= 4 and word.isalpha() and not word.endswith(_NOT_A_NAME)
            and word not in everyday_words())


# Question parts found by their words alone, with no mark or cue saying they ask.
UNMARKED = frozenset({"opener", "inner"})


# After a question word, these open a clause that tells: "when I asked about it", "where
# the needle went in".
_TELLING_AFTER_WH = frozenset({"i", "you", "he", "she", "we", "they", "it", "the", "my", "his",
                               "her", "our", "their", "a", "an", "this", "that"})


def asks_outright(words: list[str], *, inside: bool = False) -> bool:
    """Whether the words open as a question does, an auxiliary before its subject, or a
    question word and then no subject: "Can I shower after.", "what are the risks.", "what
    happens to me there." ask, whatever their stop; "when I
    asked about it" does not, nor, `inside` a sentence after a comma, ", which is
    wonderful"."""
    if len(words) < 2:
        return False
    if words[0] in AUXILIARIES and words[1] in SUBJECTS:
        return True  # "Can I shower after."
    return words[0] in _ASKING_WH and words[1] not in _TELLING_AFTER_WH \
        and not (inside and words[0] in _RELATIVE_WH)


_RELATIVE_WH = frozenset({"which", "who", "whos", "whose"})


# ("whether to bring a book." goes on a sentence before it.)
_ASKING_WH = WH_WORDS - {"whether"}


# A condition that may open a question: "... and if I think I have one, how would you check".
CONDITIONS = frozenset({"if", "when", "once", "after", "before"})


def conditional_question(text: str) -> bool:
    """Whether the words are a condition and then a question: "if i think i have one how
    would your team check"."""
    said = words(text)
    if not said or said[0] not in CONDITIONS:
        return False
    return any(opens_question(" ".join(said[at:])) and said[at] in WH_WORDS
               for at in range(2, len(said) - 1))
