"""The red-flag check that runs before any FAQ matching: concepts, not phrases.

Each red flag is a concept (knowledge/safety.yaml) told by signs: groups of lay words
that must all occur within a few words of each other in one sentence ("calf" near
"swollen"), in any order and with any words between. The patient's words are read
once: contractions spelled out, words run together split into known words, misspellings
of the vocabulary repaired (one edit for words of 5+ letters, two for 9+), numbers read
as temperatures and pain scores.

A sign found only counts when its sentence reports it, in the spirit of NegEx and
ConText: a cue word's scope runs to the end of its clause (a "but", or a comma or "and"
before a new subject, ends it). Negated ("no fever, chills or redness"), resolved
("went away", "had ... but it's gone"), long past ("last year"), hypothetical ("what
if"), about someone who is not the patient ("my neighbour"), or a general question
("what does an infected wound look like") do not count. A caregiver's report does. When
in doubt a sign counts: a needless warning is far cheaper than a missed one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..kb.model import CUE_PREFIX, Safety, SafetyConcept, Sign
from . import text as tx
from .index import Analysis, english_words

TIER_ORDER = ("emergency", "urgent")
# A negation reaches over a list ("not having any chest pain or trouble breathing") but
# no further than this many words, and the hedge "almost", "nearly" only the next two.
NEGATION_REACH = 10
HEDGE_REACH = 2
# An "unless" group also blocks a sign just before or after it ("a little redness",
# "confused about the bill").
UNLESS_BEFORE = 2
UNLESS_AFTER = 2
# Typo repair of the vocabulary: OSA distance 1 for words of 5+ letters, 2 for 9+.
# Shorter words are too easily other words ("feet" / "feel"), and common English words
# are never repaired ("fell" stays "fell").
FUZZY_MIN_LEN = 5
FUZZY_SHORT_LEN = 4
FUZZY_LONG_LEN = 9
# Words run together are split when at least this long ("cantpee" is 7).
SPLIT_MIN_LEN = 6
# A first person word this close before a part of a sign makes it the patient's own,
# whoever else the sentence names ("my neighbour noticed my lips are blue").
OWN_REACH = 2
# How far after "normal if" a word like "get" or "start" makes it hypothetical after all.
FUTURE_REACH = 3
# Words that may join two clauses; before a new subject they end a cue's scope.
_JOINERS = frozenset({",", "and", "so", "then", "because", "cause", "plus", "or", "now"})
# After "but", a clause starting with one of these refers back ("had chills but they
# went away"), so a resolution cue there still covers what came before.
_BACK_REFERENCE = frozenset({"it", "that", "this", "they", "those", "these", "which", "all",
                             "he", "she"})
# "me" is left out: "a man told me his legs went numb" is still his story.
_FIRST_PERSON = frozenset({"i", "my", "myself", "mine"})
_TOKEN = re.compile(
    r"(?P<score>(?<![\d.])(?:10|[0-9])(?:\.5)?\s*(?:/|out\s+of|outta|of)\s*10(?![\d.]))"
    r"|(?P<num>\d+(?:[.,]\d+)?)"
    r"|(?P<word>[a-z]+(?:'[a-z]+)?)"
    r"|(?P<comma>,|:|\s[-\u2013\u2014]+\s|[\u2013\u2014]|\()"
    r"|(?P<stop>[.!?;)]+|\n)"
)
# Texting shorthand the contraction table does not hold.
_SHORTHAND = {"n": ("and",), "cnt": ("can", "not"), "cud": ("could",), "cudnt": ("could", "not"),
              "wud": ("would",), "bc": ("because",), "w": ("with",)}
# The scores that matter, written in words: "nine out of ten", "a ten".
_NUMBER_WORDS = re.compile(r"\b(eight|nine|ten)\b")
_DIGITS = {"eight": "8", "nine": "9", "ten": "10"}
_CELSIUS = frozenset({"c", "celsius", "centigrade"})
_FAHRENHEIT = frozenset({"f", "fahrenheit", "farenheit"})
_DEGREES = frozenset({"degrees", "degree", "deg"})
# A number followed by one of these is a time or an amount, not a pain score.
_NOT_A_SCORE = frozenset({
    "am", "pm", "o", "oclock", "hours", "hour", "hrs", "hr", "days", "day", "weeks",
    "week", "months", "month", "years", "year", "minutes", "minute", "mins", "min",
    "times", "pills", "pill", "tablets", "mg", "percent", "pounds", "lbs", "kg",
    "inches", "cm", "mm", "degrees", "steps", "feet", "ft", "people", "patients",
})
_SCORE_BEFORE = frozenset({"a", "an", "is", "at", "was", "now", "like", "pain", "score", "level",
                           "rate", "rated", "about", "around"})
_SCORE = "#score"
_NUMBER = "#number"
FEVER_F = (100.4, 110.0)
FEVER_C = (38.0, 43.5)
SEVERE_SCORE = 8.0
# A whole number from this year to last year reads as a year ("back in 2019").
FIRST_YEAR = 1930
PAST = CUE_PREFIX + "past"


@dataclass(frozen=True)
class Verdict:
    """A red flag found in a report: which concept, which words, what to tell the patient."""

    tier: str
    rule: str
    matched: str
    clause: str
    title: str
    message: str
    why: str = "reported"


@dataclass(frozen=True)
class Hit:
    """A sign found in a sentence and why it did or did not count (for `explain` and `lint`).

    `rule` is the concept id, `matched` the words that made the sign, `cue` the context
    words that decided (empty when nothing but the sign itself did).
    """

    rule: str
    tier: str
    matched: str
    clause: str
    counted: bool
    why: str
    cue: str = ""
    sign: str = ""


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
    for number, sentence in enumerate(reader.sentences(analysis.text or analysis.normalised)):
        found = sentence.found
        for group in list(found):
            for concept, sign in reader.signs_by_first.get(group, ()):
                key = (concept.id, number)
                held = best.get(key)
                if (held is not None and held.counted) or not all(p in found for p in sign.parts):
                    continue
                hit = _judge_sign(concept, sign, sentence, safety)
                if hit is not None and (held is None or hit.counted):
                    best[key] = hit
    return sorted(best.values(), key=lambda h: reader.order[h.rule])


def is_personal_decision(safety: Safety, analysis: Analysis) -> bool:
    """Whether the patient asks about their own medicines or care decisions."""
    if not safety.decision_patterns:
        return False
    return _decisions(safety.decision_patterns).search(analysis.normalised) is not None


@lru_cache(maxsize=8)
def _decisions(patterns: tuple[str, ...]) -> re.Pattern[str]:
    # One expression for all, compiled once per knowledge base.
    return re.compile("|".join(patterns))


def _rank(tier: str) -> int:
    return TIER_ORDER.index(tier) if tier in TIER_ORDER else len(TIER_ORDER)


# --- reading a message ----------------------------------------------------------------

@dataclass
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

    @property
    def text(self) -> str:
        return " ".join(t for t in self.tokens if t not in (_SCORE, _NUMBER))


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
        self.known = self.vocabulary | tx.STOPWORDS | frozenset(tx.CONTRACTIONS)
        self._words: dict[str, tuple[str, ...]] = {}
        # Each sign is tried only in sentences holding its first part.
        self.signs_by_first: dict[str, list[tuple[SafetyConcept, Sign]]] = {}
        for concept in safety.concepts:
            for sign in concept.signs:
                self.signs_by_first.setdefault(sign.parts[0], []).append((concept, sign))
        self.order = {concept.id: n for n, concept in enumerate(safety.concepts)}
        # First word -> (length, words -> groups) for the longer terms.
        self.long_terms: dict[str, list[tuple[int, dict[tuple[str, ...], list[str]]]]] = {}
        self.single: dict[str, list[str]] = {}
        for first, entries in self.terms.items():
            by_size: dict[int, dict[tuple[str, ...], list[str]]] = {}
            for words, group in entries:
                if len(words) == 1:
                    self.single.setdefault(first, []).append(group)
                else:
                    by_size.setdefault(len(words), {}).setdefault(words, []).append(group)
            if by_size:
                self.long_terms[first] = sorted(by_size.items(), reverse=True)
        # Pay every first-use cost now, at load, not on a patient's first message: the
        # word list, the fuzzy scorer, the splitter and every concept's tables.
        self.sentences("chst painn cantbreathe 101.2 9/10")
        self._words.clear()

    def sentences(self, text: str) -> list[Sentence]:
        """The text's sentences, each with the word groups found in it."""
        out: list[Sentence] = []
        tokens: list[str] = []
        values: dict[int, float] = {}
        decimal: set[int] = set()
        folded = tx.fold(text).replace("&", " and ")
        if "eight" in folded or "nine" in folded or "ten" in folded:
            folded = _NUMBER_WORDS.sub(lambda m: _DIGITS[m.group()], folded)
        for m in _TOKEN.finditer(folded):
            kind = m.lastgroup
            if kind == "word":
                tokens.extend(self.word(m.group()))
            elif kind == "num":
                raw = m.group().replace(",", ".")
                values[len(tokens)] = float(raw)
                if "." in raw:
                    decimal.add(len(tokens))
                tokens.append(_NUMBER)
            elif kind == "score":
                values[len(tokens)] = float(re.match(r"\d+(?:\.\d)?", m.group()).group())
                tokens.append(_SCORE)
            elif kind == "comma":
                tokens.append(",")
            elif tokens:
                out.append(self._sentence(tokens, values, decimal))
                tokens, values, decimal = [], {}, set()
        if tokens:
            out.append(self._sentence(tokens, values, decimal))
        for before, after in zip(out, out[1:], strict=False):
            before.affirmed = any(after.tokens[end:end + 1] != ["not"]
                                  for _, end in after.found.get(CUE_PREFIX + "affirmation", ()))
        return out

    def word(self, raw: str) -> tuple[str, ...]:
        """One typed word as vocabulary words: spelled out, repaired or split."""
        found = self._words.get(raw)
        if found is None and raw in self.known and raw not in tx.CONTRACTIONS and "'" not in raw:
            return (raw,)
        if found is None:
            if len(self._words) > 50_000:
                self._words.clear()
            found = _SHORTHAND.get(raw) or tuple(
                w for piece in tx.words(raw) for w in self._repair(piece))
            self._words[raw] = found
        return found

    def clear(self) -> None:
        """Forget the words read so far (the benchmark times each message as if new)."""
        self._words.clear()

    def _repair(self, word: str) -> tuple[str, ...]:
        if word in self.known or not word.isalpha() or len(word) < FUZZY_SHORT_LEN:
            return (word,)
        english = word in english_words()
        if not english:
            limit = 2 if len(word) >= FUZZY_LONG_LEN else 1
            # A four-letter word is only repaired by a letter added or swapped ("chst").
            short = len(word) < FUZZY_MIN_LEN
            low = len(word) if short else len(word) - limit
            choices = [w for size in range(low, len(word) + limit + 1)
                       for w in self.by_length.get(size, ()) if not short or w[0] == word[0]]
            close = process.extract(word, choices, scorer=OSA.distance, score_cutoff=limit, limit=5)
            if close:
                # On a tie the word of the same first letter, then the longer, wins.
                best = min(close, key=lambda c: (c[1], c[0][0] != word[0], -len(c[0]), c[0]))
                return (best[0],)
        if len(word) >= SPLIT_MIN_LEN and not english:
            pieces = self._split(word)
            if pieces:
                return tuple(w for piece in pieces for w in tx.words(piece))
        return (word,)

    def _split(self, word: str) -> tuple[str, ...] | None:
        """Fewest known words that make `word`, one of them red-flag vocabulary."""
        common = english_words()
        n = len(word)
        best: list[tuple[int, tuple[str, ...]] | None] = [None] * (n + 1)
        best[0] = (0, ())
        for end in range(1, n + 1):
            for start in range(max(0, end - 16), end):
                prior = best[start]
                if prior is None:
                    continue
                piece = word[start:end]
                if not _is_piece(piece, self.known, common):
                    continue
                score = prior[0] + (1 if piece in self.vocabulary else 3)
                if best[end] is None or score < best[end][0]:
                    best[end] = (score, (*prior[1], piece))
        found = best[n]
        if found is None or len(found[1]) < 2 or not any(p in self.vocabulary for p in found[1]):
            return None
        return found[1]

    def _sentence(self, tokens: list[str], values: dict[int, float], decimal: set[int]) -> Sentence:
        found: dict[str, list[tuple[int, int]]] = {}
        single, long_terms = self.single, self.long_terms
        size = len(tokens)
        for i, token in enumerate(tokens):
            for group in single.get(token, ()):
                found.setdefault(group, []).append((i, i + 1))
            for length, table in long_terms.get(token, ()):
                if i + length <= size:
                    for group in table.get(tuple(tokens[i:i + length]), ()):
                        found.setdefault(group, []).append((i, i + length))
        for i, value in values.items():
            group = _number_group(tokens, i, value, i in decimal)
            if group:
                found.setdefault(group, []).append((i, i + 1))
        clause, refers_back, hard = _clauses(tokens, found)
        return Sentence(tokens, found, clause, refers_back, hard)


def _is_piece(piece: str, known: frozenset[str], common: frozenset[str]) -> bool:
    """Short pieces must be vocabulary or function words: "numbing" is not "numb ing"."""
    if len(piece) == 1:
        return piece in ("i", "a")
    if len(piece) <= 3:
        return piece in known
    return piece in known or piece in common


def _number_group(tokens: list[str], i: int, value: float, decimal: bool) -> str | None:
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    before = tokens[i - 1] if i else ""
    # "from a 9 to a 2": where the pain started, not where it is.
    starting = before == "from" or (before in ("a", "an") and i > 1 and tokens[i - 2] == "from")
    if tokens[i] == _SCORE:
        return "severe-score" if value >= SEVERE_SCORE and not starting else None
    if not decimal and (FIRST_YEAR <= value < date.today().year or after == "s"):
        return PAST  # a year gone by, or a decade ("in the 90s")
    unit_c = after in _CELSIUS or (after in _DEGREES and value < 50)
    unit_f = after in _FAHRENHEIT or (after in _DEGREES and value >= 90)
    if FEVER_C[0] <= value <= FEVER_C[1]:
        return "fever-number" if unit_c else "fever-number-maybe"
    if FEVER_F[0] <= value <= FEVER_F[1]:
        return "fever-number" if unit_f or decimal else "fever-number-maybe"
    # "from 2 to 9": the second number is where the pain is now.
    rising = before == "to" and i > 2 and tokens[i - 3] == "from"
    if SEVERE_SCORE <= value <= 10 and not decimal and (before in _SCORE_BEFORE or rising) \
            and after not in _NOT_A_SCORE and not starting:
        return "severe-score"
    return None


def _clauses(tokens: list[str], found: dict[str, list[tuple[int, int]]]
             ) -> tuple[list[int], dict[int, bool], frozenset[int]]:
    """Each word's clause number: a termination word ("but") starts a clause, and so does
    a joiner ("," "and") before a new subject ("my", "she", "the")."""
    starts = {s for s, _ in found.get(CUE_PREFIX + "clause-start", ())}
    # After a comma a question starts a clause too: "coughing up foam, what do we do".
    asks = {s for s, _ in found.get(CUE_PREFIX + "question-start", ())}
    breaks: dict[int, bool] = {}
    terminations = set()
    for start, end in found.get(CUE_PREFIX + "termination", ()):
        breaks[start] = end < len(tokens) and tokens[end] in _BACK_REFERENCE
        terminations.add(start)
    for i, token in enumerate(tokens):
        if token in _JOINERS and (i + 1 in starts or (token == "," and i + 1 in asks)) \
                and i not in breaks:
            breaks[i] = i + 1 < len(tokens) and tokens[i + 1] in _BACK_REFERENCE
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


# --- judging one sign -----------------------------------------------------------------

def _judge_sign(concept: SafetyConcept, sign: Sign, sentence: Sentence,
                safety: Safety) -> Hit | None:
    best: Hit | None = None
    for spans in _placements(sign, sentence, concept.near):
        if sign.unless and _blocked(sign, spans, sentence):
            continue
        counted, why, cue = _context(concept, spans, sentence)
        tier = concept.tier
        if counted and concept.onset_tier and CUE_PREFIX + "onset" in sentence.found:
            tier = concept.onset_tier if _rank(concept.onset_tier) < _rank(tier) else tier
            why += " (an onset word raises the tier)"
        words = " + ".join(" ".join(sentence.tokens[s:e]) for s, e in spans)
        hit = Hit(concept.id, tier, words, sentence.text, counted, why, cue,
                  " + ".join(sign.parts))
        if counted:
            return hit
        best = best or hit
    return best


def _placements(sign: Sign, sentence: Sentence, near: int) -> list[list[tuple[int, int]]]:
    """Ways to place the sign's parts with at most `near` other words among them: around
    each occurrence of each part, the nearest occurrence of every other part."""
    lists = [sentence.found[part] for part in sign.parts]
    if len(lists) == 1:
        return [[span] for span in lists[0]]
    seen: set[tuple[tuple[int, int], ...]] = set()
    out: list[list[tuple[int, int]]] = []
    for anchor_part, spans in enumerate(lists):
        for anchor in spans:
            chosen = []
            for part, options in enumerate(lists):
                if part == anchor_part:
                    chosen.append(anchor)
                    continue
                others = [o for o in options if o not in chosen]
                if not others:
                    break
                chosen.append(min(others, key=lambda o: abs(o[0] - anchor[0])))
            else:
                low = min(s for s, _ in chosen)
                high = max(e for _, e in chosen)
                key = tuple(sorted(chosen))
                over = any(n in sentence.hard for n in range(sentence.clause[low] + 1,
                                                              sentence.clause[high - 1] + 1))
                between = high - low - sum(e - s for s, e in chosen)
                if between <= near and key not in seen and not over:
                    seen.add(key)
                    out.append(sorted(chosen))
    return out


def _blocked(sign: Sign, spans: list[tuple[int, int]], sentence: Sentence) -> bool:
    low = spans[0][0] - UNLESS_BEFORE
    high = max(e for _, e in spans) + UNLESS_AFTER
    return any(low <= s < high for group in sign.unless for s, _ in sentence.found.get(group, ()))


def _cues(sentence: Sentence, name: str) -> list[tuple[int, int]]:
    return sentence.found.get(CUE_PREFIX + name, [])


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)


def _said(sentence: Sentence, span: tuple[int, int]) -> str:
    return " ".join(sentence.tokens[span[0]:span[1]])


def _context(concept: SafetyConcept, spans: list[tuple[int, int]],
             sentence: Sentence) -> tuple[bool, str, str]:
    """Whether the sign at `spans` is reported, why, and the cue words that decided."""
    clause = sentence.clause
    first, last = spans[0], max(spans, key=lambda s: s[1])
    own = {clause[s] for s, _ in spans}
    pseudo = _cues(sentence, "pseudo")

    # Negation: before a part of the sign, in its clause, within reach, and not a word
    # of the sign itself ("can not breathe") or a pseudo-negation ("not sure").
    for span in _cues(sentence, "negation"):
        if _inside(span, spans) or _inside(span, pseudo):
            continue
        for start, _ in spans:
            if (span[1] <= start and clause[span[0]] == clause[start]
                    and start - span[1] <= NEGATION_REACH):
                return False, "negated", _said(sentence, span)
    for span in _cues(sentence, "hedge"):
        if any(0 <= s - span[1] <= HEDGE_REACH for s, _ in spans):
            return False, "hedged (almost, nearly)", _said(sentence, span)
    for span in _cues(sentence, "idiom"):
        if _inside(span, spans):
            return False, "a figure of speech", _said(sentence, span)
    if concept.always:
        return True, "this concept counts in any sentence but a denial", ""

    resolved = _cues(sentence, "resolved")
    for span in resolved:
        # After the sign ("the numbness is gone"), even if it shares a word with it, and
        # not brought back later ("... but it's back today").
        if (span[0] >= first[1] and span[1] >= last[1]
                and _reaches_back(sentence, clause[last[0]], clause[span[0]])
                and not any(s >= span[1] and not _inside((s, e), resolved)
                            for s, e in _cues(sentence, "recurrence"))):
            return False, "resolved", _said(sentence, span)
    over = _cues(sentence, "resolved") + _cues(sentence, "past")
    present = [s for s in _cues(sentence, "present")
               if clause[s[0]] in own and not _inside(s, over)]
    for span in _cues(sentence, "past"):
        later = span[0] >= last[1] and _reaches_back(sentence, clause[last[0]], clause[span[0]])
        if (clause[span[0]] in own or later) and not _inside(span, spans) and not present:
            return False, "in the past", _said(sentence, span)
    if sentence.affirmed:
        return True, "reported (the next sentence says so)", ""
    # "is it normal if my leg is numb" is a report; "... if I get a fever" is not.
    future = _cues(sentence, "future")
    exempt = [span for span in _cues(sentence, "not-hypothetical")
              if not any(span[1] <= s < span[1] + FUTURE_REACH for s, _ in future)]
    for span in _cues(sentence, "hypothetical"):
        if (clause[span[0]] in own and span[1] <= last[1] and not _inside(span, spans)
                and not _inside(span, exempt)):
            return False, "hypothetical", _said(sentence, span)
    for span in _cues(sentence, "other-person"):
        if clause[span[0]] in own and span[1] <= first[0] and not _owned(sentence, spans):
            return False, "about someone other than the patient", _said(sentence, span)
    for span in _cues(sentence, "general"):
        if clause[span[0]] in own and not _inside(span, spans):
            return False, "a general question", _said(sentence, span)
    for span in _cues(sentence, "when-to-call"):
        if clause[span[0]] in own and not _inside(span, spans) and not _owned(sentence, spans):
            return False, "asks when to call", _said(sentence, span)
    reports = _cues(sentence, "report")
    # "can not breathe", "can barely lift my legs": the sign's own words, not a question.
    opens = spans[0][0] == 0 or sentence.tokens[1:2] == ["not"]
    if (any(s == 0 for s, _ in _cues(sentence, "possibility")) and own == {0}
            and not opens and not reports
            and not _cues(sentence, "not-hypothetical")):
        return False, "asks what could happen", _said(sentence, (0, 1))
    starts = _cues(sentence, "question-start")
    if (any(s == 0 for s, _ in starts) and not opens
            and not _cues(sentence, "person") and not reports):
        return False, "a general question (nobody is named)", _said(sentence, starts[0])
    for span in _cues(sentence, "present"):
        return True, "reported, happening now", _said(sentence, span)
    return True, "reported", ""


def _reaches_back(sentence: Sentence, sign_clause: int, cue_clause: int) -> bool:
    """A resolution cue covers its own clause, and earlier ones across "but it"."""
    return all(sentence.refers_back.get(n, False) for n in range(sign_clause + 1, cue_clause + 1))


def _owned(sentence: Sentence, spans: list[tuple[int, int]]) -> bool:
    tokens = sentence.tokens
    return any(t in _FIRST_PERSON for s, _ in spans for t in tokens[max(0, s - OWN_REACH):s])
