"""Knowledge-base lint: checks that return findings, for `lint` and for tests.

Every check is a pure function from the loaded knowledge base to a list of Finding;
`lint()` runs them all. Retrieval checks go through `match()`, like the chat does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import yaml

from ..kb import yamlnodes as yn
from ..kb.files import display_path
from ..kb.model import Entry, KnowledgeBase
from ..kb.yamlnodes import NodeProblem
from ..understand.matcher import Kind, MatchResult, match, thresholds
from ..understand.prepare import index_of
from ..understand.safety import hits
from ..understand.subjects import declared_topic

# The seed documents answers are drawn from, when the shared folder sits next to the repo.
DEFAULT_SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
# Fewer alternates than this and patients' own wordings are often missed (the staff
# test set's weakest entries were the ones with the fewest alternates).
MIN_ALTERNATES = 8
# Answers should read at grade 6-8 (knowledge outline); above 9 is flagged.
MAX_GRADE = 9.0
HARDEST_SHOWN = 2
# An alternate that wins by less than this many times the answer margin in force is one
# small change of wording away from "did you mean".
CONFUSABLE_LEADS = 2.0
QUOTE_CHARS = 70


class Level(StrEnum):
    """How serious a finding is: errors fail `lint`, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem: level, which check found it, where, and what to do about it."""

    level: Level
    check: str
    path: str
    line: int
    message: str
    entry: str | None = None
    kind: str = "entry"

    def __str__(self) -> str:
        place = f"{self.path}:{self.line}" if self.line else self.path
        who = f" ({self.kind} '{self.entry}')" if self.entry else ""
        return f"{place}{who}: {self.message}"


@dataclass(frozen=True)
class _Lines:
    """Where an entry's fields stand in its file (the entry's own line when unknown)."""

    entry: int
    fields: dict[str, int]
    alternates: tuple[int, ...]

    def of(self, key: str) -> int:
        return self.fields.get(key, self.entry)

    def phrasing(self, number: int) -> int:
        """Line of phrasing `number`: 0 is the question, then the alternates."""
        if number == 0:
            return self.of("question")
        if number - 1 < len(self.alternates):
            return self.alternates[number - 1]
        return self.of("alternates")


def lint(kb: KnowledgeBase, *, seeds: Path | None = DEFAULT_SEEDS) -> list[Finding]:
    """Every check, errors first; `seeds` is the folder source names must exist in."""
    lines = entry_lines(kb)
    results = phrasing_results(kb)
    findings = [
        *self_retrieval(kb, lines, results),
        *confusable_pairs(kb, lines, results),
        *few_alternates(kb, lines),
        *reading_grade(kb, lines),
        *source_problems(kb, lines, seeds=seeds),
        *contact_details(kb, lines),
        *related_links(kb, lines),
        *safety_overlap(kb, lines),
        *not_covered_overlap(kb, lines),
    ]
    return sorted(findings, key=lambda f: f.level != Level.ERROR)


# --- where things are -----------------------------------------------------------------

def entry_lines(kb: KnowledgeBase) -> dict[str, _Lines]:
    """Field and alternate lines per entry id, read again from the entries' files."""
    out: dict[str, _Lines] = {}
    for path in dict.fromkeys(e.origin.path for e in kb.entries):
        try:
            root = yn.parse(Path(path).read_text(encoding="utf-8"), path)
            items = yn.as_list(yn.as_mapping(root, "file")["entries"], "entries") if root else []
        except (OSError, UnicodeDecodeError, KeyError, NodeProblem):
            continue  # loaded moments ago, so changed since: entry lines alone will do
        for item in items:
            entry_id = yn.peek(item, "id")
            if entry_id is None:
                continue
            fields = dict(yn.key_lines(item))
            alternates: tuple[int, ...] = ()
            for key, value in item.value:
                if key.value == "alternates" and isinstance(value, yaml.SequenceNode):
                    alternates = tuple(yn.line_of(v) for v in value.value)
            out[entry_id] = _Lines(yn.line_of(item), fields, alternates)
    for entry in kb.entries:
        out.setdefault(entry.id, _Lines(entry.origin.line, {}, ()))
    return out


def phrasing_results(kb: KnowledgeBase) -> dict[str, tuple[MatchResult, ...]]:
    """`match()` on every entry's question and alternates, in order."""
    return {e.id: tuple(match(kb, p) for p in e.phrasings) for e in kb.entries}


def _finding(level: Level, check: str, entry: Entry, line: int, message: str) -> Finding:
    return Finding(level, check, entry.origin.path, line, message, entry.id)


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return f'"{text[:QUOTE_CHARS - 3]}..."' if len(text) > QUOTE_CHARS else f'"{text}"'


def _which(number: int) -> str:
    return "question" if number == 0 else "alternate"


# --- retrieval --------------------------------------------------------------------------

def self_retrieval(kb: KnowledgeBase, lines: dict[str, _Lines] | None = None,
                   results: dict[str, tuple[MatchResult, ...]] | None = None) -> list[Finding]:
    """Each entry's own question and alternates must be answered with that entry.

    Phrasings that raise a red flag are left to `safety_overlap`: safety wins by design.
    """
    lines = lines or entry_lines(kb)
    results = results or phrasing_results(kb)
    found: list[Finding] = []
    for entry in kb.entries:
        for number, (phrasing, result) in enumerate(zip(entry.phrasings, results[entry.id],
                                                        strict=True)):
            problem = _retrieval_problem(entry, result)
            if problem:
                found.append(_finding(Level.ERROR, "self-retrieval", entry,
                                      lines[entry.id].phrasing(number),
                                      f"{_which(number)} {_quote(phrasing)} {problem}"))
    return found


def _retrieval_problem(entry: Entry, result: MatchResult) -> str | None:
    own = next((c.score for c in result.candidates if c.entry.id == entry.id), None)
    own_text = f"; its own score {own:.1f}" if own is not None else "; not ranked here at all"
    kind = result.kind
    if kind is Kind.EMERGENCY or (kind is Kind.ANSWER and result.entry.id == entry.id):
        return None
    if kind is Kind.ANSWER:
        return f"is answered by '{result.entry.id}' (score {result.score:.1f}{own_text})"
    if kind is Kind.CLARIFY:
        options = ", ".join(f"'{c.entry.id}' {c.score:.1f}" for c in result.candidates[:3])
        return f"gets \"did you mean\" ({options})"
    if kind is Kind.SMALLTALK and result.smalltalk is not None:
        return f"is taken as smalltalk '{result.smalltalk.id}'"
    return f"is not answered (best score {result.score:.1f}{own_text})"


def confusable_pairs(kb: KnowledgeBase, lines: dict[str, _Lines] | None = None,
                     results: dict[str, tuple[MatchResult, ...]] | None = None) -> list[Finding]:
    """Pairs of entries whose phrasings are answered right, but only just (one per pair)."""
    lines = lines or entry_lines(kb)
    results = results or phrasing_results(kb)
    close: dict[frozenset[str], list[tuple[float, Entry, int, str, MatchResult]]] = {}
    confusable_lead = CONFUSABLE_LEADS * thresholds(kb).answer_margin
    for entry in kb.entries:
        for number, (phrasing, result) in enumerate(zip(entry.phrasings, results[entry.id],
                                                        strict=True)):
            if (result.kind is not Kind.ANSWER or result.entry.id != entry.id
                    or len(result.candidates) < 2):
                continue
            runner_up = result.candidates[1]
            lead = result.score - runner_up.score
            if lead < confusable_lead:
                pair = frozenset((entry.id, runner_up.entry.id))
                close.setdefault(pair, []).append((lead, entry, number, phrasing, result))
    found = []
    for items in close.values():
        lead, entry, number, phrasing, result = min(items, key=lambda item: item[0])
        other = result.candidates[1]
        more = f"; {len(items)} phrasings within {confusable_lead:g}" if len(items) > 1 else ""
        found.append(_finding(
            Level.WARNING, "confusable entries", entry, lines[entry.id].phrasing(number),
            f"close to '{other.entry.id}': {_which(number)} {_quote(phrasing)} scores "
            f"{result.score:.1f} here and {other.score:.1f} there (lead {lead:.1f} < "
            f"{confusable_lead:g}{more})"))
    return found


def few_alternates(kb: KnowledgeBase, lines: dict[str, _Lines] | None = None) -> list[Finding]:
    """Entries with fewer than MIN_ALTERNATES alternates."""
    lines = lines or entry_lines(kb)
    return [
        _finding(Level.WARNING, "few alternates", e, lines[e.id].of("alternates"),
                 f"only {len(e.alternates)} alternates; add ways patients ask it until there "
                 f"are at least {MIN_ALTERNATES}")
        for e in kb.entries if len(e.alternates) < MIN_ALTERNATES
    ]


# --- the answers ------------------------------------------------------------------------

_MARKUP = re.compile(r"\*\*|__|`|^#+\s*|^\s*(?:\d+[.)]|[-*+])\s+", re.MULTILINE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_MISSING = object()


def _textstat_grade() -> Callable[[str], float] | None:
    try:
        import textstat  # staff/test dependency, not needed to run the bot
    except ImportError:
        return None
    return textstat.flesch_kincaid_grade


def sentences(answer: str) -> list[str]:
    """Plain sentences: markdown marks removed, each list item or line its own sentence."""
    plain = _MARKUP.sub("", answer)
    lines = [line.strip() for line in plain.splitlines() if line.strip()]
    text = " ".join(line if line[-1] in ".!?:" else line + "." for line in lines)
    return [s for s in _SENTENCE_END.split(text) if s]


def reading_grade(kb: KnowledgeBase, lines: dict[str, _Lines] | None = None, *,
                  grade: Callable[[str], float] | None | object = _MISSING) -> list[Finding]:
    """Answers above MAX_GRADE (Flesch-Kincaid), with their hardest sentences.

    `grade` scores a text; by default textstat's, and None when it is not installed.
    """
    if grade is _MISSING:
        grade = _textstat_grade()
    if grade is None:
        return [Finding(Level.WARNING, "reading grade", display_path(kb.source), 0,
                        "reading grade not checked: install textstat "
                        "(python3 -m pip install textstat)")]
    lines = lines or entry_lines(kb)
    found = []
    for entry in kb.entries:
        parts = sentences(entry.answer)
        overall = grade(" ".join(parts))
        if overall <= MAX_GRADE:
            continue
        hardest = sorted(((grade(s), s) for s in parts), reverse=True)[:HARDEST_SHOWN]
        shown = "; ".join(f"{_quote(s)} ({g:.1f})" for g, s in hardest if g > MAX_GRADE)
        found.append(_finding(
            Level.WARNING, "reading grade", entry, lines[entry.id].of("answer"),
            f"answer reads at grade {overall:.1f} (aim for {MAX_GRADE:.0f} or lower)"
            + (f"; hardest: {shown}" if shown else "")))
    return found


def source_problems(kb: KnowledgeBase, lines: dict[str, _Lines] | None = None, *,
                    seeds: Path | None = DEFAULT_SEEDS) -> list[Finding]:
    """Entries without sources (warning), or naming a file not in `seeds` (error)."""
    lines = lines or entry_lines(kb)
    known = {p.name for p in seeds.iterdir() if p.is_file()} if seeds and seeds.is_dir() else None
    found = []
    for entry in kb.entries:
        line = lines[entry.id].of("sources")
        if not entry.sources:
            found.append(_finding(Level.WARNING, "sources", entry, line,
                                  "no sources: list the seed documents the answer is drawn from"))
            continue
        for source in entry.sources if known is not None else ():
            if source not in known:
                found.append(_finding(Level.ERROR, "sources", entry, line,
                                      f"unknown source '{source}': not a file in "
                                      f"{display_path(seeds)}"))
    return found


PHONE = re.compile(r"(?<![\d-])(?:(?:\+?1[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}"
                   r"|[2-9]\d{2}-\d{4})(?![\d-])")
STREET = re.compile(
    r"\b\d{1,5} +(?:[A-Z][A-Za-z]*\.? +){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|"
    r"Drive|Dr|Lane|Ln|Way|Court|Ct|Parkway|Pkwy|Place|Pl|Highway|Hwy|Circle|Cir|Suite)\b\.?")
PLACE_NAME = re.compile(
    r"\b(?:[A-Z][\w'&-]* +){1,4}(?:Center|Centre|Clinic|Institute|Associates|Hospital|"
    r"Hospitals|Medical Group|Health System|Practice)\b")
# Capitalised words that start a sentence or name no one: "The Hospital", "Call Clinic".
_GENERIC = frozenset({
    "the", "a", "an", "your", "our", "this", "that", "any", "each", "every", "call", "contact",
    "ask", "at", "in", "go", "to", "or", "and", "if", "local", "nearest", "emergency",
})


def contact_details(kb: KnowledgeBase, lines: dict[str, _Lines] | None = None) -> list[Finding]:
    """Phone numbers, street addresses and practice names not from the clinic profile."""
    lines = lines or entry_lines(kb)
    found = []
    texts: list[tuple[Entry | None, str, str, int, str]] = [
        (e, e.id, "entry", lines[e.id].of("answer"), e.answer) for e in kb.entries]
    texts += [(None, t.id, "smalltalk", t.origin.line, t.answer) for t in kb.smalltalk]
    paths = {t.id: t.origin.path for t in kb.smalltalk}
    for entry, owner, kind, line, text in texts:
        for what, value in _foreign_details(kb, text):
            path = entry.origin.path if entry else paths[owner]
            found.append(Finding(Level.ERROR, "contact details", path, line,
                                 f"answer contains {what} {_quote(value)} that is not the "
                                 "clinic's: use {contact} or {clinic} from the clinic profile",
                                 owner, kind))
    return found


def _foreign_details(kb: KnowledgeBase, text: str) -> Iterator[tuple[str, str]]:
    clinic = kb.clinic
    own_digits = re.sub(r"\D", "", clinic.phone)
    if clinic.name:
        text = text.replace(clinic.name, "{clinic}")
    for m in PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if not own_digits or not (digits.endswith(own_digits) or own_digits.endswith(digits)):
            yield "a phone number", m.group(0)
    for m in STREET.finditer(text):
        yield "a street address", m.group(0)
    for m in PLACE_NAME.finditer(text):
        words = m.group(0).split()
        while words and words[0].casefold() in _GENERIC:
            words.pop(0)
        if len(words) > 1:
            yield "a practice name", " ".join(words)


def related_links(kb: KnowledgeBase, lines: dict[str, _Lines] | None = None) -> list[Finding]:
    """`related` ids that do not exist (the loader refuses them too) or point to itself."""
    lines = lines or entry_lines(kb)
    found = []
    for entry in kb.entries:
        line = lines[entry.id].of("related")
        for other in entry.related:
            if other == entry.id:
                found.append(_finding(Level.WARNING, "related links", entry, line,
                                      "lists itself as related"))
            elif other not in kb.by_id:
                found.append(_finding(Level.ERROR, "related links", entry, line,
                                      f"related id '{other}' does not exist"))
    return found


def safety_overlap(kb: KnowledgeBase, lines: dict[str, _Lines] | None = None) -> list[Finding]:
    """FAQ phrasings a red-flag rule would count: patients asking them get the warning."""
    lines = lines or entry_lines(kb)
    found = []
    for entry in kb.entries:
        for number, phrasing in enumerate(entry.phrasings):
            for hit in hits(kb.safety, index_of(kb).analyse(phrasing)):
                if hit.counted:
                    found.append(_finding(
                        Level.WARNING, "safety overlap", entry, lines[entry.id].phrasing(number),
                        f"{_which(number)} {_quote(phrasing)} fires safety concept '{hit.rule}' "
                        f"({hit.tier}) on \"{hit.matched}\" ({hit.why}); reword it, or narrow "
                        "the concept if patients asking this are not at risk"))
    return found


def not_covered_overlap(kb: KnowledgeBase, lines: dict[str, _Lines] | None = None) -> list[Finding]:
    """FAQ phrasings that ask about a topic the clinic profile lists as not covered: the
    bot declines them, so the entry is never given for that wording."""
    if not kb.clinic.not_covered:
        return []
    lines = lines or entry_lines(kb)
    index = index_of(kb)
    found = []
    for entry in kb.entries:
        for number, phrasing in enumerate(entry.phrasings):
            topic = declared_topic(index, index.analyse(phrasing), kb.clinic.not_covered)
            if topic:
                found.append(_finding(
                    Level.WARNING, "not covered", entry, lines[entry.id].phrasing(number),
                    f"{_which(number)} {_quote(phrasing)} asks about '{topic}', which the "
                    "clinic profile lists under not_covered: the bot declines it; reword "
                    "it, or take the topic off the list"))
    return found
