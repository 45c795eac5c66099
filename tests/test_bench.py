"""The benchmark (`python -m bench`) runs end to end on a tiny input and prints its table.

No timings are asserted: figures depend on the machine. The bench extra (rank-bm25) may
be missing; the BM25 rows then say so instead of failing the run.
"""

from __future__ import annotations

import difflib
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.methods import best_ratio
from bench.typos import add_typos, misspell
from tests.helpers import ROOT

TINY_KB = "tests/data/kb_minimal"
TUNING = """\
cases:
  - question: where do i park my car
    expect: parking
  - question: what time should i arrive on the day
    expect: arrival-time
  - question: how much does kyphoplasty cost
    expect: fallback
"""
HOLDOUT = """\
cases:
  - question: is there parking at the clinic
    expect: [parking, fallback]
  - question: do you take insurance
    expect: fallback
"""
METHODS = ("faqbot matcher", "difflib get_close_matches", "rapidfuzz WRatio",
           "rapidfuzz token_set_ratio", "BM25Okapi")
# Keep a real interpreter start for BM25 being absent: importing it then fails.
WITHOUT_BM25 = ("import runpy, sys; sys.modules['rank_bm25'] = None; "
                "runpy.run_module('bench', run_name='__main__', alter_sys=True)")


def _bench(tmp_path: Path, *options: str, code: str | None = None
           ) -> tuple[subprocess.CompletedProcess[str], list[list[str]]]:
    (tmp_path / "tiny.yaml").write_text(TUNING, encoding="utf-8")
    (tmp_path / "later.yaml").write_text(HOLDOUT, encoding="utf-8")
    args = ["--quick", "--kb", TINY_KB, "--cases", str(tmp_path / "tiny.yaml"),
            "--holdout", str(tmp_path / "later.yaml"), "--every", "1", *options]
    start = [sys.executable, "-c", code] if code else [sys.executable, "-m", "bench"]
    done = subprocess.run([*start, *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, check=False)
    rows = [[cell.strip() for cell in line.strip("|").split("|")]
            for line in done.stdout.splitlines() if line.startswith("| ")]
    return done, rows


def _row(rows: list[list[str]], benchmark: str, subject_start: str) -> list[str]:
    found = [r for r in rows if r[0] == benchmark and r[1].startswith(subject_start)]
    assert len(found) == 1, f"{benchmark} / {subject_start}: {found}"
    return found[0]


def test_tiny_run_prints_every_row_and_writes_results(tmp_path: Path):
    """Every benchmark has its row, targets are checked, RESULTS.md says where it ran."""
    out = tmp_path / "RESULTS.md"
    done, rows = _bench(tmp_path, "--sizes", "20", "--startup-runs", "1",
                        "--throughput", "30", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert rows[0] == ["Benchmark", "Subject", "Result", "Target", "Check"]
    for name in ("tiny", "tiny + typos", "later", "later + typos"):
        for method in METHODS:
            row = _row(rows, f"accuracy: {name}", method)
            assert "right" in row[2] or "not installed" in row[2]
    with_loss = _row(rows, "accuracy: tiny + typos", "faqbot")[2]
    assert re.search(r"right +[\d.]+% \( *[+-][\d.]+\)", with_loss)
    assert _row(rows, "match time", "tests/data/kb_minimal (2 entries)")[4] in ("PASS", "FAIL")
    assert "median" in _row(rows, "match time", "20 entries (generated)")[2]
    assert _row(rows, "match time", "10,000 entries")[4] == "SKIP"
    assert "MiB" in _row(rows, "load + memory", "20 entries")[2]
    assert "n^" in _row(rows, "growth", "2 -> 20 entries")[2]
    assert _row(rows, "load + memory", "10,000 entries")[4] == "SKIP"
    for label in ("start-up: ask", "start-up: chat"):
        warm = [r for r in rows if r[0] == label and r[1].endswith("(cache warm)")]
        cold = [r for r in rows if r[0] == label and r[1].endswith("(no cache)")]
        assert [r[4] for r in warm] in (["PASS"], ["FAIL"])
        assert [(r[3], r[4]) for r in cold] == [("", "")]
    assert "ms self time" in _row(rows, "start-up imports", "all modules")[2]
    assert any(r[0] == "start-up imports" and r[1].startswith("faqbot") for r in rows)
    assert "cases/s" in _row(rows, "coverage throughput", "30 cases")[2]
    written = out.read_text(encoding="utf-8")
    assert "CPU:" in written
    assert "Python 3." in written
    assert "| Benchmark" in written


def test_missing_bench_extra_marks_bm25_not_installed(tmp_path: Path):
    """Without rank-bm25 the run still succeeds; BM25's rows say how to install it."""
    done, rows = _bench(tmp_path, "--sizes", "", "--startup-runs", "0", "--throughput", "0",
                        "--no-write", code=WITHOUT_BM25)
    assert done.returncode == 0, done.stderr
    row = _row(rows, "accuracy: tiny", "BM25Okapi")
    assert "not installed" in row[2]
    assert row[4] == "SKIP"


def test_bad_case_file_is_one_error_line_and_status_2(tmp_path: Path):
    """A case file without a `cases:` list is refused like any bad input."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("questions: []\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "bench", "--kb", TINY_KB, "--cases", str(bad),
                           "--no-write"], capture_output=True, text=True, cwd=ROOT,
                          timeout=60, check=False)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"error: {bad}: expected a top-level 'cases:' list"]


@pytest.mark.parametrize("floor", [0.0, 0.6])
@pytest.mark.parametrize("text", ["what is kyphoplasty", "can i drive home after",
                                  "how long until i can lift my grandchild", "zzz"])
def test_difflib_shortcut_finds_what_get_close_matches_finds(text: str, floor: float):
    """best_ratio is only a faster get_close_matches(n=1, cutoff=floor): same phrase, same ratio."""
    phrases = ["what is kyphoplasty?", "how long does recovery take", "can i drive after",
               "when can i lift things again", "is kyphoplasty painful", "what does it cost"]
    ratio, phrase = best_ratio(text, phrases, floor=floor)
    expected = difflib.get_close_matches(text, phrases, n=1, cutoff=floor)
    assert ([phrase] if phrase else []) == expected
    if phrase:
        assert ratio == pytest.approx(difflib.SequenceMatcher(None, text, phrase).ratio())


def test_typos_are_seeded_and_spare_first_letters():
    """The same seed gives the same typos; a misspelt word keeps its first letter."""
    text = "how long does recovery take after kyphoplasty surgery usually"
    assert add_typos(text, seed=3) == add_typos(text, seed=3)
    assert add_typos(text, share=0) == text
    assert add_typos(text, share=1) != text
    rng = random.Random(1)
    for _ in range(200):
        typo = misspell("recovery", rng)
        assert typo != "recovery"
        assert typo[0] == "r"


STACKFAQ = """{"root": {"qapair": [
  {"question": "Strikethrough with GitHub Markdown", "answer": ["Use ~~tildes~~."],
   "rephr": ["How to make font strikethrough on github", "*", "Crossed out text on github",
             "Does github support strikethrough letters?", null]},
  {"question": "How to delete a Facebook account", "answer": "Go to settings.",
   "rephr": ["How can I delete my facebook account?", "Removing my facebook account",
             "Get rid of my facebook account for good"]}
]}}"""
COVID_Q = """Category,Question ID,Question,Source,Answers
Duration,42,will covid end soon,Google,"Probably not soon."
Duration,42,when will covid be over,Yahoo,"Probably not soon."
Duration,42,when does the covid lockdown end,Google,"Probably not soon."
,13,do covid symptoms linger,Google,
Masks,7,do masks stop covid,Google,"They help."
Masks,7,should i wear a mask,Google,"They help."
"""


def _foreign(tmp_path: Path) -> Path:
    folder = tmp_path / "foreign"
    folder.mkdir()
    (folder / "stackfaq.json").write_text(STACKFAQ, encoding="utf-8")
    (folder / "covid-q.csv").write_text(COVID_Q, encoding="utf-8")
    return folder


def test_foreign_splits_take_k_rewordings_as_alternates(tmp_path: Path):
    """StackFAQ: the first k rewordings with words are alternates, the rest are asked;
    COVID-Q: labelled clusters of two or more, first question as the entry's question."""
    from bench.foreign import splits

    found = {split.name: split for split in splits(_foreign(tmp_path))}
    assert list(found) == ["StackFAQ k=0", "StackFAQ k=3", "COVID-Q k=1", "COVID-Q k=3"]
    github = found["StackFAQ k=3"].kb.entries[0]
    assert github.question == "Strikethrough with GitHub Markdown"
    assert github.alternates == ("How to make font strikethrough on github",
                                 "Crossed out text on github",
                                 "Does github support strikethrough letters?")
    assert len(found["StackFAQ k=0"].questions) == 6
    covid = found["COVID-Q k=1"]
    assert [e.question for e in covid.kb.entries] == ["will covid end soon",
                                                      "do masks stop covid"]
    assert covid.questions == (("when does the covid lockdown end", "e1"),)


def test_foreign_rows_check_wrong_answers_and_bm25(tmp_path: Path):
    """One row per split with PASS or FAIL; a missing folder is one SKIP row."""
    done, rows = _bench(tmp_path, "--sizes", "", "--startup-runs", "0", "--throughput", "0",
                        "--no-write", "--foreign", str(_foreign(tmp_path)))
    assert done.returncode == 0, done.stderr
    for name in ("StackFAQ k=0", "StackFAQ k=3", "COVID-Q k=1", "COVID-Q k=3"):
        row = _row(rows, f"foreign FAQ: {name}", "faqbot")
        assert "answered or offered" in row[2]
        assert "answer >= " in row[2]
        assert row[4] in ("PASS", "FAIL")
    done, rows = _bench(tmp_path, "--sizes", "", "--startup-runs", "0", "--throughput", "0",
                        "--no-write", "--foreign", str(tmp_path / "nowhere"))
    assert _row(rows, "foreign FAQ", "StackFAQ")[4] == "SKIP"
