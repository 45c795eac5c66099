"""The real program in a pseudo-terminal and with piped stdin, as a patient would use it."""

from __future__ import annotations

import os
import re
import sys

import pexpect
import pytest

from tests.helpers import ROOT, run_bot

KB = "tests/data/kb_chat"
ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*m")
# An SGR sequence that sets a foreground or background colour (bold alone is not colour).
SETS_COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]")


def spawn(*args: str, columns: int = 80, **env: str) -> pexpect.spawn:
    inherited = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    environment = {**inherited, "TERM": "xterm-256color", "COLUMNS": str(columns), **env}
    child = pexpect.spawn(
        sys.executable,
        ["run_bot.py", "--kb", KB, *args],
        cwd=str(ROOT),
        env=environment,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, columns),
    )
    child.expect("Kyphoplasty questions")
    child.expect("You: ")
    assert "medical" in ANSI_COLOUR.sub("", child.before)
    return child


def ask(child: pexpect.spawn, line: str) -> str:
    """Send a line and return everything printed up to the next prompt."""
    child.sendline(line)
    child.expect("You: ")
    return ANSI_COLOUR.sub("", child.before)


def test_question_gets_its_answer_and_related_questions():
    child = spawn()
    out = ask(child, "recovery room")
    assert "nurses check on you" in out
    assert "You might also ask" in out
    assert "1. When can I go home?" in out
    child.sendline("quit")
    child.expect(pexpect.EOF)


def test_did_you_mean_option_and_related_question_are_picked_by_number():
    child = spawn()
    out = ask(child, "recovery")
    assert "Did you mean" in out
    options = dict(
        re.findall(r"(\d)\. (How long is the recovery\?|What happens in the recovery room\?)", out)
    )
    number = next(n for n, q in options.items() if q == "How long is the recovery?")
    out = ask(child, number)
    assert "within a few days" in out
    out = ask(child, "1")  # its first related question
    assert "same day" in out
    out = ask(child, "9")
    assert "Type a number from 1 to" in out
    child.sendline("exit")
    child.expect(pexpect.EOF)


def test_markup_typed_by_the_user_is_shown_literally():
    child = spawn()
    out = ask(child, "[bold]zzqx[/bold] [link=http://evil.example]click[/link]")
    assert "[bold]zzqx[/bold] [link=http://evil.example]click[/link]" in out
    assert "\x1b]8;" not in child.before  # no hyperlink escape was produced
    child.sendline("quit")
    child.expect(pexpect.EOF)


def test_escape_sequences_typed_at_the_terminal_never_reach_the_screen():
    """readline eats some of the keys; whatever arrives is echoed without escapes."""
    child = spawn()
    child.sendline("zzqx \x1b[2J\x1b]0;pwned\x07 here")
    child.expect("You asked: (.*)\r\n")
    echoed = ANSI_COLOUR.sub("", child.match.group(1))
    assert "zzqx" in echoed
    assert "\x1b" not in echoed
    assert "\x07" not in echoed
    child.expect("You: ")
    child.sendline("quit")
    child.expect(pexpect.EOF)


def test_escape_sequences_in_piped_input_are_stripped():
    result = run_bot("--kb", KB, stdin=b"zzqx \x1b[2J\x1b]0;pwned\x07 here\n")
    assert "You asked: zzqx here" in result.stdout.decode("utf-8")


def test_ctrl_d_says_goodbye_and_exits_zero():
    child = spawn()
    child.sendeof()
    child.expect("Goodbye")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_ctrl_c_says_goodbye_and_exits_130():
    """130 is the shell's convention for a run stopped by Ctrl-C (128 + SIGINT)."""
    child = spawn()
    child.sendintr()
    child.expect("Goodbye")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in child.before


def test_topics_and_help_commands():
    child = spawn()
    out = ask(child, "topics")
    assert "What I can answer" in out
    assert "When can I go home?" in out
    out = ask(child, "help")
    assert "Type a number" in out
    child.sendline("quit")
    child.expect(pexpect.EOF)


def test_no_color_is_honoured():
    child = spawn(NO_COLOR="1")
    child.sendline("recovery room")
    child.expect("You: ")
    assert "nurses" in child.before
    assert not SETS_COLOUR.search(child.before)
    child.sendline("quit")
    child.expect(pexpect.EOF)


def test_readable_at_40_columns():
    child = spawn(columns=40)
    child.sendline("recovery room")
    child.expect("You: ")
    lines = ANSI_COLOUR.sub("", child.before).splitlines()
    assert max(len(line) for line in lines) <= 40
    child.sendline("quit")
    child.expect(pexpect.EOF)


def test_piped_stdin_answers_one_question_per_line_without_prompts():
    result = run_bot("--kb", KB, stdin=b"recovery room\n\n   \nwhen can i go home\n")
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0
    assert "You:" not in out
    assert "not medical advice" not in out
    assert out.index("nurses check on you") < out.index("same day")


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xfe\xfd recovery room\n",
        "caf\u00e9 \u202eroom\u202c \U0001f600\n".encode(),
        b"\x00\x07\x1b[31mrecovery\x1b[0m\n",
    ],
    ids=["invalid-utf8", "rtl-and-emoji", "control-characters"],
)
def test_hostile_piped_input_is_answered_not_crashed(data: bytes):
    result = run_bot("--kb", KB, stdin=data)
    assert result.returncode == 0
    assert b"Traceback" not in result.stderr
    assert result.stdout.strip()


def test_megabyte_line_is_refused_quickly():
    result = run_bot("--kb", KB, stdin=b"a" * 1_000_000 + b"\nrecovery room\n", timeout=10)
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0
    assert "too long" in out
    assert "nurses check on you" in out, "the next question is still answered"
