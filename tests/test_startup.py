"""Start-up: the two lines run most read their arguments without argparse, and a warm
`ask --json` imports neither PyYAML, argparse nor rich (speed itself is `python -m bench`'s)."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from faqbot.cli import _plain_args, build_parser, main
from tests.helpers import ROOT

PLAIN_LINES = [
    ["ask", "how long does it take"],
    ["ask", "how long does it take", "--json"],
    ["--kb", "kb", "ask", "--json", "q"],
    ["ask", "q", "--kb=other"],
    ["--kb", "a", "ask", "q", "--kb", "b"],
    ["ask", "ask"],
    ["ask", ""],
    [],
    ["--kb", "kb"],
    ["chat"],
    ["chat", "--kb", "kb", "--log-unanswered", "log.jsonl"],
    ["--log-unanswered", "log.jsonl"],
]
OTHER_LINES = [
    ["ask"], ["ask", "a", "b"], ["ask", "-x"], ["--json", "ask", "q"], ["ask", "q", "--js"],
    ["ask", "q", "--log-unanswered", "f"], ["chat", "extra"], ["topics"], ["--help"],
    ["--version"], ["--kb"], ["--kb", "-x", "ask", "q"], ["coverage", "tests/questions"],
    ["ask", "--", "-q"],
]


@pytest.mark.parametrize("argv", PLAIN_LINES, ids=lambda a: " ".join(a) or "(none)")
def test_plain_lines_read_as_argparse_reads_them(argv: list[str]):
    assert vars(_plain_args(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", OTHER_LINES, ids=" ".join)
def test_anything_else_goes_to_argparse(argv: list[str]):
    assert _plain_args(argv) is None


def test_a_warm_ask_imports_no_yaml_argparse_or_rich(tmp_path: Path):
    """With the knowledge base cached, nothing must be parsed, so PyYAML stays unloaded."""
    script = (
        "import sys\n"
        "from faqbot.cli import main\n"
        "main(['--kb', 'tests/data/kb_minimal', 'ask', 'where do i park', '--json'])\n"
        "print(sorted(m for m in ('yaml', 'argparse', 'rich', 'faqbot.kb.validate')"
        " if m in sys.modules))\n"
    )
    env = {**os.environ, "FAQBOT_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           cwd=ROOT, env=env, timeout=60, check=True).stdout.splitlines()
            for _ in range(2)]
    assert json.loads(runs[0][0]) == json.loads(runs[1][0])
    assert "yaml" in runs[0][1]  # the first start parses the files
    assert runs[1][1] == "[]"


MINIMAL = str(ROOT / "tests" / "data" / "kb_minimal")


@pytest.mark.parametrize("argv", [["--kb", MINIMAL, "ask", "where do i park"],
                                  ["--kb", MINIMAL, "topics"], ["--no-such-option"]],
                         ids=" ".join)
def test_main_leaves_the_cyclic_gc_on(argv: list[str], capsys: pytest.CaptureFixture[str]):
    """main() pauses the collector while the program starts, and turns it on again
    however the command ends (argparse's exit included)."""
    with contextlib.suppress(SystemExit):
        main(argv)
    capsys.readouterr()
    assert gc.isenabled()
