"""Coverage: run staff test questions through `match()` and add up how the bot did.

Pure core: reading case files (in cases.py, re-exported here), judging each case,
computing totals and the pass/fail gate. Rendering lives in coverage_cli.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..errors import UsageError
from ..kb.model import KnowledgeBase
from ..understand.matcher import Kind, MatchResult, match
from .cases import EMERGENCY as EMERGENCY
from .cases import FALLBACK, Case
from .cases import case_files as case_files
from .cases import expect_text as expect_text
from .cases import read_cases as read_cases
from .targets import COMMAND_HELP as COMMAND_HELP
from .targets import DEFAULT_MIN_ACCURACY, MAX_WRONG_ANSWER_RATE, MIN_EMERGENCY_RECALL

HISTOGRAM_BUCKET = 10



@dataclass(frozen=True)
class Outcome:
    """One case after matching: the decision and whether it counts as a pass."""

    case: Case
    result: MatchResult
    passed: bool

    @property
    def got(self) -> str | None:
        """The answered entry id, if the bot answered with one."""
        return self.result.entry.id if self.result.entry is not None else None

    @property
    def answered(self) -> tuple[str, ...]:
        """The entry ids answered: each part's for a message of several questions."""
        if self.result.parts:
            return tuple(p.entry.id for p in self.result.parts if p.entry is not None)
        got = self.got
        return (got,) if got is not None and self.result.kind is Kind.ANSWER else ()

    @property
    def wrong_answer(self) -> bool:
        """An in-scope question answered with an entry that was not expected (for several
        questions: any answer that none of them expects)."""
        if self.case.wants_all:
            return any(got not in self.case.ids for got in self.answered)
        return self.case.in_scope and self.result.kind is Kind.ANSWER and not self.passed

    @property
    def right_offered(self) -> bool:
        """On "did you mean": whether an expected entry was among the options shown."""
        return self.result.kind is Kind.CLARIFY and any(
            e.id in self.case.ids for e in self.result.options)

    @property
    def expected_rank(self) -> int | None:
        """1-based rank of the best expected entry among the candidates, or None."""
        for rank, candidate in enumerate(self.result.candidates, 1):
            if candidate.entry.id in self.case.ids:
                return rank
        return None


@dataclass(frozen=True)
class Totals:
    """The summary figures of a coverage run."""

    cases: int
    passed: int
    in_scope: int
    in_scope_passed: int
    wrong_answers: int
    clarify: int
    clarify_right_offered: int
    fallback: int
    out_of_scope: int
    out_of_scope_rejected: int
    emergency_cases: int
    emergency_found: int
    false_emergencies: int
    # Cases asking several questions (`expect_all`), and those with every one answered.
    several: int = 0
    several_all_answered: int = 0
    # Near misses (`harmless`), and those that got the emergency message all the same.
    near_misses: int = 0
    near_miss_alarms: int = 0

    @property
    def failed(self) -> int:
        """Cases that did not pass."""
        return self.cases - self.passed

    @property
    def in_scope_accuracy(self) -> float | None:
        """Share of in-scope cases passed (None without in-scope cases)."""
        return _rate(self.in_scope_passed, self.in_scope)

    @property
    def wrong_answer_rate(self) -> float | None:
        """Share of in-scope cases answered with a wrong entry."""
        return _rate(self.wrong_answers, self.in_scope)

    @property
    def clarify_rate(self) -> float | None:
        """Share of in-scope cases that got "did you mean"."""
        return _rate(self.clarify, self.in_scope)

    @property
    def fallback_rate(self) -> float | None:
        """Share of in-scope cases that got "I don't know"."""
        return _rate(self.fallback, self.in_scope)

    @property
    def out_of_scope_rejection(self) -> float | None:
        """Share of out-of-scope cases that got "I don't know"."""
        return _rate(self.out_of_scope_rejected, self.out_of_scope)

    @property
    def emergency_recall(self) -> float | None:
        """Share of red-flag cases answered with the emergency message."""
        return _rate(self.emergency_found, self.emergency_cases)

    def as_dict(self) -> dict[str, int | float | None]:
        """Counts and rates (fractions 0-1, rounded), for `--json`."""
        counts = {name: getattr(self, name) for name in self.__dataclass_fields__}
        rates = ("in_scope_accuracy", "wrong_answer_rate", "clarify_rate", "fallback_rate",
                 "out_of_scope_rejection", "emergency_recall")
        return {**counts, "failed": self.failed,
                **{name: _round(getattr(self, name)) for name in rates}}


@dataclass(frozen=True)
class Gate:
    """Whether a run passes, and why not."""

    ok: bool
    reasons: tuple[str, ...]


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)



# --- running and judging --------------------------------------------------------------

def judge(case: Case, result: MatchResult) -> Outcome:
    """Whether `result` is an acceptable decision for `case`."""
    kind = result.kind
    if case.wants_all:
        answered = Outcome(case, result, False).answered
        passed = kind is Kind.ANSWER and all(i in answered for i in case.ids)
        return Outcome(case, result, passed)
    if kind is Kind.EMERGENCY:
        passed = case.wants_emergency
    elif case.near_miss:
        passed = True
    elif kind is Kind.FALLBACK:
        passed = FALLBACK in case.expect
    elif kind is Kind.ANSWER:
        passed = result.entry is not None and result.entry.id in case.ids
    else:  # "did you mean" and smalltalk never pass
        passed = False
    return Outcome(case, result, passed)


def run_cases(kb: KnowledgeBase, cases: Sequence[Case], *,
              progress: Callable[[int], None] | None = None,
              every: int = 100) -> list[Outcome]:
    """Match every case; `progress(done)` is called every `every` cases and at the end."""
    outcomes: list[Outcome] = []
    for done, case in enumerate(cases, 1):
        outcomes.append(judge(case, match(kb, case.question)))
        if progress is not None and done % every == 0:
            progress(done)
    if progress is not None:
        progress(len(cases))
    return outcomes


def totals(outcomes: Sequence[Outcome]) -> Totals:
    """Add up the summary figures (rates are taken over the relevant cases only)."""
    t = Counter[str]()
    for o in outcomes:
        case, kind = o.case, o.result.kind
        t["passed"] += o.passed
        if case.in_scope:
            t["in_scope"] += 1
            t["in_scope_passed"] += o.passed
            t["wrong_answers"] += o.wrong_answer
            t["clarify"] += kind is Kind.CLARIFY
            t["clarify_right_offered"] += o.right_offered
            t["fallback"] += kind is Kind.FALLBACK
        if case.wants_all:
            t["several"] += 1
            t["several_all_answered"] += o.passed
        if case.out_of_scope:
            t["out_of_scope"] += 1
            t["out_of_scope_rejected"] += kind is Kind.FALLBACK
        if case.wants_emergency:
            t["emergency_cases"] += 1
            t["emergency_found"] += kind is Kind.EMERGENCY
        else:
            t["false_emergencies"] += kind is Kind.EMERGENCY
        if case.near_miss:
            t["near_misses"] += 1
            t["near_miss_alarms"] += kind is Kind.EMERGENCY
    fields = Totals.__dataclass_fields__
    return Totals(**{name: t[name] for name in fields if name != "cases"}, cases=len(outcomes))


def min_accuracy_fraction(value: float | None) -> float:
    """`--min-accuracy` as a fraction: 0.9 and 90 both mean 90%; None means the default."""
    if value is None:
        return DEFAULT_MIN_ACCURACY
    if not 0 <= value <= 100:
        raise UsageError(f"--min-accuracy {value:g}: give a fraction 0-1 or a percentage 0-100")
    return value / 100 if value > 1 else value


def gate(summary: Totals, min_accuracy: float = DEFAULT_MIN_ACCURACY) -> Gate:
    """Pass when every case passes, or when accuracy, wrong answers and recall all hold.

    Without in-scope cases the accuracy target applies to all cases instead.
    """
    if summary.failed == 0:
        return Gate(True, ())
    reasons: list[str] = []
    accuracy = summary.in_scope_accuracy
    label = "in-scope accuracy"
    if accuracy is None:
        accuracy, label = summary.passed / summary.cases if summary.cases else 1.0, "pass rate"
    if accuracy < min_accuracy:
        reasons.append(f"{label} {accuracy:.1%} is below {min_accuracy:.0%}")
    wrong = summary.wrong_answer_rate
    if wrong is not None and wrong > MAX_WRONG_ANSWER_RATE:
        reasons.append(f"wrong-answer rate {wrong:.1%} is above {MAX_WRONG_ANSWER_RATE:.0%}")
    recall = summary.emergency_recall
    if recall is not None and recall < MIN_EMERGENCY_RECALL:
        missed = summary.emergency_cases - summary.emergency_found
        reasons.append(f"emergency recall {recall:.1%}: {missed} red flag(s) missed")
    return Gate(not reasons, tuple(reasons))


# --- where the bot goes wrong ---------------------------------------------------------

def weakest_entries(outcomes: Sequence[Outcome], limit: int = 10) -> list[tuple[str, int, int]]:
    """(entry id, misses, cases) for the expected entries missed most often."""
    cases: Counter[str] = Counter()
    misses: Counter[str] = Counter()
    for o in outcomes:
        if o.case.in_scope:
            primary = o.case.ids[0]
            cases[primary] += 1
            misses[primary] += not o.passed
    ranked = sorted((m, m / cases[i], i) for i, m in misses.items() if m)
    ranked.sort(key=lambda item: (-item[0], -item[1], item[2]))
    return [(entry_id, m, cases[entry_id]) for m, _, entry_id in ranked[:limit]]


def confused_pairs(outcomes: Sequence[Outcome], limit: int = 10) -> list[tuple[str, str, int]]:
    """(expected, chosen instead, count): failed cases whose top candidate was another entry."""
    pairs: Counter[tuple[str, str]] = Counter()
    for o in outcomes:
        if o.passed or not o.case.in_scope or not o.result.candidates:
            continue
        top = o.result.candidates[0].entry.id
        if top not in o.case.ids:
            pairs[(o.case.ids[0], top)] += 1
    return [(a, b, n) for (a, b), n in pairs.most_common(limit)]


def score_histogram(outcomes: Sequence[Outcome]) -> list[tuple[int, int, int]]:
    """(bucket start, right, wrong) for the top candidate's score, buckets of 10.

    Right: the top candidate is an expected entry. Wrong: it is any other entry,
    including every top candidate of an out-of-scope question. Red-flag cases are left
    out: they are decided before ranking.
    """
    right: Counter[int] = Counter()
    wrong: Counter[int] = Counter()
    for o in outcomes:
        if o.case.wants_emergency or not o.result.candidates:
            continue
        top = o.result.candidates[0]
        bucket = min(int(top.score // HISTOGRAM_BUCKET), 100 // HISTOGRAM_BUCKET - 1)
        (right if top.entry.id in o.case.ids else wrong)[bucket] += 1
    return [(b * HISTOGRAM_BUCKET, right[b], wrong[b]) for b in range(100 // HISTOGRAM_BUCKET)]


def describe(o: Outcome) -> str:
    """What the bot did, in a few words: `answer x`, `clarify a | b`, `fallback`..."""
    result = o.result
    kind = result.kind
    if kind is Kind.ANSWER and result.parts:
        return "answer " + " + ".join(o.answered)
    if kind is Kind.ANSWER and result.entry is not None:
        return f"answer {result.entry.id}"
    if kind is Kind.CLARIFY:
        return "clarify " + " | ".join(e.id for e in result.options)
    if kind is Kind.EMERGENCY and result.safety is not None:
        return f"emergency ({result.safety.rule})"
    if kind is Kind.SMALLTALK and result.smalltalk is not None:
        return f"smalltalk {result.smalltalk.id}"
    return kind.value


