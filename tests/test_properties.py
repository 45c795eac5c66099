"""Property-based: any text at all gets a valid decision, in the matcher and the chat loop."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from faqbot.chat.loop import ChatSession
from faqbot.understand.matcher import MAX_CANDIDATES, Kind, match
from faqbot.understand.reply import to_json

ANY_TEXT = st.text(alphabet=st.characters(codec=None), max_size=400)
SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(text=ANY_TEXT)
def test_match_always_returns_a_valid_result(kb, text):
    result = match(kb, text)
    assert isinstance(result.kind, Kind)
    assert 0 <= result.score <= 100
    assert len(result.candidates) <= MAX_CANDIDATES
    assert (result.entry is not None) == (result.kind is Kind.ANSWER)
    if result.kind is Kind.CLARIFY:
        assert len(result.options) >= 1
    data = to_json(kb, result)
    assert data["kind"] == result.kind.value
    assert isinstance(data["answer"], str)
    assert data["answer"]


@SETTINGS
@given(lines=st.lists(st.one_of(ANY_TEXT, st.sampled_from(["1", "2", "topics", "help", ""])),
                      max_size=5))
def test_chat_loop_handles_any_line(kb, lines):
    out = io.StringIO()
    session = ChatSession(kb, Console(file=out, width=60, force_terminal=False))
    for line in lines:
        assert session.handle(line) in (True, False)
    assert "\x1b" not in out.getvalue()
