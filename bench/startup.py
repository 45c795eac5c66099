"""Start-up time of the real program, as a ratio to importing its two main libraries.

A ratio, not seconds, so a slow or busy machine does not turn the figure meaningless:
the baseline pays the same interpreter start and disk cache as the program.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
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


def compare(command: Sequence[str], runs: int, *, stdin: bytes = b"",
            env: Mapping[str, str] | None = None) -> Startup:
    """Time `command` against the baseline, alternating which goes first each round.

    `env` is added to the program's environment (the cache folder, or no cache)."""
    program_env = {**_ENV, **(env or {})}
    _time(BASELINE, b"")  # warm the disk cache, bytecode and faqbot's cache before measuring
    _time(command, stdin, program_env)
    ours: list[float] = []
    theirs: list[float] = []
    for number in range(runs):
        pair = [(ours, command, stdin, program_env), (theirs, BASELINE, b"", _ENV)]
        for into, argv, feed, environment in pair if number % 2 == 0 else reversed(pair):
            into.append(_time(argv, feed, environment))
    return Startup(statistics.median(ours), statistics.median(theirs), runs)


_IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)")


def import_costs(command: Sequence[str], env: Mapping[str, str] | None = None,
                 runs: int = 3) -> list[tuple[str, float]]:
    """Modules `command` imports beyond the baseline's, with their median self time in ms
    (python -X importtime), costliest first."""
    floor = {name for name, _ in _import_times(BASELINE, _ENV)}
    program_env = {**_ENV, **(env or {})}
    _time(command, b"", program_env)  # warm faqbot's cache and bytecode
    times: dict[str, list[float]] = {}
    for _ in range(runs):
        for name, ms in _import_times(command, program_env):
            if name not in floor:
                times.setdefault(name, []).append(ms)
    costs = [(name, statistics.median(values)) for name, values in times.items()]
    return sorted(costs, key=lambda item: -item[1])


def _import_times(argv: Sequence[str], env: Mapping[str, str]) -> list[tuple[str, float]]:
    done = subprocess.run([argv[0], "-X", "importtime", *argv[1:]], capture_output=True,
                          cwd=ROOT, env=dict(env), check=False)
    if done.returncode != 0:
        raise FaqbotError(f"`{' '.join(argv[1:])}` exited {done.returncode} under -X importtime")
    return [(m.group(2), int(m.group(1)) / 1000)
            for m in _IMPORT_LINE.finditer(done.stderr.decode(errors="replace"))]


# Measured as installed programs run: Python may keep compiled bytecode (some shells
# set PYTHONDONTWRITEBYTECODE, which would recompile faqbot on every start while the
# baseline's libraries come precompiled).
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _time(argv: Sequence[str], stdin: bytes, env: Mapping[str, str] = _ENV) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, input=stdin, capture_output=True, cwd=ROOT, env=dict(env),
                          check=False)
    took = (time.perf_counter() - started) * 1000
    if done.returncode != 0:
        lines = done.stderr.decode(errors="replace").strip().splitlines() or ["no output"]
        raise FaqbotError(f"`{' '.join(argv[1:])}` exited {done.returncode}: {lines[-1]}")
    return took
