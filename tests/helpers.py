"""Running the real program the way a person or a script would."""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_bot(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    """`python run_bot.py ARGS` from the repository root, output captured as bytes."""
    return subprocess.run(
        [sys.executable, str(ROOT / "run_bot.py"), *args],
        input=stdin, capture_output=True, cwd=ROOT, env=env, timeout=timeout, check=False,
    )


def edited(text: str, rng, marks: list[str], *,
           within: tuple[Fraction, Fraction] = (Fraction(0), Fraction(1))) -> str:
    """`text` with one to three random edits (a character dropped, doubled, or replaced by
    one of `marks`) at places in the `within` share of it: for fuzzing the YAML readers."""
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(int(len(chars) * within[0]), int(len(chars) * within[1]))
        change = rng.choice(("drop", "double", "mark"))
        if change == "drop":
            del chars[at]
        elif change == "double":
            chars.insert(at, chars[at])
        else:
            chars[at] = rng.choice(marks)
    return "".join(chars)

