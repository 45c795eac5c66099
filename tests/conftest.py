"""Shared fixtures: the shipped knowledge base, loaded once."""

from __future__ import annotations

import pytest

from faqbot.kb.loader import load
from faqbot.kb.model import KnowledgeBase
from tests.helpers import ROOT


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The shipped knowledge base (knowledge/)."""
    return load(ROOT / "knowledge")
