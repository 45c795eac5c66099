"""Reviewing the unanswered-questions log: read it, group similar questions, draft cases.

Pure core: reading the log returns the questions plus one problem per bad line; the
grouping and the nearest entry (through `match()`) are plain data for review_cli.py.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from ..errors import UsageError
from ..kb.files import display_path
from ..kb.model import KnowledgeBase
from ..understand.matcher import Kind, match
from ..understand.prepare import index_of
from ..understand.sanitize import clean

# token_set_ratio between the analysed forms of two questions for them to share a group.
# At 80, "how much does it cost" joins "what is the cost" and "cost??", while "can I
# drive" and "can I drink" (one stem apart in two) stay apart.
GROUP_MIN_SIMILARITY = 80.0
EXAMPLES_SHOWN = 3
# Question words say how something is asked, not what about: "what is the cost" and
# "how much does it cost" belong together.
QUESTION_WORDS = frozenset({"what", "which", "who", "whom", "whose", "how", "when", "where",
                            "why"})


@dataclass(frozen=True)
class Logged:
    """One logged question, with the line it was on."""

    line: int
    text: str
    kind: str = ""
    time: str = ""


@dataclass(frozen=True)
class Group:
    """Similar logged questions, the entry nearest to them, and what the bot does today."""

    members: tuple[Logged, ...]
    nearest_id: str | None
    nearest_score: float
    today: str

    @property
    def size(self) -> int:
        """How many times questions of this group were logged."""
        return len(self.members)

    @property
    def examples(self) -> tuple[str, ...]:
        """Distinct wordings, most often asked first."""
        counts = Counter(m.text for m in self.members)
        return tuple(text for text, _ in counts.most_common())

    @property
    def representative(self) -> str:
        """The wording asked most often (the first one logged on a tie)."""
        return self.examples[0]

    @property
    def kinds(self) -> Counter[str]:
        """How often the bot fell back or asked "did you mean" for this group."""
        return Counter(m.kind or "?" for m in self.members)


def read_log(path: Path) -> tuple[list[Logged], list[str]]:
    """The logged questions and one `file:line: problem` per malformed line (skipped).

    A missing file, or one where no line can be read, raises UsageError.
    """
    shown = display_path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(
            f"{shown}: no such file (questions are logged only when the chat runs with "
            "--log-unanswered FILE or log_unanswered is set in the clinic profile)") from None
    except OSError as exc:
        raise UsageError(f"{shown}: cannot read file ({exc.strerror})") from None
    logged: list[Logged] = []
    problems: list[str] = []
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            logged.append(_parse_line(line, number))
        except ValueError as exc:
            problems.append(f"{shown}:{number}: {exc} (line skipped)")
    if problems and not logged:
        raise UsageError([*problems, f"{shown}: no line could be read; is this an "
                                     "unanswered-questions log?"])
    return logged, problems


def _parse_line(line: bytes, number: int) -> Logged:
    try:
        row = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError:
        raise ValueError("not valid UTF-8") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(row, dict):
        raise ValueError("not a JSON object")
    text = row.get("text")
    if not isinstance(text, str) or not clean(text):
        raise ValueError("no question text ('text' is missing or empty)")
    kind, time = row.get("kind", ""), row.get("time", "")
    return Logged(number, clean(text), kind if isinstance(kind, str) else "",
                  time if isinstance(time, str) else "")


def group_key(kb: KnowledgeBase, text: str) -> str:
    """What grouping compares: the meaning-carrying stems, as the matcher sees them."""
    analysis = index_of(kb).analyse(text)
    stems = [s for s in analysis.stems if s not in QUESTION_WORDS]
    return " ".join(stems) or analysis.normalised or text.casefold()


def group(kb: KnowledgeBase, logged: Sequence[Logged], *,
          min_similarity: float = GROUP_MIN_SIMILARITY) -> list[Group]:
    """Greedy clusters of similar questions, biggest first.

    The most frequent forms are placed first, each joining the first group whose
    founding form is similar enough, or founding a new group.
    """
    by_key: dict[str, list[Logged]] = {}
    for item in logged:
        by_key.setdefault(group_key(kb, item.text), []).append(item)
    # Most asked first; dicts keep first-seen order, so ties stay in log order.
    ordered = sorted(by_key, key=lambda k: -len(by_key[k]))
    founders: list[str] = []
    clusters: list[list[Logged]] = []
    for key in ordered:
        hit = process.extractOne(key, founders, scorer=fuzz.token_set_ratio,
                                 score_cutoff=min_similarity)
        if hit is None:
            founders.append(key)
            clusters.append(list(by_key[key]))
        else:
            clusters[hit[2]].extend(by_key[key])
    clusters.sort(key=lambda members: (-len(members), min(m.line for m in members)))
    return [_with_nearest(kb, tuple(sorted(c, key=lambda m: m.line))) for c in clusters]


def _with_nearest(kb: KnowledgeBase, members: tuple[Logged, ...]) -> Group:
    text = Counter(m.text for m in members).most_common(1)[0][0]
    result = match(kb, text)
    top = result.candidates[0] if result.candidates else None
    if result.kind is Kind.ANSWER and result.entry is not None:
        today = f"answer {result.entry.id}"
    elif result.kind is Kind.CLARIFY:
        today = "clarify " + " | ".join(e.id for e in result.options)
    else:
        today = result.kind.value
    return Group(members, top.entry.id if top else None, top.score if top else 0.0, today)


def draft_cases(groups: Sequence[Group], source: str) -> str:
    """The groups as a YAML case file with `expect: ""` left for staff to fill in."""
    lines = [
        f"# Draft coverage cases from {source}: one per group of similar unanswered questions.",
        "# Fill in each expect with an entry id, a list of ids, fallback or emergency, then",
        "# run: python run_bot.py coverage THIS_FILE (an empty expect is reported as an error).",
        "cases:",
    ]
    for g in groups:
        nearest = (f"nearest entry {g.nearest_id} ({g.nearest_score:.1f})" if g.nearest_id
                   else "no entry near it")
        lines.append(f"  # asked {g.size} time{'s' if g.size != 1 else ''}; {nearest}; "
                     f"today: {g.today}")
        lines.extend(f"  # also asked as: {_quoted(text)}"
                     for text in g.examples[1:EXAMPLES_SHOWN])
        lines.append(f"  - question: {_quoted(g.representative)}")
        lines.append('    expect: ""')
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    """`text` as one double-quoted YAML scalar on one line, whatever it contains."""
    dumped = yaml.safe_dump(text, default_style='"', allow_unicode=True, width=float("inf"))
    return dumped.splitlines()[0]
