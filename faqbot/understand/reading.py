"""Reading a message for the red-flag check: sentences of vocabulary words, word groups found.

The patient's words are read once, with the knowledge base's red-flag vocabulary:
contractions and texting shorthand spelled out, misspellings of the vocabulary repaired
(one edit for words of 5+ letters, two for 9+), words run together split into known words,
numbers read as temperatures, pain scores and years. Each sentence keeps where every word
group and context cue occurs, and its clauses (a cue's scope), for safety.py to judge.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..kb.model import CUE_PREFIX, Safety, SafetyConcept, Sign
from ..records import record
from . import text as tx
from .index import edit_kind
from .nearwords import NearWords
from .numbers import DIGITS, NUMBER, NUMBER_WORDS, SCORE, SPOKEN, number_group, spoken
from .wordlists import english_words, everyday_by_initial

if TYPE_CHECKING:
    from collections.abc import Mapping

# Typo repair of the vocabulary: OSA distance 1 for words of 5+ letters, 2 for 9+.
# Shorter words are too easily other words ("feet" / "feel"), and common English words
# are never repaired ("fell" stays "fell").
FUZZY_MIN_LEN = 5
FUZZY_SHORT_LEN = 4
FUZZY_LONG_LEN = 9
# Words run together are split when at least this long ("cantpee" is 7).
SPLIT_MIN_LEN = 6
# Words that may join two clauses; before a new subject they end a cue's scope.
_JOINERS = frozenset({",", "and", "so", "then", "because", "cause", "plus", "or", "now", "as"})
# After "and", these go on with a list ("chills and a fever"), "the" may not ("numb and
# the pain went away"); after a comma they may
# start a clause ("no fever, the wound is red").
_DETERMINERS = frozenset({"a", "an", "some"})
# "as" joins a clause only before one of these: "as I have been vomiting", not "as a kid".
_SUBJECTS = frozenset({"i", "he", "she", "they", "we", "it"})
# After "but", a clause starting with one of these refers back ("had chills but they
# went away"), so a resolution cue there still covers what came before.
_BACK_REFERENCE = frozenset({"it", "its", "that", "this", "they", "those", "these", "which",
                             "all", "he", "she", "i"})
_TOKEN = re.compile(
    r"(?P<score>(?<![\d.])(?:10|[0-9])(?:\.5)?\s*(?:/|out\s+of|outta|of)\s*10(?![\d.]))"
    r"|(?P<num>\d+(?:[.,]\d+)?)"
    r"|(?P<word>[a-z]+(?:'[a-z]+)?)"
    r"|(?P<comma>,|:|\s[-\u2013\u2014]+\s|[\u2013\u2014]|\()"
    r"|(?P<stop>[.!?;)]+|\n)"
)
# A sentence made only of these answers the one before with a no: "chills? no."
_NO = frozenset({"no", "nope", "nah", "none", "negative"})
_ANSWER_NO = _NO | {"not", "really", "never", ","}
# An affirmation ("mine has") followed by one of these is a denial ("mine has no streaks").
_NO_AFTER = (["not"], ["no"], ["never"], ["none"], ["nothing"])
_HAVING, _WHEN_AFTER = (["have"], ["has"], ["get"], ["feel"]), (["next"], ["on"], ["tomorrow"], ["booked"])
# After a question about a sign, a sentence opening so says the asker has none.
_DENIALS = (("i", "do", "not", "have"), ("i", "have", "not", "had"), ("i", "have", "no"),
            ("i", "have", "not", "got"), ("i", "do", "not", "get"))

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

    @property
    def text(self) -> str:
        return " ".join(t for t in self.tokens if t not in (SCORE, NUMBER))


class Reader:
    """Turns text into sentences of vocabulary words; built once per knowledge base."""

    def __init__(self, safety: Safety) -> None:
        self.terms = safety.terms
        self.vocabulary = safety.vocabulary
        by_length: dict[int, list[str]] = {}
        for word in sorted(self.vocabulary):
            if word.isalpha() and len(word) >= FUZZY_SHORT_LEN:
                by_length.setdefault(len(word), []).append(word)
        self.by_length = by_length
        self._near = NearWords(by_length)
        self.known = self.vocabulary | tx.STOPWORDS | frozenset(tx.CONTRACTIONS)
        self._words: dict[str, tuple[str, ...]] = {}
        # Each sign is tried only in sentences holding its first part.
        self.signs_by_first: dict[str, list[tuple[SafetyConcept, Sign]]] = {}
        for concept in safety.concepts:
            for sign in concept.signs:
                self.signs_by_first.setdefault(sign.parts[0], []).append((concept, sign))
        self.order = {concept.id: n for n, concept in enumerate(safety.concepts)}
        self.by_first = _TermsByFirst(self.terms)
        # Pay the first-use costs of the tables now, with the index, not on a patient's
        # first message (1 ms). The common-word list is read on the first unknown word,
        # as the index does, so a start-up that never meets one does not pay for it.
        self.sentences("no chest pain, but my temp is 101.2 and pain 9/10")
        self._words.clear()

    def sentences(self, text: str) -> list[Sentence]:
        """The text's sentences, each with the word groups found in it."""
        out: list[Sentence] = []
        tokens: list[str] = []
        values: dict[int, float] = {}
        decimal: set[int] = set()
        folded = tx.fold(text).replace("&", " and ")
        if "hundred" in folded or " oh " in folded or "thirty" in folded \
                or "ninety" in folded:
            folded = SPOKEN.sub(spoken, folded)
        if "eight" in folded or "nine" in folded or "ten" in folded:
            folded = NUMBER_WORDS.sub(lambda m: DIGITS[m.group()], folded)
        for m in _TOKEN.finditer(folded):
            kind = m.lastgroup
            if kind == "word":
                tokens.extend(self.word(m.group()))
            elif kind == "num":
                raw = m.group().replace(",", ".")
                values[len(tokens)] = float(raw)
                if "." in raw:
                    decimal.add(len(tokens))
                tokens.append(NUMBER)
            elif kind == "score":
                values[len(tokens)] = float(re.match(r"\d+(?:\.\d)?", m.group()).group())
                tokens.append(SCORE)
            elif kind == "comma":
                tokens.append(",")
            elif tokens:
                out.append(self._sentence(tokens, values, decimal))
                out[-1].asked = "?" in m.group()
                tokens, values, decimal = [], {}, set()
        if tokens:
            out.append(self._sentence(tokens, values, decimal))
        for before, after in zip(out, out[1:], strict=False):
            # "... turn yellow? Mine is fading": affirmed, and over. "Is a bad headache
            # normal? My neck is stiff too": a sign of one's own, too.
            # "Mine has no streaks": a denial; "mine is next thurs": the procedure's date.
            said_no = [after.tokens[end:end + 1] in _NO_AFTER
                       for _, end in after.found.get(CUE_PREFIX + "affirmation", ())]
            before.affirmed = CUE_PREFIX + "resolved" not in after.found and (any(
                after.tokens[end:end + 1] not in _NO_AFTER + _WHEN_AFTER
                for _, end in after.found.get(CUE_PREFIX + "affirmation", ()))
                or (after.tokens[:1] == ["my"] and after.tokens[-1:] == ["too"]))
            # ...said of "it", and ending there: not "it's gone tight", "it's better if".
            before.resolved_next = CUE_PREFIX + "recurrence" not in after.found and any(
                s and after.tokens[s - 1] in _BACK_REFERENCE
                and after.tokens[e:e + 1] in ([], ["now"], [","], ["since"], ["again"])
                for s, e in after.found.get(CUE_PREFIX + "resolved", ()))
            # "Chest pain? No, none of that": a no standing alone, or before a comma.
            before.denied = bool(after.tokens) and after.tokens[0] in _NO and (
                all(t in _ANSWER_NO for t in after.tokens) or after.tokens[1] == ",") or (
                # "Should I worry about chest pain? I don't have any, just asking."
                before.asked and any(tuple(after.tokens[:len(p)]) == p for p in _DENIALS)) or (
                # "mine has no ...", "she doesn't have it": not "he doesn't mean it".
                bool(said_no) and all(said_no) and all(
                    after.tokens[start] == "mine" or after.tokens[end + 1:end + 2] in _HAVING
                    for start, end in after.found.get(CUE_PREFIX + "affirmation", ())))
        return out

    def word(self, raw: str) -> tuple[str, ...]:
        """One typed word as vocabulary words: spelled out, repaired or split."""
        found = self._words.get(raw)
        if found is None and raw in self.known and raw not in tx.CONTRACTIONS and "'" not in raw:
            return (raw,)
        if found is None:
            if len(self._words) > 50_000:
                self._words.clear()
            found = tx.SHORTHAND.get(raw) or tuple(
                w for piece in tx.words(raw) for w in self._repair(piece))
            self._words[raw] = found
        return found

    def clear(self) -> None:
        """Forget the words read so far (the benchmark times each message as if new)."""
        self._words.clear()

    def _repair(self, word: str) -> tuple[str, ...]:
        if word in self.known or not word.isalpha():
            return (word,)
        # Texting spellings: a final "z" for "s" ("legz"), a dropped final "e" ("mov").
        # ...and a dropped final "g" ("sayin", "nothin", "runnin").
        for spelled in (word[:-1] + "s" if word.endswith("z") else "", word + "e",
                        word + "g" if word.endswith("in") else ""):
            if spelled in self.known and spelled not in tx.STOPWORDS:
                return (spelled,)
        if len(word) < FUZZY_SHORT_LEN:
            return (word,)
        words = english_words()
        # "fizzy" is "fizz" made an adjective, not a typo of "fuzzy" ("bluey" is "blue").
        english = word in words or (word.endswith("y") and word[:-1] in words
                                    and word[:-1] not in self.known)
        if not english:
            limit = 2 if len(word) >= FUZZY_LONG_LEN else 1
            # A four-letter word is only repaired by a letter added or swapped ("chst").
            short = len(word) < FUZZY_MIN_LEN
            low = len(word) if short else len(word) - limit
            if limit == 1 and not short:  # as below, trying only a few words (nearwords.py)
                close = self._near.one_edit(word, low, len(word) + 1, limit=5)
            else:
                choices = self._near.choices(low, len(word) + limit, word[0] if short else "")
                close = process.extract(word, choices, scorer=OSA.distance, score_cutoff=limit,
                                        limit=5)
            if close:
                # On a tie the word of the same first letter, then the longer, wins.
                best = min(close, key=lambda c: (c[1], c[0][0] != word[0], -len(c[0]), c[0]))
                if not _likelier_everyday(word, best[0], int(best[1])):
                    return (best[0],)
                return (word,)
        if len(word) >= SPLIT_MIN_LEN and not english:
            pieces = self._split(word)
            if pieces:
                return tuple(w for piece in pieces for w in tx.words(piece))
        return (word,)

    def _split(self, word: str) -> tuple[str, ...] | None:
        """Fewest known words that make `word`, one of them red-flag vocabulary."""
        common = english_words()
        n = len(word)
        best: list[tuple[tuple[int, int], tuple[str, ...]] | None] = [None] * (n + 1)
        best[0] = ((0, 0), ())
        for end in range(1, n + 1):
            for start in range(max(0, end - 16), end):
                prior = best[start]
                if prior is None:
                    continue
                piece = word[start:end]
                if not _is_piece(piece, self.known, common):
                    continue
                # Fewest pieces, vocabulary cheaper; on a tie more letters of vocabulary
                # ("dads lips", not "dad slips").
                vocab = piece in self.vocabulary
                score = (prior[0][0] + (1 if vocab else 3), prior[0][1] - (len(piece) if vocab else 0))
                if best[end] is None or score < best[end][0]:
                    best[end] = (score, (*prior[1], piece))
        found = best[n]
        if found is None or len(found[1]) < 2 or not any(p in self.vocabulary for p in found[1]):
            return None
        return found[1]

    def _sentence(self, tokens: list[str], values: dict[int, float], decimal: set[int]) -> Sentence:
        found: dict[str, list[tuple[int, int]]] = {}
        by_first = self.by_first
        size = len(tokens)
        for i, token in enumerate(tokens):
            single, long_terms = by_first[token]
            for group in single:
                found.setdefault(group, []).append((i, i + 1))
            for length, table in long_terms:
                if i + length <= size:
                    for group in table.get(tuple(tokens[i:i + length]), ()):
                        found.setdefault(group, []).append((i, i + length))
        for i, value in values.items():
            group = number_group(tokens, i, value, i in decimal)
            if group:
                found.setdefault(group, []).append((i, i + 1))
        clause, refers_back, hard = _clauses(tokens, found)
        return Sentence(tokens, found, clause, refers_back, hard)


_NO_TERMS = ((), ())


class _TermsByFirst(dict):
    """first word -> (the groups of its one-word terms, [(length, words -> groups)] for
    its longer terms, longest first), made from the term table on the word's first
    look-up: a start reads a few words rather than preparing all ~1,400 (0.7 ms)."""

    def __init__(self, terms: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]) -> None:
        super().__init__()
        self.terms = terms

    def __missing__(self, first: str) -> tuple[list[str], list]:
        entries = self.terms.get(first)
        if entries is None:
            return _NO_TERMS  # not kept: any word may come, few start a term
        single: list[str] = []
        by_size: dict[int, dict[tuple[str, ...], list[str]]] = {}
        for words, group in entries:
            if len(words) == 1:
                single.append(group)
            else:
                by_size.setdefault(len(words), {}).setdefault(words, []).append(group)
        made = self[first] = (single, sorted(by_size.items(), reverse=True))
        return made


def _is_piece(piece: str, known: frozenset[str], common: frozenset[str]) -> bool:
    """Short pieces must be vocabulary or function words: "numbing" is not "numb ing".
    Of single letters, "i", "a" and texting's "r" (are) and "u" (you): "hislipsrblue"."""
    if len(piece) == 1:
        return piece in ("i", "a", "r", "u")
    if len(piece) <= 3:
        return piece in known
    return piece in known or piece in common


def _clauses(tokens: list[str], found: dict[str, list[tuple[int, int]]]
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
    for i, token in enumerate(tokens):
        if token in _JOINERS and (i + 1 in starts or (token == "," and i + 1 in asks)) \
                and i not in breaks and (token != "as" or tokens[i + 1] in _SUBJECTS) \
                and not (token in ("and", "or") and tokens[i + 1] in _DETERMINERS):
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
    return any(t in _BACK_REFERENCE for t in tokens[at:at + 2])


_READERS: dict[int, tuple[Safety, Reader]] = {}


def reader_of(safety: Safety) -> Reader:
    """The reader for a knowledge base's safety section, built once."""
    held = _READERS.get(id(safety))
    if held is None or held[0] is not safety:
        if len(_READERS) > 64:
            _READERS.clear()
        held = (safety, Reader(safety))
        _READERS[id(safety)] = held
    return held[1]


def _likelier_everyday(word: str, sign_word: str, edits: int) -> bool:
    """Whether `word` is more likely a typo of an everyday word than of `sign_word`: one
    edit of the kinds people make (a letter doubled, dropped or two swapped: "wheere" is
    "where", not "wheeze") against more edits or a letter replaced. On a tie the sign
    word wins: a missed red flag costs more than a false alarm."""
    if edits == 1 and edit_kind(word, sign_word) == 0:
        return False
    if edits >= 2 and _inflected_everyday(word):
        return True  # "shoveling" is shovel + ing, not two letters off "shivering"
    choices = [w for size in (len(word) - 1, len(word), len(word) + 1)
               for w in everyday_by_initial().get((word[0], size), ())]
    close = process.extract(word, choices, scorer=OSA.distance, score_cutoff=1, limit=5)
    return any(edit_kind(word, w) == 0 for w, _, _ in close)


_SUFFIXES = ("ing", "ed", "es", "s", "er", "ers", "ly")


def _inflected_everyday(word: str) -> bool:
    """Whether `word` is an everyday word with an ending ("shovel" + "ing", "hike" + "d")."""
    common = english_words()
    for suffix in _SUFFIXES:
        stem = word[:-len(suffix)]
        if word.endswith(suffix) and len(stem) >= 4 and (
                stem in common or stem + "e" in common
                or (len(stem) > 4 and stem[-1] == stem[-2] and stem[:-1] in common)):
            return True
    return False
