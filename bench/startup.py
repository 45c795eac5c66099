"""Start-up time of the real program, as a ratio to importing its two main libraries.

A ratio, not seconds, so a slow or busy machine does not turn the figure meaningless:
the baseline pays the same interpreter start and disk cache as the program.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from faqbot.errors import FaqbotError

ROOT = Path(__file__).resolve().parent.parent
BASELINE = (sys.executable, "-c", "import rapidfuzz, yaml")
QUESTION = "how long does the procedure take"


@dataclass(frozen=True)
class Startup:
    """Median wall times of a command and the baseline, from interleaved runs."""

    command_ms: float
    baseline_ms: float
    runs: int

    @property
    def ratio(self) -> float:
        """How many times longer the command takes than the baseline."""
        return self.command_ms / self.baseline_ms


def ask_command(kb: Path) -> tuple[str, ...]:
    """`python run_bot.py --kb KB ask "..." --json`."""
    return (sys.executable, str(ROOT / "run_bot.py"), "--kb", str(kb), "ask", QUESTION, "--json")


def chat_command(kb: Path) -> tuple[str, ...]:
    """`python run_bot.py --kb KB`: the chat, fed one line on a pipe."""
    return (sys.executable, str(ROOT / "run_bot.py"), "--kb", str(kb))


def compare(command: Sequence[str], runs: int, *, stdin: bytes = b"") -> Startup:
    """Time `command` against the baseline, alternating which goes first each round."""
    _time(BASELINE, b"")  # warm the disk cache and bytecode for both before measuring
    _time(command, stdin)
    ours: list[float] = []
    theirs: list[float] = []
    for number in range(runs):
        pair = [(ours, command, stdin), (theirs, BASELINE, b"")]
        for into, argv, feed in pair if number % 2 == 0 else reversed(pair):
            into.append(_time(argv, feed))
    return Startup(statistics.median(ours), statistics.median(theirs), runs)


# Measured as installed programs run: Python may keep compiled bytecode (some shells
# set PYTHONDONTWRITEBYTECODE, which would recompile faqbot on every start while the
# baseline's libraries come precompiled).
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _time(argv: Sequence[str], stdin: bytes) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, input=stdin, capture_output=True, cwd=ROOT, env=_ENV,
                          check=False)
    took = (time.perf_counter() - started) * 1000
    if done.returncode != 0:
        lines = done.stderr.decode(errors="replace").strip().splitlines() or ["no output"]
        raise FaqbotError(f"`{' '.join(argv[1:])}` exited {done.returncode}: {lines[-1]}")
    return took
