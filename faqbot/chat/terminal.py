"""Wiring the chat to the real terminal: stdin, readline, rich console."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from rich.console import Console

from ..errors import ExitStatus
from ..kb.model import KnowledgeBase
from .loop import ChatSession, run_chat
from .unanswered import UnansweredLog


def start_chat(kb: KnowledgeBase, log_path: Path | None) -> int:
    """Chat on this terminal, or answer one question per line when stdin is a pipe."""
    # Invalid UTF-8 must not end the conversation: show a replacement character instead.
    sys.stdin.reconfigure(errors="replace")
    interactive = sys.stdin.isatty()
    if interactive:
        with contextlib.suppress(ImportError):  # not on every platform
            import readline  # noqa: F401  (line editing and history for input())
    console = Console(highlight=False, emoji=False)
    session = ChatSession(kb, console, UnansweredLog(log_path) if log_path else None)
    run_chat(session, input if interactive else _read_piped, interactive=interactive)
    return ExitStatus.OK


def _read_piped(prompt: str) -> str:
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\n")
