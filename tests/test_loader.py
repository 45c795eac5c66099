"""Loading the knowledge base: every kind of broken file gets an exact, placed message."""

from __future__ import annotations

from pathlib import Path

import pytest

from faqbot.errors import KnowledgeBaseError
from faqbot.kb.loader import load
from tests.helpers import ROOT, run_bot

BAD = ROOT / "tests" / "data" / "bad_kb"
BAD_FILES = sorted(BAD.glob("*.yaml"))


def test_bad_examples_exist():
    """Guard: the data-driven test below must not silently run on nothing."""
    assert len(BAD_FILES) >= 15


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.stem)
def test_broken_knowledge_base_is_reported_exactly(path: Path):
    """Each broken file ends the program with status 2 and exactly the expected lines."""
    expected = path.with_suffix(".expected").read_text(encoding="utf-8")
    result = run_bot("--kb", str(path.relative_to(ROOT)), "ask", "hello")
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode("utf-8") == expected
    assert b"Traceback" not in result.stderr


def test_every_problem_names_file_and_line():
    """One line per problem, each starting with the file and a line number."""
    for path in BAD_FILES:
        for line in path.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
            assert line.startswith(f"error: tests/data/bad_kb/{path.name}"), line


def test_unknown_field_suggests_the_intended_one():
    """A typo such as `anwser` is named, with the field it probably meant."""
    with pytest.raises(KnowledgeBaseError) as caught:
        load(BAD / "unknown_key.yaml")
    assert any("unknown field 'anwser' (did you mean 'answer'?)" in p for p in caught.value.problems)


def test_python_tags_are_refused_not_run(tmp_path: Path):
    """A `!!python/...` tag is refused before anything could be constructed."""
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.yaml"
    evil.write_text(
        "entries:\n  - id: x\n    question: q\n"
        f"    answer: !!python/object/apply:os.system ['touch {marker}']\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeBaseError):
        load(evil)
    assert not marker.exists()


def test_missing_path_and_empty_folder(tmp_path: Path):
    """No such path, or a folder without YAML, is a clear error rather than an empty bot."""
    with pytest.raises(KnowledgeBaseError, match="no such file or folder"):
        load(tmp_path / "nope")
    with pytest.raises(KnowledgeBaseError, match=r"no \.yaml files found"):
        load(tmp_path)


def test_minimal_knowledge_base_needs_only_three_fields():
    """A clinic's own knowledge base with just id, question and answer loads and answers."""
    kb = load(ROOT / "tests" / "data" / "kb_minimal")
    assert [e.id for e in kb.entries] == ["parking", "arrival-time"]
    assert kb.entries[0].alternates == ()
    assert kb.clinic.emergency_number == "911"


def test_placeholders_are_filled_from_the_clinic_profile(tmp_path: Path):
    """Answers say the clinic's name and number once the profile sets them."""
    (tmp_path / "faq.yaml").write_text(
        "entries:\n  - id: contact\n    question: How do I reach you?\n"
        "    answer: Call {contact}. In an emergency call {emergency_number}.\n",
        encoding="utf-8",
    )
    (tmp_path / "clinic.yaml").write_text(
        "clinic:\n  name: Lakeside Spine\n  phone: 555-0100\n  emergency_number: '112'\n",
        encoding="utf-8",
    )
    kb = load(tmp_path)
    assert kb.entries[0].answer == "Call Lakeside Spine at 555-0100. In an emergency call 112."


def test_knowledge_base_is_frozen(kb):
    """Nothing can change a loaded knowledge base by accident."""
    with pytest.raises(AttributeError):
        kb.entries[0].answer = "changed"
    with pytest.raises(TypeError):
        kb.synonyms["x"] = "y"
