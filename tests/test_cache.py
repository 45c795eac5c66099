"""The load cache: a second start reads the prepared knowledge base, edits are seen."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from faqbot.kb.loader import load
from faqbot.understand.matcher import Kind, match
from tests.helpers import ROOT

MINIMAL = ROOT / "tests" / "data" / "kb_minimal"


def copy_kb(tmp_path: Path) -> Path:
    kb_dir = tmp_path / "kb"
    shutil.copytree(MINIMAL, kb_dir)
    return kb_dir


def test_second_load_comes_from_the_cache_and_answers_the_same(tmp_path: Path):
    kb_dir, cache_dir = copy_kb(tmp_path), tmp_path / "cache"
    first = load(kb_dir, cache_dir=cache_dir)
    assert len(list(cache_dir.glob("*.pickle"))) == 1
    second = load(kb_dir, cache_dir=cache_dir)
    assert second is not first
    assert second.entries == first.entries
    assert match(second, "where do i park").entry.id == "parking"


def test_an_edit_is_seen_at_once(tmp_path: Path):
    kb_dir, cache_dir = copy_kb(tmp_path), tmp_path / "cache"
    load(kb_dir, cache_dir=cache_dir)
    faq = kb_dir / "faq.yaml"
    faq.write_text(faq.read_text(encoding="utf-8").replace("visitor lot", "blue garage"),
                   encoding="utf-8")
    kb = load(kb_dir, cache_dir=cache_dir)
    assert "blue garage" in kb.by_id["parking"].answer


def test_a_broken_cache_file_is_ignored(tmp_path: Path):
    kb_dir, cache_dir = copy_kb(tmp_path), tmp_path / "cache"
    load(kb_dir, cache_dir=cache_dir)
    for cached in cache_dir.glob("*.pickle"):
        cached.write_bytes(b"not a pickle")
    kb = load(kb_dir, cache_dir=cache_dir)
    assert match(kb, "where do i park").kind is Kind.ANSWER


def test_cache_can_be_turned_off(tmp_path: Path):
    kb_dir = copy_kb(tmp_path)
    load(kb_dir, cache_dir=None)
    assert not (tmp_path / "cache").exists()


def test_the_cached_knowledge_base_stays_read_only(tmp_path: Path):
    kb_dir, cache_dir = copy_kb(tmp_path), tmp_path / "cache"
    load(kb_dir, cache_dir=cache_dir)
    cached = load(kb_dir, cache_dir=cache_dir)
    with pytest.raises(TypeError):
        cached.synonyms["x"] = "y"
