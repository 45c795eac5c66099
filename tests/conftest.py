"""Shared fixtures: the shipped knowledge base, loaded once."""

from __future__ import annotations

import pytest

from faqbot.loader import load
from faqbot.model import KnowledgeBase
from tests.helpers import ROOT


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The shipped knowledge base (knowledge/)."""
    return load(ROOT / "knowledge")
