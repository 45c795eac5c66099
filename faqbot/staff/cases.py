"""Test-case files for `coverage`: YAML or CSV in, Case values out.

Every problem in every file is collected, one line each with file and line, and raised
together as CaseFileError, so staff fix a broken file in one pass.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml
from rapidfuzz import process

from ..errors import CaseFileError
from ..kb import yamlnodes as yn
from ..kb.files import display_path
from ..kb.yamlnodes import NodeProblem

FALLBACK = "fallback"
EMERGENCY = "emergency"
# A near miss: anything but the emergency message passes ("no fever or chills").
HARMLESS = "harmless"
SPECIAL = (FALLBACK, EMERGENCY, HARMLESS)
CASE_SUFFIXES = (".yaml", ".yml", ".csv")
CASE_KEYS = ("question", "expect")
# Labels a case may carry for people reading the file (a red flag's category); ignored.
LABEL_KEYS = ("category", "note")
# A message asking several things: `expect_all: [fasting, driving]`, each must be answered.
EXPECT_ALL = "expect_all"


@dataclass(frozen=True)
class Case:
    """One test question and the outcomes that count as right, with where it was written."""

    question: str
    expect: tuple[str, ...]
    path: str
    line: int
    # True for an `expect_all` case: every id in `expect` must be answered.
    wants_all: bool = False

    @property
    def ids(self) -> tuple[str, ...]:
        """The acceptable entry ids (without `fallback` / `emergency`)."""
        return tuple(e for e in self.expect if e not in SPECIAL)

    @property
    def in_scope(self) -> bool:
        """The bot should answer it with an entry."""
        return bool(self.ids)

    @property
    def out_of_scope(self) -> bool:
        """The bot should say "I don't know" (and nothing expects an entry)."""
        return not self.ids and FALLBACK in self.expect

    @property
    def wants_emergency(self) -> bool:
        """The question reports a red flag."""
        return EMERGENCY in self.expect

    @property
    def near_miss(self) -> bool:
        """The question sounds like a red flag but reports none (`harmless`)."""
        return HARMLESS in self.expect and not self.wants_emergency


def expect_text(case: Case, separator: str = " | ") -> str:
    """The expected outcomes as one string ("a + b" when all must be answered)."""
    if case.wants_all:
        return " + ".join(case.expect)
    return separator.join(case.expect)


def case_files(paths: Iterable[str | Path]) -> list[Path]:
    """The case files named: files as given, folders as their .yaml/.yml/.csv files, sorted."""
    files: list[Path] = []
    problems: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in CASE_SUFFIXES and p.is_file())
            if not found:
                problems.append(f"{display_path(path)}: no .yaml, .yml or .csv files in the folder")
            files.extend(found)
        elif path.is_file():
            if path.suffix not in CASE_SUFFIXES:
                problems.append(f"{display_path(path)}: not a case file (use .yaml, .yml or .csv)")
            files.append(path)
        else:
            problems.append(f"{display_path(path)}: no such file or folder")
    if problems:
        raise CaseFileError(problems)
    unique = {p.resolve(): p for p in files}
    return list(unique.values())


def read_cases(paths: Iterable[str | Path], known_ids: Iterable[str]) -> list[Case]:
    """Every case in the files named; CaseFileError lists every problem with file and line."""
    known = frozenset(known_ids)
    cases: list[Case] = []
    problems: list[str] = []
    for path in case_files(paths):
        shown = display_path(path)
        text = _read_text(path, shown, problems)
        if text is None:
            continue
        reader = _csv_cases if path.suffix == ".csv" else _yaml_cases
        cases.extend(reader(text, shown, _Checker(shown, known, problems)))
    if problems:
        raise CaseFileError(problems)
    return cases


def _read_text(path: Path, shown: str, problems: list[str]) -> str | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(f"{shown}: cannot read file ({exc.strerror})")
        return None
    try:
        # utf-8-sig: spreadsheets often save CSV with a byte-order mark.
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(f"{shown}:{line}: not valid UTF-8 (byte 0x{raw[exc.start]:02x}); "
                        "save the file as UTF-8")
        return None


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    best = process.extractOne(word, list(choices), score_cutoff=70)
    return f" (did you mean '{best[0]}'?)" if best else ""


@dataclass(frozen=True)
class _Checker:
    """Collects one file's problems, each placed at its line."""

    shown: str
    known: frozenset[str]
    problems: list[str]

    def add(self, line: int, message: str) -> None:
        self.problems.append(f"{self.shown}:{line}: {message}")

    def known_id(self, value: str, line: int) -> bool:
        if value in SPECIAL or value in self.known:
            return True
        self.add(line, f"unknown entry id '{value}'{_did_you_mean(value, self.known)}")
        return False


def _yaml_cases(text: str, shown: str, check: _Checker) -> list[Case]:
    try:
        root = yn.parse(text, shown)
        if root is None:
            check.add(1, "the file is empty (expected 'cases:' and a list)")
            return []
        sections = yn.as_mapping(root, "the file")
        lines = yn.key_lines(root)
        unknown = [key for key in sections if key != "cases"]
        for key in unknown:
            check.add(lines[key], f"unknown section '{key}' (expected 'cases')")
        if "cases" not in sections:
            if not unknown:
                check.add(yn.line_of(root), "missing 'cases:' (a list of question and expect)")
            return []
        items = yn.as_list(sections["cases"], "cases")
    except NodeProblem as problem:
        check.add(problem.line, problem.message)
        return []
    if not items:
        check.add(yn.line_of(sections["cases"]), "no cases in the list")
    cases: list[Case] = []
    for item in items:
        try:
            case = _yaml_case(item, shown, check)
        except NodeProblem as problem:
            check.add(problem.line, problem.message)
            continue
        if case is not None:
            cases.append(case)
    return cases


def _yaml_case(node: yaml.Node, shown: str, check: _Checker) -> Case | None:
    fields = yn.as_mapping(node, "a case")
    lines = yn.key_lines(node)
    ok = True
    meant: set[str] = set()
    wants_all = EXPECT_ALL in fields
    allowed = (*CASE_KEYS, EXPECT_ALL)
    for key in fields:
        if key not in allowed and key not in LABEL_KEYS:
            hint = _did_you_mean(key, allowed)
            meant.update(k for k in allowed if f"'{k}'" in hint)
            check.add(lines[key], f"unknown field '{key}'{hint} (a case has question and expect)")
            ok = False
    if wants_all and "expect" in fields:
        check.add(lines[EXPECT_ALL], "a case has expect or expect_all, not both")
        ok = False
    for key in CASE_KEYS:
        if key == "expect" and (wants_all or EXPECT_ALL in meant):
            continue
        if key not in fields and key not in meant:  # a misspelt key was reported already
            check.add(yn.line_of(node), f"case is missing '{key}'")
            ok = False
    if not ok:
        return None
    question = yn.as_text(fields["question"], "question").strip()
    expect_node = fields[EXPECT_ALL if wants_all else "expect"]
    if wants_all:
        nodes = yn.as_list(expect_node, EXPECT_ALL)
        ids = [(yn.as_text(n, "each item of expect_all").strip(), yn.line_of(n)) for n in nodes]
        if len(ids) < 2 or any(value in SPECIAL for value, _ in ids):
            raise NodeProblem(yn.line_of(expect_node),
                              "expect_all lists two or more entry ids, all to be answered")
        if not all([check.known_id(value, line) for value, line in ids]):
            return None
        return Case(question, tuple(dict.fromkeys(v for v, _ in ids)), shown, yn.line_of(node),
                    wants_all=True)
    if isinstance(expect_node, yaml.SequenceNode):
        nodes = yn.as_list(expect_node, "expect")
        if not nodes:
            raise NodeProblem(yn.line_of(expect_node), _EMPTY_EXPECT)
        expect = [(yn.as_text(n, "each item of expect").strip(), yn.line_of(n)) for n in nodes]
    else:
        value = yn.as_text(expect_node, "expect", allow_empty=True).strip()
        if not value:
            raise NodeProblem(yn.line_of(expect_node), _EMPTY_EXPECT)
        expect = [(value, yn.line_of(expect_node))]
    if not all([check.known_id(value, line) for value, line in expect]):
        return None
    return Case(question, tuple(dict.fromkeys(v for v, _ in expect)), shown, yn.line_of(node))


_EMPTY_EXPECT = "expect is empty: fill in an entry id, a list of ids, fallback or emergency"


def _csv_cases(text: str, shown: str, check: _Checker) -> list[Case]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        check.add(1, f"unreadable CSV ({exc})")
        return []
    names = [h.strip().casefold() for h in header or []]
    missing = [key for key in CASE_KEYS if key not in names]
    if missing:
        check.add(1, "the first row must name the columns question and expect "
                     f"(missing '{missing[0]}')")
        return []
    q_col, e_col = names.index("question"), names.index("expect")
    cases: list[Case] = []
    reported = len(check.problems)
    previous_end = reader.line_num
    while True:
        line = previous_end + 1  # a quoted cell may span lines: the row starts here
        try:
            row = next(reader, None)
        except csv.Error as exc:
            check.add(line, f"unreadable CSV ({exc})")
            break
        previous_end = reader.line_num
        if row is None:
            break
        if not any(cell.strip() for cell in row):
            continue
        case = _csv_case(row, q_col, e_col, line, shown, check)
        if case is not None:
            cases.append(case)
    if not cases and len(check.problems) == reported:
        check.add(1, "no cases (add rows under the question,expect header)")
    return cases


def _csv_case(row: list[str], q_col: int, e_col: int, line: int, shown: str,
              check: _Checker) -> Case | None:
    if len(row) <= max(q_col, e_col):
        check.add(line, f"expected a question and an expect column, found {len(row)} column(s)")
        return None
    question, expect = row[q_col].strip(), row[e_col].strip()
    parts = [part.strip() for part in expect.split("|")]
    if not question:
        check.add(line, "question is empty")
    elif not expect:
        check.add(line, _EMPTY_EXPECT)
    elif not all(parts):
        check.add(line, f"empty id in expect '{expect}' (write several ids as a|b)")
    elif all([check.known_id(part, line) for part in parts]):
        return Case(question, tuple(dict.fromkeys(parts)), shown, line)
    return None
