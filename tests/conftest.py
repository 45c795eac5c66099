"""Shared fixtures: a temporary home for the whole run, and the shipped knowledge base."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from faqbot.kb.loader import load
from faqbot.kb.model import KnowledgeBase
from tests.helpers import ROOT

# Where a program may keep files for the user. Each points into the run's temporary home.
HOME_VARIABLES = ("HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME")
# Set by a developer's shell, these would send the suite's files (or none) elsewhere.
CLEARED_VARIABLES = ("FAQBOT_CACHE_DIR", "FAQBOT_NO_CACHE")


@pytest.fixture(scope="session", autouse=True)
def temporary_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every test, and every program a test starts (they inherit the environment), sees a
    temporary home: nothing the suite writes lands in the user's real ~/.cache."""
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("HOME", str(home))
        for variable in HOME_VARIABLES[1:]:
            folder = home / variable.removeprefix("XDG_").removesuffix("_HOME").lower()
            env.setenv(variable, str(folder))
        for variable in CLEARED_VARIABLES:
            env.delenv(variable, raising=False)
        yield home


@pytest.fixture(scope="session")
def kb(temporary_home: Path) -> KnowledgeBase:
    """The shipped knowledge base (knowledge/)."""
    return load(ROOT / "knowledge")
