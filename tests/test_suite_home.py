"""The suite itself: every file it writes goes to temporary folders, never the user's home."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_tests_run_with_a_temporary_home(temporary_home: Path):
    assert Path.home() == temporary_home
    for variable in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        assert Path(os.environ[variable]).is_relative_to(temporary_home)
    assert "FAQBOT_CACHE_DIR" not in os.environ


def test_programs_started_by_tests_inherit_the_temporary_home(temporary_home: Path):
    """Subprocesses (the real program under test) see the same temporary folders."""
    shown = subprocess.run(
        [sys.executable, "-c", "import os; print(os.path.expanduser('~')); "
         "print(os.environ['XDG_CACHE_HOME'])"],
        capture_output=True, text=True, check=True, timeout=30).stdout.splitlines()
    assert [Path(p) for p in shown] == [temporary_home, temporary_home / "cache"]
