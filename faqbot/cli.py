"""The command line: parses arguments, calls the core, maps failures to exit statuses."""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from . import __version__
from .boundary import guarded
from .errors import ExitStatus
from .kb.loader import load
from .understand.matcher import match
from .understand.prepare import index_of
from .understand.reply import answer_text, to_json
from .understand.sanitize import json_text, printable

if TYPE_CHECKING:
    import argparse

    from .kb.model import KnowledgeBase

COMMANDS = ("chat", "ask", "topics", "explain", "coverage", "lint", "review")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    import argparse  # not for the plain `ask` and chat lines (see _plain_args)

    from .staff import targets as cov

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--kb", metavar="PATH", default=argparse.SUPPRESS,
                        help="knowledge base: a YAML file or a folder of them (default: "
                             "$FAQBOT_KB, else the shipped one: knowledge/ in a checkout)")
    parser = argparse.ArgumentParser(
        prog=_program_name(), parents=[common],
        description="Kyphoplasty patient FAQ chatbot. With no command, starts the chat.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    chat = sub.add_parser("chat", parents=[common], help="talk to the bot (the default)")
    _log_option(chat)
    _log_option(parser)
    ask = sub.add_parser("ask", parents=[common], help="answer one question and exit")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    sub.add_parser("topics", parents=[common], help="list what the bot can answer")
    explain = sub.add_parser("explain", parents=[common], help="show how a question is matched")
    explain.add_argument("question")

    coverage = sub.add_parser("coverage", parents=[common],
                              help="run test questions against the bot",
                              description=cov.COMMAND_HELP)
    coverage.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    coverage.add_argument("--json", action="store_true", help="print one JSON object")
    coverage.add_argument("--junit", metavar="OUT.xml", help="also write a JUnit XML report")
    coverage.add_argument("--csv", metavar="OUT.csv", help="also write one CSV row per case")
    coverage.add_argument("--min-accuracy", type=float, default=None, metavar="X",
                          help="pass when in-scope accuracy is at least X (0-1, or a "
                               "percentage: 90 = 0.90; default "
                               f"{cov.DEFAULT_MIN_ACCURACY:g}), wrong answers are at most "
                               f"{cov.MAX_WRONG_ANSWER_RATE * 100:g}%% and every red flag "
                               "is caught, even if some cases fail")

    sub.add_parser("lint", parents=[common], help="check the knowledge base for problems",
                   description="Check the knowledge base; exit 1 on errors, 0 on warnings alone.")
    review = sub.add_parser("review", parents=[common], help="group logged unanswered questions",
                            description="Group similar questions from an unanswered-questions "
                                        "log; malformed lines are skipped with a warning.")
    review.add_argument("log", metavar="FILE")
    review.add_argument("--write-cases", metavar="OUT.yaml",
                        help="write the groups as draft coverage cases (new file; fill in "
                             "each expect)")
    return parser


def _program_name() -> str:
    """How the user started us: `faqbot`, `run_bot.py` or `python3 -m faqbot`."""
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "faqbot"
    return "python3 -m faqbot" if name == "__main__.py" else name


def _log_option(parser: argparse.ArgumentParser) -> None:
    from argparse import SUPPRESS

    parser.add_argument("--log-unanswered", metavar="FILE", default=SUPPRESS,
                        help="append unanswered questions to FILE as JSON lines (off by default)")


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; every user-facing failure becomes one stderr line and a status.

    The cyclic GC is off while the program starts and on from then on, whatever it was
    before (see _started)."""
    gc.disable()
    try:
        args = _plain_args(sys.argv[1:] if argv is None else argv) or build_parser().parse_args(argv)
        return guarded(lambda: _run(args))
    finally:
        gc.enable()


def _plain_args(argv: Sequence[str]) -> SimpleNamespace | None:
    """The arguments of the two lines run most (`ask QUESTION [--json]` and the chat, each
    with --kb PATH anywhere), read without argparse, whose import and parser cost ~10 ms
    of a ~50 ms start; anything else (help, errors, other commands) goes to argparse.
    Gives exactly what argparse would for these lines."""
    found: dict[str, object] = {"command": None}
    words: list[str] = []
    options = {"--kb": "kb", "--log-unanswered": "log_unanswered"}
    rest = iter(argv)
    for arg in rest:
        name, equals, value = arg.partition("=")
        if name in options:
            value = value if equals else next(rest, "")
            if not value or value.startswith("-"):
                return None
            found[options[name]] = value
        elif arg == "--json" and found["command"] == "ask":
            found["json"] = True
        elif arg.startswith("-"):
            return None
        elif found["command"] is None and arg in ("ask", "chat"):
            found["command"] = arg
        else:
            words.append(arg)
    if found["command"] == "ask" and len(words) == 1 and "log_unanswered" not in found:
        return SimpleNamespace(**{"json": False, **found, "question": words[0]})
    if found["command"] != "ask" and not words and "json" not in found:
        return SimpleNamespace(**found)
    return None


def _started(args: argparse.Namespace | SimpleNamespace) -> KnowledgeBase:
    """The knowledge base, and for ask and the chat its index and the chat's modules,
    made with the cyclic GC off: a start makes only objects that stay, and index_of
    freezes them, so no collection ever walks them (run_bot.py keeps it off for the
    imports too). About 3 ms of collections in a 60 ms `ask --json`, 5 ms of the chat."""
    try:
        kb = load(getattr(args, "kb", None))
        if (args.command or "chat") == "chat":
            from .chat import terminal  # noqa: F401  (rich's modules: before the freeze)
        if args.command in ("ask", "chat", None):
            index_of(kb)
        return kb
    finally:
        gc.enable()


def _run(args: argparse.Namespace | SimpleNamespace) -> int:
    kb = _started(args)
    command = args.command or "chat"
    if command == "ask":
        result = match(kb, args.question)
        if args.json:
            print(json_text(to_json(kb, result)))
        else:
            print(printable(answer_text(kb, result)))
        return ExitStatus.OK
    if command == "chat":
        from .chat.terminal import start_chat

        log = getattr(args, "log_unanswered", None) or kb.clinic.log_unanswered or None
        return start_chat(kb, Path(log) if log else None)
    if command == "topics":
        for topic, entries in kb.topics().items():
            print(printable(topic))
            for entry in entries:
                print(printable(f"  {entry.id}: {entry.question}"))
        return ExitStatus.OK
    if command == "explain":
        from .staff.explain import explain, render_explanation

        return render_explanation(explain(kb, args.question))
    if command == "coverage":
        from .staff.coverage_cli import run_coverage

        return run_coverage(kb, args)
    if command == "lint":
        from .staff.lint_cli import run_lint

        return run_lint(kb)
    from .staff.review_cli import run_review

    return run_review(kb, args)
