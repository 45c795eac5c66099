"""Knowledge bases nobody on this project wrote: the foreign FAQ splits.

Each split of ../shared/data/foreign-faq/ (README there) becomes a knowledge base of its
own, built in memory from the loader's data types, plus its test questions. Nothing is
written into knowledge/. A split is fixed by its data: which rewordings become
alternates and which are asked is decided by their order in the file, not by chance.

- StackFAQ: each thread's `question` is the entry's question, its first k rewordings
  (k = 0 or 3) its alternates, the other rewordings the test questions.
- COVID-Q: each labelled cluster (a category, at least two questions) is an entry; its
  first question is the entry's question, the next k (1 or 3) its alternates, the rest
  the test questions.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from faqbot.kb.model import Clinic, Entry, KnowledgeBase, Safety, frozen_mapping
from faqbot.understand.matcher import Kind, match, thresholds

FOREIGN = Path(__file__).resolve().parents[2] / "shared" / "data" / "foreign-faq"
# Rewordings such as "*" carry no word: neither an alternate nor a question.
_HAS_WORD = re.compile(r"[A-Za-z]{2}")
SPLITS = (("StackFAQ", 0), ("StackFAQ", 3), ("COVID-Q", 1), ("COVID-Q", 3))
# The promise on any knowledge base: wrong answers at most this share of the questions.
WRONG_MAX = 0.03


@dataclass(frozen=True)
class Split:
    """One foreign knowledge base and the questions asked of it (question, entry id)."""

    name: str
    kb: KnowledgeBase
    questions: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Outcome:
    """faqbot and BM25 on one split: shares of its test questions."""

    split: str
    entries: int
    questions: int
    right: float
    wrong: float
    # Answered right, or "did you mean" with the right entry among the options.
    answered_or_offered: float
    bm25_top1: float | None  # None: rank-bm25 (the bench extra) is not installed
    thresholds: str  # the thresholds calibrated for the split, as one line

    @property
    def passed(self) -> bool:
        """Wrong answers within the promise, and the right entry answered or offered at
        least as often as BM25's top entry is right."""
        return self.wrong <= WRONG_MAX and (
            self.bm25_top1 is None or self.answered_or_offered >= self.bm25_top1)


def measure(split: Split, bm25: type | None, *, every: int = 1) -> Outcome:
    """Ask every `every`-th test question of `split`; BM25 (a Method class) in the same
    process over the same entries, when given."""
    asked = split.questions[::max(1, every)]
    right = wrong = offered = bm25_right = 0
    model = bm25(split.kb.entries) if bm25 is not None else None
    for text, wanted in asked:
        result = match(split.kb, text)
        if result.kind is Kind.ANSWER and result.entry is not None:
            right += result.entry.id == wanted
            wrong += result.entry.id != wanted
        elif result.kind is Kind.CLARIFY:
            offered += any(entry.id == wanted for entry in result.options)
        if model is not None:
            bm25_right += model.guess(text).entry_id == wanted
    n = max(len(asked), 1)
    return Outcome(split.name, len(split.kb.entries), len(asked), right / n, wrong / n,
                   (right + offered) / n, bm25_right / n if model is not None else None,
                   thresholds(split.kb).values)


def available(folder: Path = FOREIGN) -> bool:
    """True when the foreign FAQ files are there (they live outside the repository)."""
    return (folder / "stackfaq.json").is_file() and (folder / "covid-q.csv").is_file()


def splits(folder: Path = FOREIGN) -> Iterator[Split]:
    """Every split in SPLITS, built from the files in `folder`."""
    for dataset, k in SPLITS:
        groups = _stackfaq(folder) if dataset == "StackFAQ" else _covid(folder)
        yield build(f"{dataset} k={k}", groups, k, folder)


def build(name: str, groups: list[tuple[str, list[str], str]], k: int,
          source: Path) -> Split:
    """A split from (question, rewordings, answer) groups: k rewordings become alternates."""
    entries: list[Entry] = []
    questions: list[tuple[str, str]] = []
    for number, (question, rewordings, answer) in enumerate(groups, 1):
        entry_id = f"e{number}"
        entries.append(Entry(entry_id, question, answer or question, tuple(rewordings[:k])))
        questions.extend((text, entry_id) for text in rewordings[k:])
    kb = KnowledgeBase(tuple(entries), frozen_mapping({}), (), Clinic(), Safety(),
                       source / name)
    return Split(name, kb, tuple(questions))


def _stackfaq(folder: Path) -> list[tuple[str, list[str], str]]:
    with (folder / "stackfaq.json").open(encoding="utf-8") as f:
        pairs = json.load(f)["root"]["qapair"]
    groups = []
    for pair in pairs:
        answer = pair.get("answer") or ""
        answer = " ".join(answer) if isinstance(answer, list) else str(answer)
        rewordings = [r.strip() for r in pair.get("rephr") or ()
                      if isinstance(r, str) and _HAS_WORD.search(r)]
        groups.append((pair["question"].strip(), rewordings, answer))
    return groups


def _covid(folder: Path) -> list[tuple[str, list[str], str]]:
    clusters: dict[str, list[str]] = {}
    answers: dict[str, str] = {}
    with (folder / "covid-q.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if not row["Category"].strip() or not _HAS_WORD.search(row["Question"]):
                continue
            clusters.setdefault(row["Question ID"], []).append(row["Question"].strip())
            answers.setdefault(row["Question ID"], row.get("Answers") or "")
    return [(texts[0], texts[1:], answers[key])
            for key, texts in clusters.items() if len(texts) >= 2]
