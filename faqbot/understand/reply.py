"""What the bot says for a decision, as plain text and as the `--json` contract."""

from __future__ import annotations

from typing import Any

from ..kb.model import Entry, KnowledgeBase
from .matcher import Kind, MatchResult

# Fallback suggestions below this score look random ("what does it cost" -> "what happens
# right after"); the first topics of the knowledge base read better then.
SUGGESTION_FLOOR = 35.0
RELATED_SHOWN = 4


def suggestions(kb: KnowledgeBase, result: MatchResult) -> tuple[Entry, ...]:
    """Entries offered next: "did you mean" options, related entries, or closest topics."""
    if result.kind is Kind.ANSWER and result.entry is not None:
        by_id = kb.by_id
        return tuple(by_id[i] for i in result.entry.related if i in by_id)[:RELATED_SHOWN]
    if result.kind is Kind.CLARIFY:
        return result.options
    if result.kind is Kind.FALLBACK:
        close = tuple(c.entry for c in result.candidates if c.score >= SUGGESTION_FLOOR)
        return close[:3] or starter_topics(kb)
    return ()


def starter_topics(kb: KnowledgeBase) -> tuple[Entry, ...]:
    """The first entry of each of the first three topics: a sensible place to begin."""
    return tuple(entries[0] for entries in list(kb.topics().values())[:3])


def answer_text(kb: KnowledgeBase, result: MatchResult) -> str:
    """The message shown for a decision (options listed as numbered lines)."""
    if result.kind is Kind.EMERGENCY and result.safety is not None:
        return f"{result.safety.title}\n\n{result.safety.message}"
    if result.kind is Kind.SMALLTALK and result.smalltalk is not None:
        return result.smalltalk.answer
    if result.kind is Kind.ANSWER and result.entry is not None:
        return with_decision_note(kb, result, result.entry.answer)
    if result.kind is Kind.CLARIFY:
        lines = ["I'm not sure which of these you mean:", *_numbered(result.options),
                 "Type a number, or ask in other words."]
        return with_decision_note(kb, result, "\n".join(lines))
    return "\n".join([fallback_intro(kb, result), "", "Topics I can help with:",
                      *_numbered(suggestions(kb, result))])


def fallback_intro(kb: KnowledgeBase, result: MatchResult | None = None) -> str:
    """The honest "I don't know" line, naming the topic not covered when there is one,
    with who to ask instead."""
    topic = result.unknown_topic if result is not None else ""
    if topic:
        return (
            f"I don't have information about {topic} here. I can answer general questions "
            "about kyphoplasty and spinal compression fractures. For this, or questions about "
            f"your own care, please ask {kb.clinic.contact}."
        )
    return (
        "Sorry, I don't have an answer to that. I can answer general questions about "
        "kyphoplasty and spinal compression fractures. For anything else, or questions "
        f"about your own care, please contact {kb.clinic.contact}."
    )


def with_decision_note(kb: KnowledgeBase, result: MatchResult, text: str) -> str:
    """Add the "this decision is yours and your doctor's" line where it applies, and, on an
    answer to one of two questions, what the other asked that is not covered."""
    note = kb.safety.decision_note
    if result.personal_decision and note:
        text = f"{text}\n\n{note}"
    if result.kind is Kind.ANSWER and result.unknown_topic:
        text = (f"{text}\n\nI don't have information about {result.unknown_topic} here; "
                f"please ask {kb.clinic.contact}.")
    return text


def _numbered(entries: tuple[Entry, ...]) -> list[str]:
    return [f"{n}. {entry.question}" for n, entry in enumerate(entries, 1)]


def to_json(kb: KnowledgeBase, result: MatchResult) -> dict[str, Any]:
    """The stable `ask --json` object that scripts and the staff tools rely on."""
    return {
        **_part_json(kb, result),
        "suggestions": [e.id for e in suggestions(kb, result)],
        "parts": [_part_json(kb, part) for part in result.parts],
    }


def _part_json(kb: KnowledgeBase, part: MatchResult) -> dict[str, Any]:
    """One answer's fields: the whole message's first part, or one item of `parts`."""
    entry = part.entry
    return {
        "question": part.text,
        "kind": part.kind.value,
        "entry_id": entry.id if entry else None,
        "score": round(part.score, 1),
        "answer": answer_text(kb, part),
        "sources": list(entry.sources) if entry else [],
    }
