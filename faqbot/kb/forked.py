"""Work done in a forked child process while this one does its own: the second core.

The child gets everything as it stands at the fork (no copying in), returns bytes through
a pipe, and leaves with os._exit (no atexit handlers, no flushing of inherited buffers).
Whatever goes wrong in it, or where there is no fork, the caller gets None and does the
work itself: a child can make the result faster, never different.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import time
from collections.abc import Callable

# How long the parent waits for a child's bytes once it asks for them: far longer than any
# child's work takes (half of 50,000 entries is read in ~5 s), so only a stuck one is
# given up.
WAIT_SECONDS = 120.0


class Forked:
    """`work()` started in a child process; `result()` waits for its bytes (None when it
    could not be run or did not finish). Use as a context manager, so a parent leaving
    early (an exception, Ctrl-C) stops and reaps the child."""

    def __init__(self, work: Callable[[], bytes]) -> None:
        self._pid = 0
        self._pipe = -1
        # fork() copies only the calling thread: with others running, a lock one of them
        # held would stay held in the child. Without fork (Windows), no child either.
        threading = sys.modules.get("threading")  # not imported: no threads were started
        if not hasattr(os, "fork") or (threading is not None and threading.active_count() > 1):
            return
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return
        if pid == 0:
            _child(work, read_end, write_end)
        os.close(write_end)
        self._pid, self._pipe = pid, read_end

    @property
    def pid(self) -> int:
        """The child's process id while it runs unreaped, else 0."""
        return self._pid

    def __enter__(self) -> Forked:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop()

    def result(self, *, wait: float = WAIT_SECONDS) -> bytearray | None:
        """The child's bytes, once it has finished; None if there was none, it failed, or
        it had not sent them all `wait` seconds after this call (then it is stopped)."""
        if not self._pid:
            return None
        try:
            data = _read_sized(self._pipe, time.monotonic() + wait)
        except (OSError, MemoryError, OverflowError):  # a size no child of ours wrote
            data = None
        if data is None:
            self._stop()
            return None
        try:  # the pipe is closed: the child has left or is leaving
            _, status = os.waitpid(self._pid, 0)
        except OSError:
            return None
        finally:
            self._release()
        return data if os.waitstatus_to_exitcode(status) == 0 else None

    def _stop(self) -> None:
        if self._pid:
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
                os.waitpid(self._pid, 0)
            self._release()

    def _release(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self._pipe)
        self._pid, self._pipe = 0, -1


def _child(work: Callable[[], bytes], read_end: int, write_end: int) -> None:
    """Runs in the child only, and never returns into the caller's code."""
    status = 1
    try:
        os.close(read_end)
        # The parent handles Ctrl-C: it stops this child itself.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        data = work()
        with open(write_end, "wb", closefd=False) as out:
            out.write(len(data).to_bytes(8, "little"))
            out.write(data)
        status = 0
    except BaseException:  # noqa: BLE001 - nothing may escape a forked child
        status = 1
    finally:
        os._exit(status)


def _read_sized(pipe: int, deadline: float) -> bytearray | None:
    """The size the child wrote first, then that many bytes read into one buffer made
    once (a growing one left a large base's memory in pieces), then the end of the pipe;
    None if it holds fewer or more, or goes quiet past `deadline`."""
    head = bytearray(8)
    if _fill(pipe, memoryview(head), deadline) != 8:
        return None
    data = bytearray(int.from_bytes(head, "little"))
    if _fill(pipe, memoryview(data), deadline) != len(data):
        return None
    return data if _fill(pipe, memoryview(bytearray(1)), deadline) == 0 else None


def _fill(pipe: int, view: memoryview, deadline: float) -> int | None:
    """Read into `view` until it is full or the pipe ends: how many bytes came (None if
    `deadline` passed first)."""
    got = 0
    while got < len(view):
        ready, _, _ = select.select([pipe], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            return None
        count = os.readv(pipe, [view[got:]])
        if not count:
            break
        got += count
    return got
