"""Reading a message for the red-flag check: sentences of vocabulary words, word groups found.

The patient's words are read once, with the knowledge base's red-flag vocabulary:
contractions and texting shorthand spelled out, misspellings of the vocabulary repaired
(one edit for words of 5+ letters, two for 9+), words run together split into known words,
numbers read as temperatures, pain scores and years. Each sentence keeps where every word
group and context cue occurs, and its clauses (a cue's scope), for safety.py to judge.
"""

from __future__ import annotations

import re
from functools import cached_property

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..kb.model import CUE_PREFIX, Safety, SafetyConcept, Sign
from . import text as tx
from .dialect import meant, mend_words
from .lazy import LazyPattern
from .nearwords import (
    NearWords,
    common_typo_of_any,
    edit_kind,
    one_edit_from,
    sole_typo_of,
    undoubled,
)
from .numbers import DIGITS, NUMBER, NUMBER_WORDS, SCORE, SPOKEN, number_group, spoken, unit_typo
from .runtogether import denied_run, split_run
from .sentence import TITLES, Sentence, carry_back, clauses_of, link_neighbours, noted_days, telegraphic
from .terms import TermsByFirst, find_groups
from .wordlists import english_words, everyday_by_initial, everyday_or_plural

# Typo repair of the vocabulary: OSA distance 1 for words of 5+ letters, 2 for 9+.
# Shorter words are too easily other words ("feet" / "feel"), and common English words
# are never repaired ("fell" stays "fell").
FUZZY_MIN_LEN = 5
FUZZY_SHORT_LEN = 4
FUZZY_LONG_LEN = 9
# Words a lenient reading may take as a sign's word: "lis", "pin", "chet", "wond".
LENIENT_MIN, LENIENT_MAX = 3, 5
# Words run together are split when at least this long ("cantpee" is 7).
SPLIT_MIN_LEN = 6
_DIGITS_POINT = LazyPattern(globals(), "_DIGITS_POINT", r"(\d)\s*point\s*(\d)")
_TOKEN = re.compile(
    r"(?P<score>(?<![\d.])(?:10|[0-9])(?:\.5)?\s*(?:/|out\s+of|outta|of)\s*10(?!\d|\.\d)"
    r"|(?<![\d.])(?:10|[0-9])\s+on\s+(?:the|your|a|my)\s+(?:pain\s+)?scale)"
    r"|(?P<num>\d{1,2}:\d\d(?!\d)|\d+(?:[.,]\d+)?)"  # a clock's "10:30" is a number of no value
    r"|(?P<word>[a-z]+(?:'[a-z]+)?)"
    # An ellipsis is a pause, no full stop: "my lips are a bit blue... from the slushie".
    r"|(?P<comma>\.{3,}|\u2026|,|:|\s[-\u2013\u2014]+\s|[\u2013\u2014]|\()"
    r"|(?P<stop>[.!?;)]+|\n)"
)


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
        self._safety = safety
        self._words: dict[str, tuple[str, ...]] = {}
        self._lenient: dict[str, str] = {}
        # Each sign is tried only in sentences holding its first part.
        self.signs_by_first: dict[str, list[tuple[SafetyConcept, Sign]]] = {}
        for concept in safety.concepts:
            for sign in concept.signs:
                self.signs_by_first.setdefault(sign.parts[0], []).append((concept, sign))
        self.order = {concept.id: n for n, concept in enumerate(safety.concepts)}
        self.by_first = TermsByFirst(self.terms)
        # Pay the first-use costs of the tables now, with the index, not on a patient's
        # first message (1 ms). The common-word list is read on the first unknown word,
        # as the index does, so a start-up that never meets one does not pay for it.
        self.sentences("no chest pain, but my temp is 101.2 and pain 9/10")
        self._words.clear()

    def sentences(self, text: str, *, lenient: bool = False) -> list[Sentence]:
        """The text's sentences, each with the word groups found in it (`lenient`: see there)."""
        out: list[Sentence] = []
        tokens: list[str] = []
        values: dict[int, float] = {}
        decimal: set[int] = set()
        folded = tx.fold(text).replace("&", " and ").replace("w/o", " without ")
        if "b4" in folded:
            folded = _BEFORE.sub("before", folded)  # a digit would split it: "b" and 4
        if "hundred" in folded or " oh " in folded or "thirty" in folded \
                or "ninety" in folded:
            folded = SPOKEN.sub(spoken, folded)
        if "point" in folded:  # "temp 39point2", "38 point 5"
            folded = _DIGITS_POINT.sub(r"\1.\2", folded)
        if "eight" in folded or "nine" in folded or "ten" in folded:
            folded = NUMBER_WORDS.sub(lambda m: DIGITS[m.group()], folded)
        if " mean" in folded:
            folded = meant(folded, self.sign_words)
        folded = noted_days(telegraphic(folded) if "." in folded else folded)
        for m in _TOKEN.finditer(folded):
            kind = m.lastgroup
            if kind == "word":
                raw = m.group()
                # After a number, a word one typo from a unit of time is that unit: "30 hors"
                # (not "horse"), "20 misn".
                read = (unit_typo(raw) if tokens and tokens[-1] == NUMBER else None) \
                    or self.word(raw)
                tokens.extend(map(self.lenient, read) if lenient else read)
            elif kind == "num":
                raw = m.group().replace(",", ".")
                if ":" not in raw:
                    values[len(tokens)] = float(raw)
                if "." in raw:
                    decimal.add(len(tokens))
                tokens.append(NUMBER)
            elif kind == "score":
                values[len(tokens)] = float(re.match(r"\d+(?:\.\d)?", m.group()).group())
                tokens.append(SCORE)
            elif kind == "comma" or (m.group() == ")" and "(" in folded[:m.start()]):
                # An aside in brackets is a pause, not a sentence's end: "resident in Rm 4
                # (not the kyphoplasty pt) has a fever".
                tokens.append(",")
            elif tokens and not (m.group() == "." and folded[max(0, m.start() - 4):m.start()]
                                 .rpartition(" ")[2] in TITLES):
                out.append(self._sentence(tokens, values, decimal))
                out[-1].asked = "?" in m.group()
                out[-1].line_end = m.group() == "\n"
                tokens, values, decimal = [], {}, set()
        if tokens:
            out.append(self._sentence(tokens, values, decimal))
        link_neighbours(out)
        carry_back(out)
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

    @cached_property
    def sign_words(self) -> frozenset[str]:
        """The words of the signs themselves (not of the cues around them): on a tie a typo
        is read as one of these ("couh" cough, not couch). Made on first use (~1 ms)."""
        safety = self._safety
        return frozenset(w for c in safety.concepts for sign in c.signs
                         for group in sign.parts for t in safety.groups.get(group, ())
                         for w in t.split())

    def mistyped(self, sentences: list[Sentence]) -> bool:
        """Whether a lenient reading would read any word of `sentences` otherwise."""
        return any(self.lenient(t) != t for s in sentences for t in s.tokens)

    def lenient(self, word: str) -> str:
        """A short word of no word list here read as the one word of the signs a typo
        people make would have made it ("lis" lips, "chet" chest), or as itself."""
        found = self._lenient.get(word)
        if found is None:
            found = word
            if LENIENT_MIN <= len(word) <= LENIENT_MAX and word.isalpha() \
                    and word not in self.known and not everyday_or_plural(word):
                found = sole_typo_of(word, [w for w in self._near.choices(
                    len(word) - 1, len(word) + 1, word[0]) if w in self.sign_words]) or word
            self._lenient[word] = found
        return found

    def clear(self) -> None:
        """Forget the words read so far (the benchmark times each message as if new)."""
        self._words.clear()
        self._lenient.clear()

    def _repair(self, word: str) -> tuple[str, ...]:
        if word in self.known or not word.isalpha():
            return (word,)
        if (denied := denied_run(word, self.sign_words, english_words())) is not None:
            return denied
        # Texting spellings: a final "z" for "s" ("legz"), a dropped final "e" ("mov").
        # ...and a dropped final "g" ("sayin", "nothin", "runnin").
        for spelled in (word[:-1] + "s" if word.endswith("z") else "", word + "e",
                        word + "g" if word.endswith("in") else ""):
            if spelled in self.known and spelled not in tx.STOPWORDS:
                return (spelled,)
        if len(word) < FUZZY_SHORT_LEN:
            return (self._short_completion(word),)
        words = english_words()
        if word.endswith("in") and len(word) >= FUZZY_MIN_LEN and word not in words \
                and not one_edit_from(word, words):
            # A dropped final "g" and a typo besides: "swelin", "tingglin" (not "cosin",
            # which is "cousin" with a letter dropped, not "closing").
            mended = self._repair(word + "g")
            if len(mended) == 1 and mended[0] in self.vocabulary:
                return mended
        negated = _negation_typo(word) if word not in words else None
        if negated is not None and edit_kind(word, negated) and common_typo_of_any(
                word, self._near.choices(len(word) - 1, len(word) + 1, word[0])):
            # "the wort of my life" is "worst" with a letter dropped before it is "won't"
            # with one replaced: a negation read in could hide the sign.
            negated = None
        if negated is not None:
            # A letter typed twice is the commonest slip: "wannt" is "want" and "weent"
            # "went", not "wasn't" and "weren't" (a negation read in can hide a sign);
            # "diddnt" is still "did not".
            once = next((w for w in undoubled(word) if w in words or w in tx.CONTRACTIONS), None)
            if once is not None:
                return tuple(tx.CONTRACTIONS.get(once, once).split())
        if negated is not None:
            return tuple(tx.CONTRACTIONS[negated].split())
        # "fizzy" is "fizz" made an adjective, not a typo of "fuzzy" ("bluey" is "blue").
        english = word in words or (len(word) > 4 and word.endswith("y") and word[:-1] in words
                                    and word[:-1] not in self.known) or _ise_form(word, words) \
            or _doubled_inflection(word, words)
        # "tiredness" is "tired" made a noun, not a typo of "redness"; "breathlessness" is
        # "breathless" (not "reedness": "reed" is too short to be sure).
        named = word[:-4] if word.endswith("ness") and len(word) >= 9 else ""
        if named and named in self.vocabulary:
            return (named,)
        english = english or bool(named) and (named in words or named[:-1] + "y" in words)
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
                # On a tie the word of the same first letter, then the one a typo people
                # make gives (two swapped, one doubled or dropped: "liek" is "like", not
                # "lies"; "movve" "move", not "movie"), of those two swapped ("wron" worn,
                # not wrong), then the longer, wins.
                letters = sorted(word)
                best = min(close, key=lambda c: (c[1], c[0][0] != word[0], edit_kind(word, c[0]),
                                                 sorted(c[0]) != letters, c[0] not in self.sign_words,
                                                 -len(c[0]), c[0]))
                if any(word == prefix + best[0] for prefix in NEGATING_PREFIXES):
                    return ("not", best[0])  # "afebrile": no typo of "febrile"
                if not _likelier_everyday(word, best[0], int(best[1])):
                    return (best[0],)
                return (word,)
        if not english:
            # "numbbed" is "numbed" with a letter doubled, not "numb bed" run together.
            once = next((w for w in undoubled(word) if w in words or tx.stem(w) in words), None)
            if once is not None:
                return (once,)
        if len(word) >= SPLIT_MIN_LEN and not english:
            pieces = self._split(word)
            if pieces and len(pieces) == 2 and pieces[0] in NEGATING_PREFIXES:
                # "afebrile", "nonsmoker": the word the prefix denies ("not febrile").
                return ("not", *tx.words(pieces[1]))
            if pieces:
                return tuple(w for piece in pieces for w in tx.words(piece))
        return (word,)

    def _short_completion(self, word: str) -> str:
        """A three-letter word that is no English word, for the one four-letter vocabulary
        word it is with a letter dropped (never the first), or the one word of the signs
        among several: "nmb" or "nub" numb, "wlk" walk; "fel" (feel or fell), "lgs" (legs
        or logs) and "stp" (stop or step) stay as typed."""
        if len(word) != FUZZY_SHORT_LEN - 1 or word in english_words() or word in tx.SHORTHAND:
            return word
        # One edit from a longer word of the same first letter is one letter dropped.
        close = process.extract(word, self._near.choices(FUZZY_SHORT_LEN, FUZZY_SHORT_LEN, word[0]),
                                scorer=OSA.distance, score_cutoff=1, limit=3)
        signs = [c for c in close if c[0] in self.sign_words]
        return close[0][0] if len(close) == 1 else signs[0][0] if len(signs) == 1 else word

    def _split(self, word: str) -> tuple[str, ...] | None:
        """Fewest known words that make `word`, one of them red-flag vocabulary."""
        return split_run(word, self.known, self.vocabulary, english_words())

    def _sentence(self, tokens: list[str], values: dict[int, float], decimal: set[int]) -> Sentence:
        mend_words(tokens)
        found = find_groups(tokens, self.by_first)
        for i, value in values.items():
            group = number_group(tokens, i, value, i in decimal)
            if group:
                found.setdefault(group, []).append((i, i + 1))
        clause, refers_back, hard = clauses_of(tokens, found)
        inner = frozenset(n for group, spans in found.items() if not group.startswith(CUE_PREFIX)
                          for s, e in spans if e - s > 1 for n in range(s + 1, e))
        return Sentence(tokens, found, clause, refers_back, hard, inner=inner)


_BEFORE = LazyPattern(globals(), "_BEFORE", r"\bb4\b")

# "autocorrect, I mean calf", "sorry i meant chest".
# A prefix that denies the word it joins: "afebrile" is no fever, not "a febrile".
NEGATING_PREFIXES = frozenset({"a", "non", "un"})
# A verb of -ise/-ize ("mobilising", "mobilized") in either spelling, inflected.
_ISE = re.compile(r"(.{3,}i)[sz](?:e|es|ed|ing|ation)$")


def _ise_form(word: str, words: frozenset[str]) -> bool:
    """Whether `word` is an inflection of an -ise or -ize verb the word list has, in
    either spelling ("mobilising": "mobilize"), so it is neither repaired nor split."""
    found = _ISE.match(word)
    return found is not None and any(found.group(1) + end in words for end in ("ze", "se"))


_VOWELS = frozenset("aeiou")


def _doubled_inflection(word: str, words: frozenset[str]) -> bool:
    """Whether `word` is a verb of the word list with its last letter doubled before -ed
    or -ing ("patted" pat, "hugging" hug): a word, not a typo of a sign's ("panted"). Not
    "numbbed" ("numb" ends in two consonants), nor "vomitting" or "takking", which are
    words with a letter typed twice ("vomiting", "taking")."""
    for ending in ("ed", "ing"):
        base = word[:-len(ending)] if word.endswith(ending) else ""
        if len(base) >= 4 and base[-1] == base[-2] and base[-1] not in _VOWELS \
                and base[-3] in _VOWELS and base[-4] not in _VOWELS:
            return base[:-1] in words and base[:-1] + ending not in words
    return False


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


# The negative contractions typed without their apostrophe ("cant", "wont", "couldnt"):
# "can not" is the red flags' most telling word, and typed in a hurry.
_NEGATIONS = tuple(k for k, v in tx.CONTRACTIONS.items() if v.endswith(" not") and "'" not in k
                   and len(k) >= FUZZY_SHORT_LEN)


def _negation_typo(word: str) -> str | None:
    """The negative contraction a word is one typo of, first letter kept ("caant", "catn",
    "cnat", "wnot", "dosnt"), or None; the caller has checked it is no English word."""
    for negation in _NEGATIONS:
        if negation[0] == word[0] and abs(len(negation) - len(word)) <= 1 \
                and OSA.distance(negation, word, score_cutoff=1) <= 1:
            return negation
    return None


def _likelier_everyday(word: str, sign_word: str, edits: int) -> bool:
    """Whether `word` is more likely a typo of an everyday word than of `sign_word`: one
    edit of the kinds people make (a letter doubled, dropped or two swapped: "wheere" is
    "where", not "wheeze") against more edits or a letter replaced. On a tie the sign
    word wins: a missed red flag costs more than a false alarm."""
    if edits == 1 and edit_kind(word, sign_word) == 0:
        return False
    if edits >= 2 and _inflected_everyday(word):
        return True  # "shoveling" is shovel + ing, not two letters off "shivering"
    return common_typo_of_any(word, [w for size in (len(word) - 1, len(word), len(word) + 1)
                                     for w in everyday_by_initial().get((word[0], size), ())])


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
