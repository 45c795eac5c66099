"""Ranking the entries for one analysed text: key-word scores, reach, fuzzy re-ranking.

Every weight below was chosen by sweeping it over the staff test set (tests/questions);
the comments give the figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz, process

from . import text as tx
from .index import QUESTION_STEMS, Analysis, Index
from .result import Candidate, Signals
from .wordlists import english_words, everyday_words

# Every weight and threshold below was chosen by sweeping it over the staff test set
# (tests/questions: `coverage` prints the figures) and keeping the value with the best
# accuracy at a wrong-answer rate under 3%; the sweeps are summarised in the README.
#
# Key-word score of a phrasing = 100 * (ENTRY_COVERAGE_WEIGHT * share of the phrasing's
# meaning found in the question + the rest * share of the question's meaning found in
# the phrasing), words weighted by how rare they are across entries. Entry coverage
# weighs more: a rambling message carries words no phrasing has, a short one must still
# match. (When chosen, on the first knowledge base, 0.55 -> 0.7 raised the top-1 rate
# on the tuning files from 91.5% to 92.2%.)
ENTRY_COVERAGE_WEIGHT = 0.7


# Share given to how much of the question the entry covers across all its phrasings
# together (its "reach"), which helps questions that combine two phrasings' words; words
# found only in the entry's answer count ANSWER_WORD_SHARE of a phrasing word.
REACH_WEIGHT = 0.55


ANSWER_WORD_SHARE = 0.5


# Words the knowledge base never uses scale the score by (known share) ** power: off-topic
# questions ("renew my driver's license") share a word or two but carry unknown ones.
# On the tuning files, power 1 against 0 declines 89.1% of out-of-scope questions
# instead of 81.8% for 93.2% right instead of 93.5%; long stories carry such words
# naturally, so there the power is halved.
UNKNOWN_WORD_POWER = 1.0


LONG_UNKNOWN_WORD_POWER = 0.5


# The leading entries are re-ranked with a share of plain fuzzy similarity of the whole
# wording, stop words included, which tells "who does it" from "who should get it"; it
# is discounted for unknown words too, or question shapes alone ("how do i ...") score.
FUZZY_WEIGHT = 0.35


FUZZY_UNKNOWN_POWER = 1.0


RERANK_LEADERS = 12


# Phrasings gathered per question before common words stop bringing in more (see
# _score_segment). On the staff set 800 and 3,000 decide identically; 400 answered one
# more case wrongly (2.0% against 1.8%).
CANDIDATE_CAP = 800


MAX_CANDIDATES = 10


# Messages with more meaningful words than this are also scored clause by clause, so the
# question at the end of a long story is matched on its own.
CLAUSE_SCORING_MIN_STEMS = 6


MAX_PARTS_SCORED = 1


# An entry none of whose phrasings holds the question's rarest word ("how long does the
# cement last" against "how long does it take") keeps this share of its score.
TELLING_MISS_FACTOR = 1.0


TELLING_MIN_WORDS = 2


TELLING_CAP = 60.0


TELLING_MAX_WORDS = 3


def rank(index: Index, analysis: Analysis, *, leaders: int = RERANK_LEADERS,
         telling_max: int | None = None) -> tuple[Candidate, ...]:
    """Entries ranked by score, best first, at most MAX_CANDIDATES; the first `leaders`
    of them re-ranked with the fuzzy wording signal. A telling word is looked for in
    questions of up to `telling_max` known words (TELLING_MAX_WORDS)."""
    segments: list[Sequence[str]] = [analysis.stems]
    if len(analysis.stems) > CLAUSE_SCORING_MIN_STEMS and len(analysis.clause_stems) > 1:
        # The last part holds the question in most long messages ("... What exactly is
        # that?"); on the staff set scoring only it beat scoring the last two or three
        # (1.8% wrong against 2.3%), and it keeps a pasted essay fast.
        segments.extend(s for s in analysis.clause_stems[-MAX_PARTS_SCORED:] if s)
    best: dict[int, tuple[float, int, float, float]] = {}
    for stems in segments:
        _score_segment(index, stems, best)
    reach = entry_reach(index, analysis.stems, best)
    keep, reached = 1 - REACH_WEIGHT, REACH_WEIGHT * 100
    found = list(best.items())
    blended = [keep * values[0] + reached * reach[entry] for entry, values in found]
    # Highest first, ties in the order found (a stable sort, reversed, keeps that order).
    leaders = [(found[at][0], (blended[at], *found[at][1][1:]))
               for at in sorted(range(len(found)), key=blended.__getitem__, reverse=True)[:leaders]]
    query_sorted = " ".join(sorted(analysis.flat.split()))
    # Plain wording similarity is blind to meaning ("how do i fix my phone screen" looks
    # like "how do i contact you"), so it too is discounted for words the base never uses.
    discount = _known_share(index, analysis.stems) ** FUZZY_UNKNOWN_POWER
    scored = []
    for entry, (keyword_score, phrasing, cq, ca) in leaders:
        fuzzy = _fuzzy(index, query_sorted, entry)
        score = (1 - FUZZY_WEIGHT) * keyword_score + FUZZY_WEIGHT * fuzzy * discount
        scored.append((score, entry, phrasing, (cq, ca, fuzzy, keyword_score)))
    telling = telling_word(index, analysis,
                           TELLING_MAX_WORDS if telling_max is None else telling_max)
    if telling is not None:
        # An entry that never uses the question's telling word cannot win on its other
        # words when a leader uses it. (Checked per phrasing, it also capped right answers
        # whose best phrasing lacked the word: staff set 91.9% right against 92.2%.)
        has = [telling in index.entry_stems[entry] for _, entry, _, _ in scored]
        if any(has):
            scored = [item if held else (min(item[0] * TELLING_MISS_FACTOR, TELLING_CAP),
                                         *item[1:])
                      for item, held in zip(scored, has, strict=True)]
    scored.sort(key=lambda item: -item[0])
    # Signals only for the candidates kept: round() is a third of a microsecond.
    return tuple(
        Candidate(index.entries[entry], round(score, 1), index.phrasing_texts[phrasing],
                  Signals(round(100 * cq, 1), round(100 * ca, 1), round(fuzzy, 1),
                          round(keyword_score, 1)))
        for score, entry, phrasing, (cq, ca, fuzzy, keyword_score) in scored[:MAX_CANDIDATES]
    )


_VERB_ENDINGS = ("ed",)
# Words for whoever, which say who asks, never what about: "how much time off work do
# people usually need" is about time off work.
_ANYONE_STEMS = frozenset(tx.stem(w) for w in (
    "people", "person", "someone", "somebody", "anyone", "anybody", "everyone", "everybody",
    "folks", "others"))


def _adverb(word: str) -> bool:
    """An English word plus "-ly": "slowly", "totally", "easily" (not "belly", "family")."""
    if len(word) < 6 or not word.endswith("ly"):
        return False
    english = english_words()
    return word[:-2] in english or word[:-3] + "y" in english


def telling_word(index: Index, analysis: Analysis, most: int = TELLING_MAX_WORDS) -> str | None:
    """The stem of a question's most telling word: the rarest across entries of its known
    words, preferring those that are no everyday English word ("cement", "surgeon"), never
    a question word; None when the question has fewer than two or more than `most` known
    words."""
    known = [s for s in analysis.stems if s in index.idf and s not in index.common_stems]
    if not TELLING_MIN_WORDS <= len(known) <= most:
        return None
    everyday = everyday_words()
    # Adverbs say how, not what about ("slowly", "really"): as plain as everyday words.
    plain = {tx.stem(w) for w in analysis.words if w in everyday or _adverb(w)}
    words = [s for s in known if s.isalpha() and s not in QUESTION_STEMS and s not in tx.WHEN_STEMS
             and s not in _ANYONE_STEMS]
    # Everyday words only when there is nothing rarer: "heavy" in "how long before doing
    # heavy things" (patient_a: 71 -> 72 of 85 right, the staff set unchanged).
    # Of everyday words, no verb form: "allowed" in "will I be allowed home that same day"
    # would cap every entry but the one about driving.
    verbs = {tx.stem(w) for w in analysis.words if w.endswith(_VERB_ENDINGS)}
    telling = [s for s in words if s not in plain] or [s for s in words if s not in verbs]
    return max(telling, key=lambda s: (index.idf[s], s)) if telling else None




def _known_share(index: Index, stems: Sequence[str], total: float | None = None) -> float:
    """Share of the question's meaning in words the knowledge base uses at all (`total`:
    the stems' weight, when the caller has it)."""
    idf = index.idf
    if total is None:
        unknown = index.unknown_weight
        total = sum([idf.get(s, unknown) for s in stems])
    return sum([idf.get(s, 0.0) for s in stems]) / total if total else 0.0


# Reach is summed word by word over the entries holding each word (index.stem_tables)
# for more words than this; for fewer, entry by entry, which needs no tables.
REACH_BY_WORD_MIN_STEMS = 6
# ...and only in a base of at most this many entries: in a large one a common word's
# table is made from hundreds of thousands of postings, and forgotten past the tables'
# limit, so a new question pays for it again (10,000 entries: match p99 11 -> 22 ms).
REACH_BY_WORD_MAX_ENTRIES = 2_000


def entry_reach(index: Index, stems: Sequence[str], entries: Iterable[int], *,
                by_word: bool | None = None) -> dict[int, float]:
    """Share of the question's meaning found anywhere in each entry's phrasings, with the
    words of its answer counting for a little (ANSWER_WORD_SHARE) when no phrasing has them.

    Only for the entries already in the running: the cost does not grow with the base.
    `by_word` chooses the way it is summed (a test compares them; by default by length).
    """
    idf, unknown = index.idf, index.unknown_weight
    weights = [idf.get(s, unknown) for s in stems]  # index.weight, without a call each
    total = sum(weights)
    shares = [(stem, weight / total) for stem, weight in zip(stems, weights, strict=True)]
    if by_word or (by_word is None and len(stems) > REACH_BY_WORD_MIN_STEMS
                   and len(index.entries) <= REACH_BY_WORD_MAX_ENTRIES):
        return _reach_by_word(index, shares, entries)
    reach = {}
    for entry in entries:
        own, answer = index.entry_stems[entry], index.answer_stems[entry]
        value = 0.0
        for stem, share in shares:
            if stem in own:
                value += share
            elif stem in answer:
                value += ANSWER_WORD_SHARE * share
        reach[entry] = value
    return reach


def _reach_by_word(index: Index, shares: list[tuple[str, float]],
                   entries: Iterable[int]) -> dict[int, float]:
    """entry_reach for a long question: each entry gets the same sums in the same order,
    word by word over the entries holding the word (a word only an entry's answer uses is
    none of its phrasings'), rather than each word tried on every entry in the running."""
    reach = dict.fromkeys(entries, 0.0)
    running = reach.keys()
    tables, answer_holders = index.stem_tables, index.answer_stems.holders
    for stem, share in shares:
        if stem in index.idf:
            for entry in running & tables[stem][2]:
                reach[entry] += share
        part = ANSWER_WORD_SHARE * share
        for entry in running & answer_holders(stem):
            reach[entry] += part
    return reach


def _fuzzy(index: Index, flat: str, entry: int) -> float:
    """How close the whole wording is to the entry's nearest phrasing (stop words count here).

    Token-sort similarity, with both sides' words sorted once rather than on every call.
    """
    best = process.extractOne(flat, index.entry_sorted_flats[entry], scorer=fuzz.ratio)
    return best[1] if best else 0.0


def _score_segment(index: Index, stems: Sequence[str],
                   best: dict[int, tuple[float, int, float, float]], *,
                   shortcut: int | None = None) -> None:
    """Each entry's best phrasing for these stems, merged into `best` (entry -> score,
    phrasing, question and entry coverage). `shortcut`: the fewest postings the last word
    is taken the short way from (LAST_WORD_SHORTCUT; a test compares other values)."""
    if not stems:
        return
    postings, idf = index.postings, index.idf
    unknown = index.unknown_weight
    total = sum([idf.get(s, unknown) for s in stems])  # index.weight, without a call each
    # Words the knowledge base never uses are evidence the question is about something
    # else ("renew my driver's license"), however well its other words fit a phrasing.
    # A long story naturally carries such words, so there they count for less.
    power = UNKNOWN_WORD_POWER if len(stems) <= CLAUSE_SCORING_MIN_STEMS else LONG_UNKNOWN_WORD_POWER
    penalty = _known_share(index, stems, total) ** power
    # Rarest words first. A word in most entries ("kyphoplasty", "what"), or any word once
    # the candidates would pass CANDIDATE_CAP, only adds to phrasings already found rather
    # than bringing in hundreds more: this is what keeps long messages and large
    # knowledge bases fast.
    known = sorted(((s, idf[s], postings[s]) for s in stems if s in idf),
                   key=lambda item: len(item[2]))
    budget = CANDIDATE_CAP
    taken: list[tuple[str, float, Sequence[int]]] = []
    common: list[tuple[str, float, Sequence[int]]] = []
    for item in known:
        numbers = item[2]
        if taken and (len(numbers) > budget or item[0] in index.common_stems):
            common.append(item)
            continue
        if not taken:
            # Even the rarest word may be everywhere in a huge base; its postings are sorted
            # shortest phrasing first, where the word matters most, so the cap keeps those.
            numbers = numbers[: max(budget, 0)]
            item = (item[0], item[1], numbers)
        budget -= len(numbers)
        taken.append(item)
    last = len(taken) - 1
    shortcut = LAST_WORD_SHORTCUT if shortcut is None else shortcut
    found: dict[int, float] = {}
    for at, (stem, weight, numbers) in enumerate(taken):
        if at == last and not common and len(numbers) >= shortcut \
                and len(numbers) == len(postings[stem]):
            _add_last(index, found, stem, weight, numbers)
        elif not at:  # the first word's phrasings, at C speed (0.0 + weight is weight)
            found = dict.fromkeys(numbers, weight)
        else:
            get = found.get
            for number in numbers:
                found[number] = get(number, 0.0) + weight
    stem_ids, offsets = index.phrasing_stem_ids, index.phrasing_offsets
    for stem, weight, numbers in common:
        if len(numbers) < 4 * len(found):  # a plain loop is cheaper per step
            # Each phrasing found gets the word's weight once, so the order does not
            # matter: the set intersection runs at C speed.
            for number in found.keys() & numbers:
                found[number] += weight
        else:
            stem_number = index.stem_ids[stem]
            for number in found:
                if stem_number in stem_ids[offsets[number]:offsets[number + 1]]:
                    found[number] += weight
    # score = 100 * penalty * (w * shared / phrasing weight + (1 - w) * shared / total),
    # written so the loop below does one multiply-add per phrasing.
    per_phrasing = 100 * penalty * ENTRY_COVERAGE_WEIGHT
    per_question = 100 * penalty * (1 - ENTRY_COVERAGE_WEIGHT) / total
    inverse, owner = index.scoring_lists
    # Each entry's best phrasing: the first found of those scoring highest (scores are
    # never negative, so -1 means none yet).
    top_score = [-1.0] * len(index.entries)
    top: dict[int, int] = {}
    for number, shared in found.items():
        score = shared * (per_phrasing * inverse[number] + per_question)
        entry = owner[number]
        if score > top_score[entry]:
            top_score[entry] = score
            top[entry] = number
    for entry, number in top.items():
        score = top_score[entry]
        held = best.get(entry)
        if held is None or score > held[0]:
            shared = found[number]
            best[entry] = (score, number, shared / total, shared * inverse[number])


# The last word's postings are taken the short way from this many phrasings (below, the
# tables' first use costs more than the loop saves).
LAST_WORD_SHORTCUT = 16


def _add_last(index: Index, found: dict[int, float], stem: str, weight: float,
              numbers: Sequence[int]) -> None:
    """The last word's weight added to the phrasings found holding it, and of those it
    brings in only each entry's first: what the full loop would find, for less.

    The phrasings it brings in hold no other word of the question, so each weighs the
    word's weight alone, and the first of an entry's (postings run lightest phrasing
    first) scores at least as high as the rest and is found before them: it is the only
    one that can be its entry's best. An entry whose first is already found (holding this
    word and more) has that one beating all of them. Kept in posting order, as the full
    loop adds them, so ties are broken alike.
    """
    firsts, held, _entries = index.stem_tables[stem]
    hits = held.intersection(found) if len(found) < len(numbers) else found.keys() & numbers
    for number in hits:
        found[number] += weight
    for number in firsts:
        if number not in found:
            found[number] = weight
