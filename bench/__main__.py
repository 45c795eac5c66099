"""`python -m bench`: accuracy against baselines, speed and scale, in one run.

Progress goes to stderr; the table goes to stdout and to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from faqbot.boundary import guarded
from faqbot.errors import ExitStatus, FaqbotError
from faqbot.kb.files import display_path
from faqbot.kb.loader import default_kb, load
from faqbot.kb.model import KnowledgeBase

from . import rows as make
from .accuracy import Scored, evaluate
from .cases import CaseSet, case_set, unknown_ids
from .foreign import FOREIGN
from .foreign import available as foreign_available
from .foreign import measure as measure_foreign
from .foreign import splits as foreign_splits
from .kbgen import write_grown
from .methods import Bm25, all_methods, bm25_available
from .report import Row, results_markdown, table, write_results
from .sizes import SizeFailure, SizeResult, measure
from .startup import Startup, ask_command, chat_command, compare, import_costs
from .throughput import coverage_throughput
from .typos import TYPO_MIN_LETTERS, TYPO_SHARE, with_typos

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "tests" / "questions"
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
# Matching at one size stops once this many seconds were spent, so a slow matcher on a
# large knowledge base cannot stretch the run past a few minutes.
MATCH_BUDGET_SECONDS = 15.0


@dataclass(frozen=True)
class Settings:
    """What to run, after --quick has filled in the options left unset."""

    kb: Path | None
    tuning: tuple[Path, ...]
    holdout: tuple[Path, ...]
    every: int
    sizes: tuple[int, ...]
    rounds: int
    startup_runs: int
    throughput: int
    seed: int
    out: Path | None
    strict: bool
    foreign: Path | None = FOREIGN


def build_parser() -> argparse.ArgumentParser:
    """The benchmark's options."""
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmark faqbot's matcher against simple baselines: accuracy, speed, "
                    "scale, start-up. Prints one table and writes it to bench/RESULTS.md.")
    parser.add_argument("--quick", action="store_true",
                        help="a fast run: every 4th case, generated size 1,000 only, "
                             "5 start-up runs, 2,000 throughput cases")
    parser.add_argument("--kb", type=Path, default=None, metavar="PATH",
                        help="knowledge base (default: knowledge/)")
    parser.add_argument("--cases", type=Path, nargs="+", default=None, metavar="FILE",
                        help="tuning case files; baseline cutoffs are chosen on these "
                             "(default: tests/questions/faq.yaml out_of_scope.yaml)")
    parser.add_argument("--holdout", type=Path, nargs="*", default=None, metavar="FILE",
                        help="case files reported separately (default: "
                             "tests/questions/holdout.yaml; give none to skip)")
    parser.add_argument("--every", type=int, default=None, metavar="N",
                        help="use every Nth case of each set (default 1, 4 with --quick)")
    parser.add_argument("--sizes", type=_sizes, default=None, metavar="N,N",
                        help="generated knowledge-base sizes (default 1000,10000,50000; 1000 with "
                             "--quick; '' for none)")
    parser.add_argument("--rounds", type=int, default=None, metavar="N",
                        help="times each question is matched per size (default 3, 1 with --quick); "
                             f"a size stops after {MATCH_BUDGET_SECONDS:g} s of matching")
    parser.add_argument("--startup-runs", type=int, default=None, metavar="N",
                        help="interleaved start-up runs (default 15, 5 with --quick; 0 skips)")
    parser.add_argument("--throughput", type=int, default=None, metavar="CASES",
                        help="coverage throughput cases (default 10000, 2000 with --quick; "
                             "0 skips)")
    parser.add_argument("--foreign", type=Path, default=FOREIGN, metavar="DIR",
                        help="the foreign FAQ sets (default: ../shared/data/foreign-faq); "
                             "rows are skipped when the folder is missing")
    parser.add_argument("--no-foreign", action="store_true", help="skip the foreign FAQ rows")
    parser.add_argument("--seed", type=int, default=0, help="typo and generation seed")
    parser.add_argument("--out", type=Path, default=RESULTS, metavar="FILE",
                        help="results file (default: bench/RESULTS.md)")
    parser.add_argument("--no-write", action="store_true", help="do not write the results file")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when a target fails or a measurement breaks")
    return parser


def _sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of sizes: {text!r}") from None
    if any(size < 1 for size in sizes):
        raise argparse.ArgumentTypeError("sizes must be at least 1")
    return sizes


def settings(args: argparse.Namespace) -> Settings:
    """The options with --quick's defaults filled in."""
    quick = args.quick

    def pick(value: object, normal: object, fast: object):
        return value if value is not None else (fast if quick else normal)

    return Settings(
        kb=args.kb,
        tuning=tuple(args.cases or (QUESTIONS / "faq.yaml", QUESTIONS / "out_of_scope.yaml")),
        holdout=tuple(args.holdout if args.holdout is not None else (QUESTIONS / "holdout.yaml",)),
        every=max(1, pick(args.every, 1, 4)),
        sizes=pick(args.sizes, (1000, 10_000, 50_000), (1000,)),
        rounds=max(1, pick(args.rounds, 3, 1)),
        startup_runs=max(0, pick(args.startup_runs, 15, 5)),
        throughput=max(0, pick(args.throughput, 10_000, 2000)),
        seed=args.seed,
        out=None if args.no_write else args.out,
        strict=args.strict,
        foreign=None if args.no_foreign else args.foreign,
    )


def _say(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def _sample(cases: CaseSet, every: int) -> CaseSet:
    return CaseSet(cases.name, cases.cases[::every])


def run(chosen: Settings) -> tuple[list[Row], list[str]]:
    """Every measurement, as table rows plus notes."""
    kb = load(chosen.kb)
    tuning = _sample(case_set(" + ".join(p.stem for p in chosen.tuning), chosen.tuning),
                     chosen.every)
    sets = [tuning, with_typos(tuning, seed=chosen.seed)]
    clean_of: list[int | None] = [None, 0]
    if chosen.holdout:
        holdout = _sample(case_set(" + ".join(p.stem for p in chosen.holdout), chosen.holdout),
                          chosen.every)
        sets += [holdout, with_typos(holdout, seed=chosen.seed)]
        clean_of += [None, 2]
    notes = _notes(chosen)
    missing = unknown_ids(sets, kb.by_id)
    if missing:
        notes.append(f"Cases expect ids the knowledge base lacks (no method can get them "
                     f"right): {', '.join(missing)}.")

    table_rows = _accuracy(kb, sets, clean_of)
    table_rows += make.foreign_rows(_foreign(chosen))
    if chosen.throughput:
        _say(f"coverage throughput over {chosen.throughput:,} cases")
        fresh = load(chosen.kb)  # a cold typo cache, as a `coverage` run starts with
        questions = [case.question for s in sets for case in s.cases]
        table_rows.append(make.throughput_row(coverage_throughput(
            fresh, (*chosen.tuning, *chosen.holdout), questions, chosen.throughput)))
    else:
        table_rows.append(make.throughput_row(None))
    timing = [case.question for s in sets[:2] for case in s.cases]
    table_rows += make.size_rows(_scale(kb, chosen, timing), chosen.sizes, _base_label(kb))
    table_rows += _startup(kb, chosen.startup_runs)
    return table_rows, notes


def _accuracy(kb: KnowledgeBase, sets: list[CaseSet], clean_of: list[int | None]) -> list[Row]:
    names = [s.name for s in sets]
    scored: list[Scored] = []
    for method in all_methods(kb):
        if method is None:
            continue
        _say(f"accuracy of {method.name} on {sum(len(s.cases) for s in sets):,} questions")
        scored.append(evaluate(method, sets[0], sets[1:]))
    table_rows = make.accuracy_rows(names, clean_of, scored)
    if len(scored) < len(all_methods(kb)):
        table_rows += make.missing_method_rows(
            names, Bm25.name, 'not installed: python3 -m pip install -e ".[bench]"')
    return table_rows


def _foreign(chosen: Settings) -> list | str:
    """faqbot (calibrated) and BM25 on each foreign split, or why they were not run."""
    if chosen.foreign is None:
        return "not measured (--no-foreign)"
    if not foreign_available(chosen.foreign):
        return f"not measured ({display_path(chosen.foreign)} not found)"
    _say("foreign FAQ splits (each its own knowledge base, calibrated at its first question)")
    bm25 = Bm25 if bm25_available() else None
    return [measure_foreign(split, bm25, every=chosen.every)
            for split in foreign_splits(chosen.foreign)]


def _scale(kb: KnowledgeBase, chosen: Settings,
           questions: Sequence[str]) -> list[SizeResult | SizeFailure]:
    results: list[SizeResult | SizeFailure] = []
    with tempfile.TemporaryDirectory(prefix="faqbot-bench-") as scratch:
        for size in (None, *chosen.sizes):
            if size is None:
                path = kb.source
            else:
                _say(f"writing a generated knowledge base of {size:,} entries")
                path = write_grown(kb, size, Path(scratch) / str(size), seed=chosen.seed)
            _say(f"loading and matching at {size or len(kb.entries):,} entries "
                 "(fresh interpreter)")
            try:
                results.append(measure(path, questions, rounds=chosen.rounds,
                                       budget=MATCH_BUDGET_SECONDS, seed=chosen.seed))
            except FaqbotError as error:
                results.append(SizeFailure(size or len(kb.entries), error.problems[0]))
    return results


def _startup(kb: KnowledgeBase, runs: int) -> list[Row]:
    ask_subject = 'run_bot.py ask "..." --json vs python -c "import rapidfuzz, yaml"'
    chat_subject = "run_bot.py (chat, one line piped) vs the same"
    if not runs:
        return [make.startup_row("start-up: ask", ask_subject, None, make.ASK_RATIO),
                make.startup_row("start-up: chat", chat_subject, None, make.CHAT_RATIO),
                *make.import_rows(None)]
    _say(f"start-up, {runs} interleaved runs each, with the load cache warm and without it")
    line = b"how long does it take\n"
    with tempfile.TemporaryDirectory(prefix="faqbot-bench-cache-") as folder:
        warm = {"FAQBOT_CACHE_DIR": str(Path(folder) / "cache")}
        cold = {"FAQBOT_NO_CACHE": "1"}
        rows = [
            make.startup_row("start-up: ask", ask_subject + " (cache warm)",
                             _compare(ask_command(kb.source), runs, env=warm), make.ASK_RATIO),
            make.startup_row("start-up: chat", chat_subject + " (cache warm)",
                             _compare(chat_command(kb.source), runs, stdin=line, env=warm),
                             make.CHAT_RATIO),
            make.startup_row("start-up: ask", ask_subject + " (no cache)",
                             _compare(ask_command(kb.source), runs, env=cold), None),
            make.startup_row("start-up: chat", chat_subject + " (no cache)",
                             _compare(chat_command(kb.source), runs, stdin=line, env=cold), None),
        ]
        try:
            costs: list[tuple[str, float]] | str = import_costs(ask_command(kb.source), warm)
        except FaqbotError as error:
            costs = error.problems[0]
    return rows + make.import_rows(costs)


def _compare(command: Sequence[str], runs: int, *, stdin: bytes = b"",
             env: dict[str, str] | None = None) -> Startup | str:
    try:
        return compare(command, runs, stdin=stdin, env=env)
    except FaqbotError as error:
        return error.problems[0]


def _base_label(kb: KnowledgeBase) -> str:
    if Path(kb.source).resolve() == default_kb().resolve():
        return "shipped KB"
    return display_path(Path(kb.source))


def _notes(chosen: Settings) -> list[str]:
    sampled = f" Every {chosen.every}th case only (--every/--quick)." if chosen.every > 1 else ""
    return [
        "Right: answered with an expected entry; wrong: answered an in-scope question with "
        "another entry (both shares of in-scope questions); declined: share of out-of-scope "
        "questions not answered. faqbot answers only with kind `answer`: clarify, fallback, "
        "smalltalk and emergency count as not answering." + sampled,
        "Baseline cutoffs are chosen on the clean tuning set (the first) to maximise right "
        "minus wrong answers, an answer to an out-of-scope question counting as wrong; the "
        "highest of equally good cutoffs is taken, and kept for the typo and holdout sets.",
        f"Typos: seed {chosen.seed}; one swapped, dropped or doubled letter (never the first) "
        f"in about {TYPO_SHARE:.0%} of words of {TYPO_MIN_LETTERS}+ letters. The bracket after "
        "`right` is the change against the same set without typos, in points.",
        "difflib: question and phrasings lower-cased; the top match and ratio are exactly "
        "get_close_matches(n=1)'s. rapidfuzz: extractOne with default_process. BM25: "
        "rank_bm25 BM25Okapi, one document per entry (question + alternates), "
        "lower-cased word tokens.",
        "Match time: each tuning question, clean and with typos, timed in-process per "
        "match() call (CPU time of the thread, which the targets are judged on, and wall "
        "time), each size in a fresh interpreter, shuffled and stopped after "
        f"{MATCH_BUDGET_SECONDS:g} s of matching (so slow sizes have fewer samples). "
        "Generated knowledge bases are the real files plus copies with new ids and half of "
        "each phrasing's longer words made unique to the copy (bench/kbgen.py). Memory: "
        "resident-set growth during load.",
        "Foreign FAQ: each split of ../shared/data/foreign-faq is its own knowledge base, built "
        "in memory (bench/foreign.py: StackFAQ's question plus its first k rewordings, "
        "COVID-Q's labelled clusters' first question plus the next k; the rest are asked), "
        "with thresholds calibrated on its own phrasings at its first question. Right and "
        "wrong: answered with the right or another entry; answered or offered: answered "
        "right, or the right entry among the did-you-mean options; BM25 top-1: rank_bm25's "
        "best entry is the right one, same process, same entries, no cutoff."
        + (f" Every {chosen.every}th test question only." if chosen.every > 1 else ""),
        "Start-up: wall time of the real program vs `python -c \"import rapidfuzz, yaml\"`, "
        "alternating which runs first, after one warm-up run of each, with Python's bytecode "
        "cache allowed (PYTHONDONTWRITEBYTECODE removed); 'cache warm' uses a fresh load cache "
        "(FAQBOT_CACHE_DIR in a temporary folder) filled by the warm-up run, 'no cache' sets "
        "FAQBOT_NO_CACHE=1 (every start parses and indexes). Start-up imports: self time of "
        "each module a warm `ask --json` imports beyond the floor's (python -X importtime).",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; print the table; write the results file."""
    args = build_parser().parse_args(argv)
    shown = list(sys.argv[1:] if argv is None else argv)
    return guarded(lambda: _measure_and_report(settings(args), shown))


def _measure_and_report(chosen: Settings, shown: list[str]) -> int:
    started = time.perf_counter()
    table_rows, notes = run(chosen)
    _say(f"measured in {time.perf_counter() - started:.0f} s")
    print(table(table_rows))
    print()
    for note in notes:
        print(f"- {note}")
    if chosen.out is not None:
        write_results(chosen.out, results_markdown(table_rows, notes, shown))
        _say(f"wrote {display_path(chosen.out)}")
    failed = any(row.check in ("FAIL", "ERROR") for row in table_rows)
    return int(ExitStatus.CHECKS_FAILED if failed and chosen.strict else ExitStatus.OK)


if __name__ == "__main__":
    sys.exit(main())
