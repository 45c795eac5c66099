"""Load time, memory and per-question matching time at one knowledge-base size.

Each size is measured in a fresh interpreter (`python -m bench.sizes`), so memory
figures are that knowledge base's alone and one size's garbage cannot slow another.
"""

from __future__ import annotations

import gc
import json
import math
import random
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from faqbot.errors import FaqbotError
from faqbot.understand.prepare import index_of
from faqbot.understand.safety import reader_of

_PAGE = 4096


@dataclass(frozen=True)
class SizeResult:
    """What one knowledge-base size cost."""

    entries: int
    load_seconds: float
    retained_mib: float  # resident memory added by the loaded knowledge base
    peak_mib: float  # highest resident memory during the load, above the start
    times_ms: tuple[float, ...]  # one per matched question, in milliseconds
    cold: bool  # True when the typo-repair cache was emptied before each question
    # The same matches' CPU time (the thread's): what the matcher costs, without the
    # turns other programs get on a shared machine.
    cpu_ms: tuple[float, ...] = ()

    def percentile(self, share: float, *, cpu: bool = False) -> float:
        """The matching time (wall, or CPU with `cpu`) below which `share` of questions
        fall (nearest rank)."""
        ordered = sorted(self.cpu_ms if cpu else self.times_ms)
        if not ordered:
            return math.nan
        return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


@dataclass(frozen=True)
class SizeFailure:
    """A size that could not be measured, and why."""

    entries: int
    message: str


def measure(kb_path: Path, questions: Sequence[str], *, rounds: int, budget: float,
            seed: int = 0) -> SizeResult:
    """Run the measurement for the knowledge base at `kb_path` in a fresh interpreter.

    Each question is matched `rounds` times, stopping early once `budget` seconds were
    spent matching; the questions are shuffled first, so a cut-short run still samples
    them all alike.
    """
    root = Path(__file__).resolve().parent.parent
    order = list(questions)
    random.Random(seed).shuffle(order)
    request = json.dumps({"kb": str(kb_path), "questions": order,
                          "rounds": rounds, "budget": budget})
    done = subprocess.run([sys.executable, "-m", "bench.sizes"], input=request.encode(),
                          capture_output=True, cwd=root, check=False)
    if done.returncode != 0:
        lines = done.stderr.decode(errors="replace").strip().splitlines() or ["no output"]
        raise FaqbotError(f"{kb_path}: size measurement failed: {lines[-1]}")
    data = json.loads(done.stdout)
    data["times_ms"] = tuple(data["times_ms"])
    data["cpu_ms"] = tuple(data["cpu_ms"])
    return SizeResult(**data)


def _rss_mib() -> float:
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * _PAGE / 2**20
    except OSError:  # not Linux: the peak so far is the best stand-in
        return _peak_mib()


def _reset_peak() -> None:
    """Make the peak count from now (Linux); elsewhere it is the process's peak so far."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
    except OSError:
        pass


def _peak_mib() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 2**10
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def _work(kb: str, questions: list[str], rounds: int, budget: float) -> dict[str, object]:
    from faqbot.kb.loader import load
    from faqbot.understand.matcher import match

    gc.collect()
    before = _rss_mib()
    _reset_peak()
    started = time.perf_counter()
    loaded = load(kb, cache_dir=None)  # a cold load: parsing and indexing, no cache
    index_of(loaded)  # built on first use: part of what a cold start costs
    load_seconds = time.perf_counter() - started
    gc.collect()
    retained = _rss_mib() - before
    peak = _peak_mib() - before
    # Time each question as if seen for the first time: the index caches typo repairs,
    # and a warm cache would hide the cost a patient's new misspelling pays.
    repairs = getattr(index_of(loaded), "_repairs", None)
    cold = isinstance(repairs, dict)
    # The red-flag reader keeps its own repaired and split words: emptied too.
    reader = reader_of(loaded.safety)
    times: list[float] = []
    cpu_times: list[float] = []
    spent = 0.0
    for question in [q for _ in range(rounds) for q in questions]:
        if spent > budget:
            break
        if cold:
            repairs.clear()
            reader.clear()
        tick, cpu_tick = time.perf_counter_ns(), time.thread_time_ns()
        match(loaded, question)
        took = time.perf_counter_ns() - tick
        cpu_times.append((time.thread_time_ns() - cpu_tick) / 1e6)
        times.append(took / 1e6)
        spent += took / 1e9
    return {"entries": len(loaded.entries), "load_seconds": load_seconds,
            "retained_mib": retained, "peak_mib": peak, "times_ms": times, "cold": cold,
            "cpu_ms": cpu_times}


def main() -> int:
    """Worker: read a JSON request on stdin, print the measurements as JSON."""
    request = json.loads(sys.stdin.read())
    try:
        result = _work(request["kb"], request["questions"], request["rounds"], request["budget"])
    except FaqbotError as error:
        print(f"error: {error.problems[0]}", file=sys.stderr)
        return 2
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
