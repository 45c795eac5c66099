"""The matchers compared: faqbot's own and simple baselines over the same entries.

Each method names its best entry for a question with a score. faqbot decides for itself
whether to answer; a baseline answers when its score reaches a cutoff (see accuracy.py).
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from faqbot.kb.model import Entry, KnowledgeBase
from faqbot.understand.matcher import Kind, match

# difflib is slow over hundreds of phrasings; the best few by a fast similar measure are
# scored first so most others can be skipped by difflib's own upper bounds.
_DIFFLIB_HEAD = 20
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Guess:
    """A method's best entry for one question and its score."""

    entry_id: str | None
    score: float
    # faqbot's own decision (answer or not); None for baselines, which use a cutoff.
    answers: bool | None = None


class Method:
    """A matcher under test: a name, how it decides, and `guess(text)`."""

    name: str = ""
    rule: str = ""  # how "no match" is decided, filled in with the chosen cutoff
    decides: bool = False  # True: answers on its own; False: needs a cutoff

    def guess(self, text: str, *, floor: float = -math.inf) -> Guess:
        """The best entry for `text`.

        `floor` is the cutoff in use: a method may skip work on entries that cannot reach
        it, but must then return a score below it.
        """
        raise NotImplementedError


class Faqbot(Method):
    """faqbot.understand.matcher.match: "answer" answers; clarify, fallback and the rest do not."""

    name = "faqbot matcher"
    rule = "its own thresholds"
    decides = True

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def guess(self, text: str, *, floor: float = -math.inf) -> Guess:
        """The matcher's decision."""
        result = match(self.kb, text)
        answered = result.kind is Kind.ANSWER and result.entry is not None
        return Guess(result.entry.id if answered else None, result.score, answered)


class _Phrasings(Method):
    """A baseline over every question and alternate, each pointing at its entry."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        pairs = [(phrase, entry.id) for entry in entries for phrase in entry.phrasings]
        self.phrases = [phrase for phrase, _ in pairs]
        self.owners = [owner for _, owner in pairs]


class Difflib(_Phrasings):
    """difflib.get_close_matches(question, phrasings, n=1), both lower-cased."""

    name = "difflib get_close_matches"
    rule = "ratio >= {cutoff:.3f}"

    def __init__(self, entries: Sequence[Entry]) -> None:
        super().__init__(entries)
        self.lowered = [phrase.casefold() for phrase in self.phrases]
        self.owner_of = dict(zip(self.lowered, self.owners, strict=True))

    def guess(self, text: str, *, floor: float = -math.inf) -> Guess:
        """The same top match as get_close_matches(n=1, cutoff=floor), with its ratio."""
        best, phrase = best_ratio(text.casefold(), self.lowered, floor=floor)
        if not phrase:
            return Guess(None, -math.inf)
        return Guess(self.owner_of[phrase], best)


def best_ratio(word: str, possibilities: Sequence[str], *,
               floor: float = -math.inf) -> tuple[float, str]:
    """The (ratio, phrase) get_close_matches(word, possibilities, n=1, cutoff=floor) picks.

    Exact, only faster: a phrase is skipped when difflib's own upper bounds
    (real_quick_ratio, quick_ratio) show it cannot beat the best so far, and a likely
    winner is scored first. Ties go to the larger string, as in get_close_matches.
    Nothing reaching `floor` gives (floor, "").
    """
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    head = [i for _, _, i in process.extract(word, possibilities, scorer=fuzz.ratio,
                                             limit=_DIFFLIB_HEAD)]
    first = set(head)
    order = head + [i for i in range(len(possibilities)) if i not in first]
    best: tuple[float, str] = (max(floor, -1.0), "")
    for number in order:
        phrase = possibilities[number]
        matcher.set_seq1(phrase)
        if matcher.real_quick_ratio() < best[0] or matcher.quick_ratio() < best[0]:
            continue
        best = max(best, (matcher.ratio(), phrase))
    return best


class Rapidfuzz(_Phrasings):
    """rapidfuzz process.extractOne with one scorer and default_process, nothing else."""

    rule = "score >= {cutoff:.1f}"

    def __init__(self, entries: Sequence[Entry], scorer: Callable[..., float], label: str) -> None:
        super().__init__(entries)
        self.scorer = scorer
        self.name = f"rapidfuzz {label}"

    def guess(self, text: str, *, floor: float = -math.inf) -> Guess:
        """The best phrasing by this scorer."""
        hit = process.extractOne(text, self.phrases, scorer=self.scorer,
                                 processor=utils.default_process)
        if hit is None:
            return Guess(None, 0.0)
        return Guess(self.owners[hit[2]], float(hit[1]))


class Bm25(Method):
    """rank_bm25 BM25Okapi: one document per entry (question plus alternates)."""

    name = "BM25Okapi"
    rule = "score >= {cutoff:.2f}"

    def __init__(self, entries: Sequence[Entry]) -> None:
        from rank_bm25 import BM25Okapi  # benchmark-only dependency (the bench extra)

        self.ids = [entry.id for entry in entries]
        self.model = BM25Okapi([tokens(" ".join(entry.phrasings)) for entry in entries])

    def guess(self, text: str, *, floor: float = -math.inf) -> Guess:
        """The entry with the highest BM25 score."""
        query = tokens(text)
        if not query:
            return Guess(None, 0.0)
        scores = self.model.get_scores(query)
        best = int(scores.argmax())
        return Guess(self.ids[best], float(scores[best]))


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens: BM25 gets no stemming, stopwords or synonyms either."""
    return _TOKEN.findall(text.casefold())


def bm25_available() -> bool:
    """True when rank_bm25 (the bench extra) can be imported."""
    try:
        import rank_bm25  # noqa: F401
    except ImportError:
        return False
    return True


def all_methods(kb: KnowledgeBase) -> list[Method | None]:
    """faqbot and every baseline; None in BM25's place when rank_bm25 is missing."""
    entries = kb.entries
    return [
        Faqbot(kb),
        Difflib(entries),
        Rapidfuzz(entries, fuzz.WRatio, "WRatio"),
        Rapidfuzz(entries, fuzz.token_set_ratio, "token_set_ratio"),
        Bm25(entries) if bm25_available() else None,
    ]
