"""`review`: the unanswered-questions log is private, grouped sensibly, and turns into cases."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
import yaml

from faqbot.errors import CaseFileError, UsageError
from faqbot.kb.loader import load
from faqbot.kb.model import KnowledgeBase
from faqbot.staff.coverage import read_cases
from faqbot.staff.review import GROUP_MIN_SIMILARITY, Logged, draft_cases, group, read_log
from tests.helpers import ROOT, run_bot

STAFF_KB = "tests/data/staff_kb"
QUESTIONS = [
    "how much does it cost", "what is the cost", "cost??", "how much does kyphoplasty cost",
    "is insurance going to pay", "does my insurance cover it", "will insurance pay for this",
    "blorf zzkx", "how much does it cost", "can i drink alcohol after",
]


@pytest.fixture(scope="module")
def staff_kb() -> KnowledgeBase:
    """The small fixture knowledge base."""
    return load(ROOT / STAFF_KB)


def bot(*args: str, stdin: bytes | None = None):
    """`python run_bot.py --kb tests/data/staff_kb ARGS`, output 160 columns wide."""
    return run_bot("--kb", STAFF_KB, *args, stdin=stdin, env={**os.environ, "COLUMNS": "160"})


@pytest.fixture(scope="module")
def chat_log(tmp_path_factory) -> Path:
    """A log written by a real chat run: one question per piped line."""
    path = tmp_path_factory.mktemp("log") / "unanswered.jsonl"
    stdin = ("\n".join(QUESTIONS) + "\nwhere do i park\n").encode("utf-8")
    result = bot("--log-unanswered", str(path), stdin=stdin)
    assert result.returncode == 0, result.stderr
    return path


def test_log_file_is_readable_by_its_owner_only(tmp_path: Path):
    """The chat creates the log with mode 600 and writes one JSON line per unanswered text."""
    path = tmp_path / "unanswered.jsonl"
    result = bot("--log-unanswered", str(path), stdin=b"blorf zzkx\n")
    assert result.returncode == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    [row] = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert (row["text"], row["kind"]) == ("blorf zzkx", "fallback")
    assert set(row) == {"time", "text", "kind", "candidates"}


def test_answered_questions_are_not_logged(chat_log: Path):
    """"where do i park" was answered, so only the unanswered ten are in the log."""
    logged, problems = read_log(chat_log)
    assert [item.text for item in logged] == QUESTIONS
    assert problems == []


def test_similar_questions_are_grouped_biggest_first(staff_kb, chat_log: Path):
    """Cost questions together, insurance together, the rest alone; biggest group first."""
    logged, _ = read_log(chat_log)
    groups = group(staff_kb, logged)
    assert [sorted(g.examples) for g in groups] == [
        sorted(["how much does it cost", "what is the cost", "cost??",
                "how much does kyphoplasty cost"]),
        sorted(["is insurance going to pay", "does my insurance cover it",
                "will insurance pay for this"]),
        ["blorf zzkx"],
        ["can i drink alcohol after"],
    ]
    assert [g.size for g in groups] == [5, 3, 1, 1]
    assert groups[0].representative == "how much does it cost"  # asked twice
    assert groups[0].nearest_id is not None
    assert groups[0].nearest_score > 0
    assert groups[2].nearest_id is None  # nothing in the knowledge base shares a word


def test_threshold_is_a_named_constant(staff_kb):
    """Wordings one topic word apart stay apart at the default and join at a lower bar."""
    logged = [Logged(1, "can i drink alcohol after"), Logged(2, "can i drink coffee after")]
    assert len(group(staff_kb, logged, min_similarity=GROUP_MIN_SIMILARITY)) == 2
    assert len(group(staff_kb, logged, min_similarity=60)) == 1


def test_review_shows_sizes_examples_and_nearest_entry(chat_log: Path):
    """The table has one numbered row per group and a closing count."""
    result = bot("review", str(chat_log))
    assert result.returncode == 0
    assert result.stderr == b""
    out = result.stdout.decode("utf-8")
    assert "Unanswered questions, grouped (biggest first)" in out
    assert "how much does it cost" in out
    assert "fallback 5" in out
    assert out.rstrip().endswith("10 logged question(s) in 4 group(s)")


def test_malformed_lines_are_skipped_with_a_warning(tmp_path: Path, chat_log: Path):
    """A broken line (say, cut short by a crash) is named by line and skipped: status 0."""
    log = tmp_path / "log.jsonl"
    lines = chat_log.read_text(encoding="utf-8").splitlines()
    log.write_text("\n".join([lines[0], '{"text": "cut sho', "[1, 2]", '{"kind": "fallback"}',
                              *lines[1:]]) + "\n", encoding="utf-8")
    result = bot("review", str(log))
    assert result.returncode == 0
    assert result.stderr.decode("utf-8") == (
        f"warning: {log}:2: not valid JSON (Unterminated string starting at at column 10) "
        "(line skipped)\n"
        f"warning: {log}:3: not a JSON object (line skipped)\n"
        f"warning: {log}:4: no question text ('text' is missing or empty) (line skipped)\n"
    )
    assert "3 malformed line(s) skipped" in result.stdout.decode("utf-8")


def test_a_file_that_is_not_a_log_is_bad_input(tmp_path: Path):
    """When no line at all can be read, it is status 2, not an empty review."""
    path = tmp_path / "cases.yaml"
    path.write_text("cases:\n  - question: hi\n", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        read_log(path)
    assert caught.value.problems[-1] == (
        f"{path}: no line could be read; is this an unanswered-questions log?")
    assert bot("review", str(path)).returncode == 2


def test_missing_log_is_bad_input_with_a_hint(tmp_path: Path):
    """No such file: status 2, and how logging is switched on."""
    path = tmp_path / "nope.jsonl"
    result = bot("review", str(path))
    assert result.returncode == 2
    assert result.stderr.decode("utf-8") == (
        f"error: {path}: no such file (questions are logged only when the chat runs with "
        "--log-unanswered FILE or log_unanswered is set in the clinic profile)\n")


def test_empty_log_is_fine(tmp_path: Path):
    """Nothing logged yet is not an error."""
    path = tmp_path / "empty.jsonl"
    path.write_text("", encoding="utf-8")
    result = bot("review", str(path), "--write-cases", str(tmp_path / "out.yaml"))
    assert result.returncode == 0
    assert b"no unanswered questions logged yet" in result.stdout
    assert not (tmp_path / "out.yaml").exists()


def test_written_cases_load_back_once_expect_is_filled_in(staff_kb, tmp_path: Path,
                                                          chat_log: Path):
    """Drafts are a valid case file: empty expects are refused until staff fill them in."""
    out = tmp_path / "drafts.yaml"
    result = bot("review", str(chat_log), "--write-cases", str(out))
    assert result.returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600  # it holds what patients typed
    text = out.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert [c["question"] for c in data["cases"]] == [
        "how much does it cost", "is insurance going to pay", "blorf zzkx",
        "can i drink alcohol after"]
    assert all(c["expect"] == "" for c in data["cases"])
    assert "  # asked 5 times; nearest entry " in text

    with pytest.raises(CaseFileError) as caught:
        read_cases([out], staff_kb.by_id)
    assert all(p.endswith(": expect is empty: fill in an entry id, a list of ids, fallback "
                          "or emergency") for p in caught.value.problems)
    assert len(caught.value.problems) == 4

    out.write_text(text.replace('expect: ""', "expect: fallback"), encoding="utf-8")
    cases = read_cases([out], staff_kb.by_id)
    assert [c.expect for c in cases] == [("fallback",)] * 4
    assert bot("coverage", str(out)).returncode == 0


def test_existing_drafts_are_never_overwritten(tmp_path: Path, chat_log: Path):
    """Staff may have filled in expects already: writing over them is refused (status 2)."""
    out = tmp_path / "drafts.yaml"
    out.write_text("cases: []\n", encoding="utf-8")
    result = bot("review", str(chat_log), "--write-cases", str(out))
    assert result.returncode == 2
    assert b"already exists" in result.stderr
    assert out.read_text(encoding="utf-8") == "cases: []\n"


@pytest.mark.parametrize("text", [
    'he said "no": #1 question?', "- starts like a list", "emoji \U0001f642 and \\ backslash",
    "key: value", "'single' quotes", "trailing spaces   ",
])
def test_draft_questions_survive_any_text(staff_kb, text):
    """Whatever a patient typed comes back from the YAML exactly."""
    [g] = group(staff_kb, [Logged(1, text)])
    data = yaml.safe_load(draft_cases([g], "log.jsonl"))
    assert data["cases"][0]["question"] == text
