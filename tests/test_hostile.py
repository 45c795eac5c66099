"""Hostile input and broken output: control characters from any file never reach the
terminal, alias bombs are refused, and output that cannot be written is one clear line."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.table import Table
from rich.text import Text

from faqbot.console import make_console
from faqbot.errors import ExitStatus
from faqbot.understand.sanitize import excerpt, json_text, printable
from tests.helpers import ROOT, run_bot

KB = "tests/data/staff_kb"
ESCAPES = "\x1b[2J\x1b]0;pwned\x07\x9b31m\u202e"


def no_control(text: str) -> bool:
    """Nothing a terminal would act on: no ESC, BEL, CSI or bidi override."""
    return not any(c in text for c in "\x1b\x07\x9b\u202e")


# --- the sanitiser and the console every command prints through --------------------------

def test_printable_keeps_newlines_and_spacing_but_drops_every_control():
    assert printable("a  b\nc") == "a  b\nc"
    assert printable(f"red{ESCAPES} text\tend") == "red 31m text end"


def test_excerpt_is_short_and_cut_at_a_word():
    text = "my back has been hurting " * 20
    short = excerpt(text, 60)
    assert len(short) <= 60
    assert short.endswith("…")
    assert text.startswith(short[:-1])


def test_json_text_escapes_what_a_terminal_would_act_on_and_stays_the_same_json():
    import json

    value = {"q": f"x{ESCAPES}é"}
    written = json_text(value)
    assert no_control(written)
    assert "é" in written
    assert json.loads(written) == value


def test_the_console_strips_controls_from_any_renderable():
    """Tables, panels and plain text: whatever their source, escapes never come out."""
    console = make_console(file=io.StringIO(), width=60, force_terminal=True)
    table = Table("question")
    table.add_row(Text(f"cell{ESCAPES}"))
    console.print(table)
    console.print(f"plain{ESCAPES}", markup=False)
    out = console.file.getvalue()
    assert "cell" in out
    assert "plain" in out
    assert "\x1b[2J" not in out
    assert "\x07" not in out
    assert "\x9b" not in out
    assert "\u202e" not in out


# --- case files and questions echoed by the staff tools ----------------------------------

def test_control_characters_in_a_csv_question_are_not_printed(tmp_path: Path):
    cases = tmp_path / "hostile.csv"
    cases.write_text(f'question,expect\n"where do i park {ESCAPES}",driving\n', encoding="utf-8")
    result = run_bot("--kb", KB, "coverage", str(cases), env={**os.environ, "COLUMNS": "160"})
    out = result.stdout.decode("utf-8")
    assert result.returncode == 1
    assert "where do i park" in out, "the failed case is in the table"
    assert no_control(out)


def test_unknown_id_with_controls_in_a_case_file_is_reported_without_them(tmp_path: Path):
    cases = tmp_path / "hostile.yaml"
    cases.write_text('cases:\n  - question: park\n    expect: "bad\\e[2Jid"\n', encoding="utf-8")
    result = run_bot("--kb", KB, "coverage", str(cases))
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert "unknown entry id" in err
    assert no_control(err)


def test_explain_does_not_echo_controls():
    result = run_bot("--kb", KB, "explain", f"where do i park {ESCAPES}")
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0
    assert "park" in out
    assert no_control(out)


def test_ask_json_escapes_controls_in_the_question():
    result = run_bot("--kb", KB, "ask", f"park{ESCAPES}", "--json")
    assert result.returncode == 0
    assert no_control(result.stdout.decode("utf-8"))


# --- YAML aliases --------------------------------------------------------------------------

def alias_bomb(copies: int) -> str:
    answer = " ".join(["word"] * 400)
    lines = ["topic: Copies", "entries:", "  - id: first", "    question: What is it?",
             f"    answer: &big {answer}"]
    for n in range(copies):
        lines += [f"  - id: copy-{n}", f"    question: Copy {n}?", "    answer: *big"]
    return "\n".join(lines) + "\n"


def test_a_knowledge_base_of_aliases_is_refused_with_the_alias_line(tmp_path: Path):
    kb = tmp_path / "bomb.yaml"
    kb.write_text(alias_bomb(20_000), encoding="utf-8")
    result = run_bot("--kb", str(kb), "ask", "hello")
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert err.splitlines() == [
        f"error: {kb}:8: YAML alias '*big' is not allowed: write the text out in full "
        "(aliases can make a small file expand without limit)"]


def test_aliases_in_a_case_file_are_refused(tmp_path: Path):
    cases = tmp_path / "cases.yaml"
    cases.write_text("cases:\n  - question: &q where do i park\n    expect: parking\n"
                     "  - question: *q\n    expect: parking\n", encoding="utf-8")
    result = run_bot("--kb", KB, "coverage", str(cases))
    assert result.returncode == 2
    assert f"{cases}:4: YAML alias '*q' is not allowed" in result.stderr.decode("utf-8")


def test_an_ampersand_or_star_in_text_is_not_an_alias(tmp_path: Path):
    kb = tmp_path / "kb.yaml"
    kb.write_text('entries:\n  - id: qa\n    question: "Q&A about the *cement*"\n'
                  '    answer: "Ask & we answer: 2 * 3."\n', encoding="utf-8")
    result = run_bot("--kb", str(kb), "ask", "Q&A about the cement")
    assert result.returncode == 0, result.stderr


# --- output that cannot be written -------------------------------------------------------

def run_with_stdout(stdout, *args: str, stdin: bytes | None = None):
    return subprocess.run([sys.executable, str(ROOT / "run_bot.py"), "--kb", KB, *args],
                          stdout=stdout, stderr=subprocess.PIPE, input=stdin, cwd=ROOT,
                          timeout=60, check=False)


@pytest.mark.parametrize(
    ("args", "stdin"),
    [(("topics",), None), (("ask", "where do i park"), None), (("ask", "park", "--json"), None),
     (("explain", "park"), None), (("coverage", "tests/data/cases/pass.yaml"), None),
     ((), b"where do i park\nblorf\n")],
    ids=["topics", "ask", "ask-json", "explain", "coverage", "chat"],
)
def test_a_full_disk_is_one_line_and_status_74(args, stdin):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "wb") as full:
        result = run_with_stdout(full, *args, stdin=stdin)
    assert result.returncode == ExitStatus.OUTPUT_FAILED == 74
    assert result.stderr.decode("utf-8").splitlines() == [
        "error: cannot write the output (No space left on device)"]


def test_a_closed_pipe_is_one_line_and_status_74():
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before a byte is written, as after `| head -0`
    try:
        result = run_with_stdout(write_end, "topics")
    finally:
        os.close(write_end)
    assert result.returncode == 74
    assert result.stderr.decode("utf-8").splitlines() == ["error: cannot write the output (closed early)"]


def test_a_closed_stdout_is_one_line_and_status_74():
    """Started as `run_bot.py topics >&-`: there is no stdout at all."""
    command = f"'{sys.executable}' run_bot.py --kb {KB} topics >&-"
    result = subprocess.run(command, shell=True, stderr=subprocess.PIPE, cwd=ROOT, timeout=60,
                            check=False)
    assert result.returncode == 74
    assert result.stderr.decode("utf-8").splitlines() == [
        "error: cannot write the output (standard output is closed)"]


def test_stderr_on_a_full_disk_still_gives_the_status():
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "wb") as full:
        result = subprocess.run([sys.executable, str(ROOT / "run_bot.py"), "--kb", "no/such/kb",
                                 "topics"], stdout=subprocess.PIPE, stderr=full, cwd=ROOT,
                                timeout=60, check=False)
    assert result.returncode == 2
    assert result.stdout == b""
