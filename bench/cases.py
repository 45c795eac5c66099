"""Staff test cases read for the benchmark: question plus the acceptable outcomes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from faqbot.errors import CaseFileError

FALLBACK = "fallback"
EMERGENCY = "emergency"


@dataclass(frozen=True)
class Case:
    """One test question and what counts as a good outcome for it."""

    question: str
    # Entry ids that are good answers; may also hold "fallback" (not answering is fine).
    expect: frozenset[str]

    @property
    def in_scope(self) -> bool:
        """True when some entry answers it; False for questions the bot must decline."""
        return bool(self.expect - {FALLBACK})

    @property
    def ids(self) -> frozenset[str]:
        """The entry ids that are good answers."""
        return self.expect - {FALLBACK}


@dataclass(frozen=True)
class CaseSet:
    """Named cases, e.g. "faq + out_of_scope" or its typo variant."""

    name: str
    cases: tuple[Case, ...]

    @property
    def in_scope(self) -> int:
        """How many cases some entry answers."""
        return sum(case.in_scope for case in self.cases)


def read_cases(path: Path) -> tuple[Case, ...]:
    """The cases of one staff YAML file; emergency cases are left out (not matching)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CaseFileError(f"{path}: cannot read case file ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        raise CaseFileError(f"{path}: not valid YAML ({exc})") from None
    items = data.get("cases") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise CaseFileError(f"{path}: expected a top-level 'cases:' list")
    cases: list[Case] = []
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict) or not isinstance(item.get("question"), str):
            raise CaseFileError(f"{path}: case {number} needs a 'question' text")
        expect = item.get("expect")
        wanted = expect if isinstance(expect, list) else [expect]
        if not wanted or not all(isinstance(w, str) and w for w in wanted):
            raise CaseFileError(f"{path}: case {number} needs 'expect': an id, a list or fallback")
        if set(wanted) == {EMERGENCY}:
            continue
        cases.append(Case(item["question"], frozenset(wanted) - {EMERGENCY}))
    return tuple(cases)


def case_set(name: str, paths: Iterable[Path]) -> CaseSet:
    """The cases of several files as one set."""
    return CaseSet(name, tuple(case for path in paths for case in read_cases(path)))


def unknown_ids(sets: Iterable[CaseSet], known: Iterable[str]) -> list[str]:
    """Expected ids the knowledge base does not have (nothing can answer those cases)."""
    have = set(known)
    return sorted({i for s in sets for c in s.cases for i in c.ids if i not in have})
