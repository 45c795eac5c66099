"""Running the real program the way a person or a script would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_bot(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    """`python run_bot.py ARGS` from the repository root, output captured as bytes."""
    return subprocess.run(
        [sys.executable, str(ROOT / "run_bot.py"), *args],
        input=stdin, capture_output=True, cwd=ROOT, env=env, timeout=timeout, check=False,
    )
