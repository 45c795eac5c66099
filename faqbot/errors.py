"""Exceptions for every user-facing failure, and the exit statuses they map to."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """Process exit statuses, the same for every command."""

    OK = 0
    CHECKS_FAILED = 1
    BAD_INPUT = 2
    # sysexits.h EX_IOERR: the output could not be written (full disk, closed pipe).
    OUTPUT_FAILED = 74
    INTERRUPTED = 130


class FaqbotError(Exception):
    """Base class: a failure the user can fix, shown as one line per problem."""

    status = ExitStatus.BAD_INPUT

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class KnowledgeBaseError(FaqbotError):
    """The knowledge base could not be loaded; each problem names file, line and entry."""


class CaseFileError(FaqbotError):
    """A coverage test-case file is malformed or names an unknown id."""


class UsageError(FaqbotError):
    """A command was given input it cannot use."""
