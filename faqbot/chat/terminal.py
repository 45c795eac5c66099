"""Wiring the chat to the real terminal: stdin, readline, rich console."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from ..console import make_console
from ..kb.model import KnowledgeBase
from .loop import ChatSession, run_chat
from .pager import Pager


def start_chat(kb: KnowledgeBase, log_path: Path | None) -> int:
    """Chat on this terminal, or answer one question per line when stdin is a pipe.

    A log that could not be written is refused (UsageError) before anything is read."""
    log = None
    if log_path:
        from .unanswered import UnansweredLog  # json and the clock: only for a chat that logs

        log = UnansweredLog.checked(log_path)
    # Invalid UTF-8 must not end the conversation: show a replacement character instead.
    sys.stdin.reconfigure(errors="replace")
    interactive = sys.stdin.isatty()
    if interactive:
        with contextlib.suppress(ImportError):  # not on every platform
            import readline  # noqa: F401  (line editing and history for input())
    console = make_console()
    session = ChatSession(kb, console, log)
    if interactive:
        session.pager = Pager(console, lambda: console.size.height if console.is_terminal else None)
    return run_chat(session, input if interactive else _read_piped, interactive=interactive)


def _read_piped(prompt: str) -> str:
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\n")
