"""Reasons to doubt a high-scoring answer: the question's subject or aspect is not what the
entry speaks of. Each returns why (shown by `explain`), or "" when there is no doubt."""

from __future__ import annotations

from ..kb.model import KnowledgeBase
from . import text as tx
from .index import QUESTION_STEMS, Analysis, Index
from .prepare import index_of
from .result import Candidate
from .subjects import named
from .wordlists import everyday_stems, everyday_words

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


def subject_uncovered(kb: KnowledgeBase, analysis: Analysis, best: Candidate) -> str:
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
                and s not in QUESTION_STEMS and s not in tx.WHEN_STEMS and named(words, at)
                and not _NEGATORS.intersection(words[max(0, at - 3):at])):
            return f"'{w}'"
    return ""


def beside_only(kb: KnowledgeBase, analysis: Analysis, best: Candidate) -> str:
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
    # Nouns only, as for uncovered: "how soon do they discharge you" names no subject.
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
            and stem not in QUESTION_STEMS and stem.isalpha())


# Words that refer to the base's subject without naming it (stemmed as the index does).
_REFERENCES = frozenset(tx.stem(w) for w in ("it", "this", "procedure", "treatment"))


def aspect_missed(kb: KnowledgeBase, analysis: Analysis, best: Candidate) -> str:
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
                 and (aspect != "how often" or (at and words[at - 1] == "how"))
                 and (w not in _QUANTIFIERS or (at and words[at - 1] == _QUANTIFIERS[w]))]
        if not asked:
            continue
        if entry is None:
            entry = {s for flat in index.entry_sorted_flats[number] for s in flat.split()}
        # An answer's words say little about how often ("most fractures are caused by"):
        # only its phrasings can say the entry asks that; nor do its "most" and "many"
        # give an amount ("most people need less"): only its units ("mg") would.
        said = entry if aspect == "how often" else entry | (
            index.answer_stems[number] - _QUANTIFIER_STEMS if aspect == "an amount"
            else index.answer_stems[number])
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
# An amount is asked by "how many", "how much" and "the most", not by "most of his pain"
# or "she doesn't complain much".
_QUANTIFIERS = {"many": "how", "much": "how", "most": "the"}
_QUANTIFIER_STEMS = frozenset(tx.stem(w) for w in _QUANTIFIERS)
_ASPECTS = (
    _aspect("an amount", {"many", "much", "most", "maximum", "max", "percentage", "percent",
                          "dose", "dosage", "units", "mg", "milligrams"}, set()),
    _aspect("how often", {"common", "often", "frequent", "likely", "rare"},
            {"chance", "odds", "rate", "risk", "percent", "many"}),
    _aspect("how it is found", {"diagnosed", "diagnose", "diagnosis"},
            {"test", "scan", "xray", "mri", "exam", "tell", "know", "find", "confirm"}),
    # "how many has the doctor done himself", "his personal success rate": one doctor's
    # own record, which no source gives.
    _aspect("someone's own record", {"himself", "herself", "yourself", "personally",
                                     "personal"}, {"experience", "experienced"}),
)


# Adverbs and participles ("typically", "stooped", "tingling") describe; the subject is
# a noun. A word denied ("no tingling") is not what the question asks about.
_NOT_NOUN_ENDINGS = ("ly", "ed", "ing")


_NEGATORS = frozenset({"no", "not", "without", "never"})


# After a red flag, a question asking only whether the sign is a worry ("should I worry?",
# "is 102 a fever I should worry about?") is answered by the urgent panel itself.
_CONCERN = frozenset(tx.stem(w) for w in (
    "worry", "worried", "worrying", "concern", "concerned", "normal", "serious", "bad",
    "okay", "ok", "anything", "expected", "wait", "fine", "bother"))


def asks_only_about_sign(index: Index, part: Analysis, sign_words: str, sign_clause: str) -> bool:
    """Whether a question part's known words are all the sign's words (and when the part
    tells the sign itself, "is it normal that ...", its clause's words) or words of concern."""
    sign = set(index.analyse(sign_words.replace("+", " ")).stems)
    if sign <= set(part.stems):
        sign.update(index.analyse(sign_clause).stems)
    known = [s for s in part.stems
             if s in index.idf and s not in index.common_stems and s not in QUESTION_STEMS]
    return bool(known) and all(s in sign or s in _CONCERN for s in known)
