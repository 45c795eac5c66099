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


def spawn(*args: str, columns: int = 80, rows: int = 40, kb: str = KB, **env: str) -> pexpect.spawn:
    inherited = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "LINES")}
    environment = {**inherited, "TERM": "xterm-256color", "COLUMNS": str(columns), **env}
    child = pexpect.spawn(
        sys.executable,
        ["run_bot.py", "--kb", kb, *args],
        cwd=str(ROOT),
        env=environment,
        encoding="utf-8",
        timeout=20,
        dimensions=(rows, columns),
    )
    child.expect("Kyphoplasty questions")
    child.expect("You: ")
    assert "medical" in ANSI_COLOUR.sub("", child.before)
    return child


def ask(child: pexpect.spawn, line: str) -> str:
    """Send a line and return everything printed up to the next prompt (pressing Enter
    through the pages of a reply taller than the window)."""
    child.sendline(line)
    out = ""
    while child.expect(["You: ", "More: press Enter"]):
        out += child.before
        child.sendline("")
    return ANSI_COLOUR.sub("", out + child.before)


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
    assert "1. After (3)" in out
    out = ask(child, "1")
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


# --- layout: what a patient sees at 80x24 and 40x20 -----------------------------------------

SHIPPED = "knowledge"
LONG_MESSAGE = ("hello, my mother had her operation last week and she keeps asking me about "
                "the paperwork and the parking and the food in the cafeteria and whether the "
                "television in the room works, and honestly I don't know what to tell her")


def screen_lines(text: str) -> list[str]:
    """What `text` puts on the screen, line by line, colours removed, right ends trimmed."""
    return [line.rstrip() for line in ANSI_COLOUR.sub("", text).replace("\r\n", "\n").split("\n")]


def test_ctrl_d_puts_the_goodbye_on_its_own_line():
    child = spawn()
    child.sendeof()
    child.expect("Goodbye")
    assert child.before.endswith("\r\n"), "the goodbye starts a new line, after the prompt"
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


@pytest.mark.parametrize(("columns", "rows"), [(80, 24), (40, 20)])
def test_exactly_one_blank_line_before_every_prompt(columns: int, rows: int):
    """Answers, did-you-mean, fallbacks, commands, hints and empty lines alike."""
    child = spawn(columns=columns, rows=rows)
    for line in ("recovery room", "recovery", "zzqx blorf", "help", "topics", "1", "",
                 "99", "x" * 2500, "hello"):
        child.sendline(line)
        while True:  # a tall reply at 40x20 comes a page at a time: its prompts count too
            more = child.expect(["You: ", "More: press Enter"])
            echoed, *shown = screen_lines(child.before)  # the typed line, then the reply
            assert shown[-2:] == ["", ""], (line, shown[-4:])  # a blank line, then the prompt
            assert len(shown) == 2 or shown[-3] != "", (line, shown[-4:])  # and only one
            if not more:
                break
            child.sendline("")
    child.sendline("quit")
    child.expect(pexpect.EOF)


def test_topics_fits_one_screen_and_opens_a_group_by_number_or_name():
    child = spawn(columns=40, rows=20, kb=SHIPPED)
    overview = [line for line in screen_lines(ask(child, "topics")) if line]
    assert len(overview) <= 20 - 3, "the list, the question and the prompt fit 40x20"
    groups = re.findall(r"(\d+)\. (.+) \((\d+)\)", "\n".join(overview))
    assert len(groups) == 7
    assert groups[1][1] == "The procedure"
    by_number = ask(child, "2")
    by_name = ask(child, "topics procedure")
    for out in (by_number, by_name):
        assert "The procedure" in out
        assert "What is kyphoplasty?" in out


def test_a_groups_numbers_line_up_past_nine():
    """ 9. and 10. end in the same column, and their questions start in the same column."""
    child = spawn(columns=80, rows=50, kb=SHIPPED)
    ask(child, "topics")
    numbered = re.findall(r"^│ *(\d+)\. (\S)", ask(child, "topics 2").replace("\r", ""), re.M)
    lines = [line for line in screen_lines(child.before) if re.match(r"│ +\d+\. ", line)]
    assert len(numbered) >= 10
    dots = {line.index(". ") for line in lines}
    assert len(dots) == 1, lines


def test_a_fallback_quotes_only_a_short_excerpt():
    child = spawn()
    out = ask(child, LONG_MESSAGE)
    [heard] = [line for line in screen_lines(out) if line.startswith("You asked:")]
    assert len(heard) <= len("You asked: ") + 60
    assert heard.endswith("…")
    assert "cafeteria" not in out.split("You asked:")[1]


def test_a_tall_answer_at_40x20_keeps_its_heading_on_screen():
    """The reply stops before its top scrolls away; Enter shows the rest."""
    child = spawn(columns=40, rows=20, kb=SHIPPED)
    child.sendline("will i be asleep")
    child.expect("More: press Enter")
    first = screen_lines(child.before)
    assert len(first) <= 20, "nothing has scrolled off the screen"
    assert any("The procedure" in line for line in first[:3]), "the panel's heading is on screen"
    assert any("anesthesia?" in line for line in first[:4])
    rest = ask(child, "")  # Enter, page by page, until the next question
    assert "You might also ask" in rest
    assert "The procedure" not in rest, "nothing is shown twice"
    child.sendline("quit")
    child.expect(pexpect.EOF)


def test_a_question_at_the_more_prompt_is_answered():
    child = spawn(columns=40, rows=20, kb=SHIPPED)
    child.sendline("will i be asleep")
    child.expect("More: press Enter")
    out = ask(child, "can i drive home")
    assert "drive" in out
    child.sendline("quit")
    child.expect(pexpect.EOF)
