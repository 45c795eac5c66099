"""Files faqbot writes (the unanswered log, draft cases, reports) are checked before any
work starts, created private, and never have their mode changed if faqbot did not create them."""

from __future__ import annotations

import io
import json
import os
import stat
from pathlib import Path

import pytest
from rich.console import Console

from faqbot.chat.loop import ChatSession
from faqbot.chat.unanswered import UnansweredLog
from faqbot.kb.loader import load
from tests.helpers import ROOT, run_bot

KB = "tests/data/staff_kb"
UNANSWERED = b"blorf zzkx\n"
as_root = pytest.mark.skipif(os.geteuid() == 0, reason="root may write to any folder")


def chat(log: Path | str, stdin: bytes = UNANSWERED):
    return run_bot("--kb", KB, "--log-unanswered", str(log), stdin=stdin)


def assert_refused_before_the_chat(result, *fragments: str) -> None:
    """One `error:` line naming the problem, status 2, and not a word of the chat."""
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert result.stdout == b"", "no question was read or answered"
    [line] = err.splitlines()
    assert line.startswith("error: ")
    for fragment in fragments:
        assert fragment in err
    assert "Traceback" not in err


def test_log_in_a_missing_folder_is_refused_before_the_chat(tmp_path: Path):
    result = chat(tmp_path / "logs" / "unanswered.jsonl")
    assert_refused_before_the_chat(result, "unanswered.jsonl", "does not exist", "create it first")
    assert not (tmp_path / "logs").exists()


def test_log_path_that_is_a_folder_is_refused_before_the_chat(tmp_path: Path):
    assert_refused_before_the_chat(chat(tmp_path), "is a folder")


def test_log_under_a_file_is_refused_before_the_chat(tmp_path: Path):
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    assert_refused_before_the_chat(chat(tmp_path / "plain" / "log.jsonl"), "not a folder")


@as_root
def test_log_in_a_read_only_folder_is_refused_before_the_chat(tmp_path: Path):
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o555)
    assert_refused_before_the_chat(chat(folder / "log.jsonl"), "permission denied")


def test_clinic_profile_log_path_is_checked_too(tmp_path: Path):
    kb = tmp_path / "kb"
    kb.mkdir()
    for name in ("visit.yaml", "smalltalk.yaml"):
        (kb / name).write_bytes((Path(KB) / name).read_bytes())
    (kb / "clinic.yaml").write_text(
        f"clinic:\n  log_unanswered: {tmp_path / 'nowhere' / 'log.jsonl'}\n", encoding="utf-8")
    result = run_bot("--kb", str(kb), stdin=UNANSWERED)
    assert_refused_before_the_chat(result, "nowhere", "does not exist")


def test_a_new_log_is_created_private(tmp_path: Path):
    log = tmp_path / "unanswered.jsonl"
    assert chat(log).returncode == 0
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert json.loads(log.read_text(encoding="utf-8"))["text"] == "blorf zzkx"


def test_an_existing_log_keeps_its_mode(tmp_path: Path):
    """Staff chose the mode of a file faqbot did not create; faqbot appends and leaves it."""
    log = tmp_path / "shared.jsonl"
    log.write_text('{"text": "earlier"}\n', encoding="utf-8")
    log.chmod(0o640)
    assert chat(log).returncode == 0
    assert stat.S_IMODE(log.stat().st_mode) == 0o640
    assert len(log.read_text(encoding="utf-8").splitlines()) == 2


def test_a_symlinked_log_never_changes_the_targets_mode(tmp_path: Path):
    target = tmp_path / "target.txt"
    target.write_text("someone else's file\n", encoding="utf-8")
    target.chmod(0o644)
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    assert chat(link).returncode == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert link.is_symlink()


def test_a_dangling_symlink_is_refused_before_the_chat(tmp_path: Path):
    link = tmp_path / "link.jsonl"
    link.symlink_to(tmp_path / "gone" / "file")
    assert_refused_before_the_chat(chat(link), "link to a file that does not exist")


def test_a_log_that_fails_mid_chat_warns_once_and_the_chat_goes_on(tmp_path: Path, capsys):
    """The log's folder removed after the start: one warning, then every question answered."""
    folder = tmp_path / "logs"
    folder.mkdir()
    log = UnansweredLog.checked(folder / "unanswered.jsonl")
    (folder / "unanswered.jsonl").unlink()
    folder.rmdir()
    console = Console(file=io.StringIO(), width=80)
    session = ChatSession(load(ROOT / KB), console, log)
    for line in ("blorf zzkx", "zzkx blorf", "where do i park"):
        assert session.handle(line)
    err = capsys.readouterr().err
    [warning] = err.splitlines()
    assert warning.startswith("warning: ")
    assert "no longer logged" in warning
    assert "visitor lot" in console.file.getvalue()


# --- review --write-cases and coverage reports ------------------------------------------------

def write_log(tmp_path: Path) -> Path:
    log = tmp_path / "unanswered.jsonl"
    assert chat(log, stdin=b"how much does it cost\nblorf zzkx\n").returncode == 0
    return log


@pytest.mark.parametrize(
    ("where", "fragment"),
    [("missing/cases.yaml", "does not exist"), (".", "is a folder"),
     ("existing.yaml", "already exists")],
    ids=["missing-folder", "a-folder", "existing-file"],
)
def test_write_cases_path_is_refused_before_the_log_is_read(tmp_path: Path, where: str,
                                                            fragment: str):
    (tmp_path / "existing.yaml").write_text("cases: []\n", encoding="utf-8")
    out = tmp_path / where
    # The log does not exist either: the output path is what is checked first.
    result = run_bot("--kb", KB, "review", str(tmp_path / "no-log.jsonl"), "--write-cases", str(out))
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2
    [line] = err.splitlines()
    assert line.startswith("error: ")
    assert fragment in line
    assert (tmp_path / "existing.yaml").read_text(encoding="utf-8") == "cases: []\n"


def test_draft_cases_are_created_private(tmp_path: Path):
    out = tmp_path / "drafts.yaml"
    result = run_bot("--kb", KB, "review", str(write_log(tmp_path)), "--write-cases", str(out))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.parametrize("option", ["--junit", "--csv"])
def test_report_path_that_is_a_folder_is_refused_before_the_run(tmp_path: Path, option: str):
    result = run_bot("--kb", KB, "coverage", "tests/data/cases/pass.yaml", option, str(tmp_path))
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert result.stdout == b""
    assert err.startswith("error: ")
    assert "is a folder" in err
