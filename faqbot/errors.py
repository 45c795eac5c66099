"""Exceptions for every user-facing failure, and the exit statuses they map to."""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import IntEnum


class ExitStatus(IntEnum):
    """Process exit statuses, the same for every command."""

    OK = 0
    CHECKS_FAILED = 1
    BAD_INPUT = 2
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


def guarded(step: Callable[[], int]) -> int:
    """Run a command: each user-facing failure becomes one `error:` line on stderr and
    its exit status, Ctrl-C becomes 130, and no traceback reaches the user."""
    try:
        return int(step())
    except FaqbotError as error:
        for problem in error.problems:
            print(f"error: {problem}", file=sys.stderr)
        return int(error.status)
    except KeyboardInterrupt:
        return int(ExitStatus.INTERRUPTED)
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error worth a traceback.
        sys.stderr.close()
        return int(ExitStatus.OK)
