"""`ask`: one question, one answer; `--json` is a stable contract for scripts."""

from __future__ import annotations

import json

import pytest

from tests.helpers import run_bot

JSON_KEYS = {"question", "kind", "entry_id", "score", "answer", "sources", "suggestions", "parts"}


def ask_json(question: str, *extra: str) -> dict:
    result = run_bot("ask", question, "--json", *extra)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode("utf-8").splitlines()
    assert len(lines) == 1, "exactly one JSON object on one line"
    return json.loads(lines[0])


def test_duration_question_gets_the_duration_entry():
    """The issue's own check: a plain question lands on its entry with the full contract."""
    data = ask_json("how long does kyphoplasty take")
    assert set(data) == JSON_KEYS
    assert data["kind"] == "answer"
    assert data["entry_id"] == "procedure-duration"
    assert data["question"] == "how long does kyphoplasty take"
    assert 0 < data["score"] <= 100
    assert data["sources"]
    assert all(s.endswith(".txt") for s in data["sources"])
    assert 2 <= len(data["suggestions"]) <= 4
    assert "hour" in data["answer"]


def test_fallback_has_no_entry_and_offers_topics():
    data = ask_json("what is the capital of france")
    assert data["kind"] == "fallback"
    assert data["entry_id"] is None
    assert data["sources"] == []
    assert data["suggestions"], "a fallback suggests the closest topics"
    assert "don't have an answer" in data["answer"]


def test_smalltalk_is_its_own_kind():
    data = ask_json("thank you")
    assert data["kind"] == "smalltalk"
    assert data["entry_id"] is None


def test_plain_ask_prints_the_answer_text():
    result = run_bot("ask", "will i be asleep")
    assert result.returncode == 0
    assert "sedation" in result.stdout.decode("utf-8").lower()


@pytest.mark.parametrize("question", ["", "   ", "\x1b[31m", "🙂🙂🙂", "مرحبا كيف حالك"])
def test_odd_questions_still_give_valid_json(question: str):
    data = ask_json(question)
    assert data["kind"] in {"fallback", "smalltalk", "clarify", "answer"}


def test_kb_option_uses_another_knowledge_base():
    data = ask_json("where can i park", "--kb", "tests/data/kb_minimal")
    assert data["entry_id"] == "parking"
