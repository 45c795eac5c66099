"""The one error boundary: runs a command and turns every user-facing failure into one
line on stderr and its exit status (faqbot/errors.py holds the exceptions and statuses)."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable

from .errors import ExitStatus, FaqbotError
from .understand.sanitize import printable

# How a failed write to stdout or stderr shows itself.
_OUTPUT_ERRNOS = frozenset({errno.EPIPE, errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO,
                            errno.EBADF, errno.ECONNRESET})


def guarded(step: Callable[[], int]) -> int:
    """Run a command: each user-facing failure becomes one `error:` line on stderr and
    its exit status, Ctrl-C becomes 130, output that cannot be written (full disk,
    closed pipe) becomes one line and 74, and no traceback reaches the user."""
    if sys.stdout is None:  # started with stdout closed (`>&-`)
        _tell(["error: cannot write the output (standard output is closed)"])
        return int(ExitStatus.OUTPUT_FAILED)
    try:
        status = int(step())
        sys.stdout.flush()  # a full disk shows here, not as a traceback at exit
    except FaqbotError as error:
        _tell([f"error: {problem}" for problem in error.problems])
        return int(error.status)
    except KeyboardInterrupt:
        return int(ExitStatus.INTERRUPTED)
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRNOS:
            raise
        _drop(sys.stdout)  # what is still buffered must not fail again at exit
        reason = "closed early" if exc.errno == errno.EPIPE else exc.strerror
        _tell([f"error: cannot write the output ({reason})"])
        return int(ExitStatus.OUTPUT_FAILED)
    return status


def _tell(lines: list[str]) -> None:
    """Lines on stderr, made safe for the terminal; if stderr itself fails, silence."""
    if sys.stderr is None:  # started with stderr closed: nowhere to tell
        return
    try:
        for line in lines:
            print(printable(line), file=sys.stderr)
        sys.stderr.flush()
    except OSError:
        _drop(sys.stderr)


def _drop(stream: object) -> None:
    """Point a failed stream at the null device, so its buffer flushes harmlessly at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        return
