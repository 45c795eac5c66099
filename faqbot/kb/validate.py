"""Reading and validating knowledge-base YAML: bytes in, a KnowledgeBase (without its
index) out, or every problem found, one line each naming file, line and entry.

Only needed when the load cache has no prepared copy, so it (and PyYAML) stay out of a
cached start.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import process

from ..errors import KnowledgeBaseError
from ..records import replace
from . import yamlnodes as yn
from .files import display_path
from .model import (
    Clinic,
    Entry,
    KnowledgeBase,
    Origin,
    Safety,
    Smalltalk,
    frozen_mapping,
)
from .placeholders import fill, placeholder_problem
from .plain import ENTRY_KEYS, ID_PATTERN, KNOWN_KEYS, LIST_KEYS, plain_entry, plain_file
from .yamlnodes import NodeProblem

REQUIRED_KEYS = ("id", "question", "answer")
SECTIONS = ("topic", "entries", "synonyms", "smalltalk", "clinic", "safety")
CLINIC_KEYS = ("name", "phone", "hours", "emergency_number", "crisis_line", "log_unanswered",
               "thresholds", "not_covered")
# How the answer / did-you-mean / fallback thresholds are set (faqbot/understand/calibrate.py).
THRESHOLD_MODES = ("calibrated", "fixed")
CUE_KEYS = ("negation", "past", "hypothetical", "question", "person", "present")


@dataclass
class _Collected:
    """What the files hold, gathered before cross-file checks."""

    problems: list[str] = field(default_factory=list)
    entries: list[tuple[Entry, dict[str, int]]] = field(default_factory=list)
    synonyms: dict[str, tuple[str, Origin]] = field(default_factory=dict)
    smalltalk: list[Smalltalk] = field(default_factory=list)
    clinic: tuple[dict[str, str], Origin] | None = None
    safety: list[tuple[dict[str, yaml.Node], str]] = field(default_factory=list)


def parse(contents: dict[Path, bytes], root: Path, problems: list[str]) -> KnowledgeBase:
    """Validate the files' bytes into a KnowledgeBase, or raise with every problem found
    (`problems` may already hold some, such as unreadable files)."""
    found = _Collected(problems=list(problems))
    for file, raw in contents.items():
        _read_file(file, raw, found)
    clinic = _clinic(found)
    entries = _check_entries(found, clinic, root)
    safety = _safety(found, clinic)
    if found.problems:
        raise KnowledgeBaseError(found.problems)
    synonyms = {variant: term for variant, (term, _) in found.synonyms.items()}
    return KnowledgeBase(
        entries=tuple(entries),
        synonyms=frozen_mapping(synonyms),
        smalltalk=tuple(found.smalltalk),
        clinic=clinic,
        safety=safety,
        source=root,
    )


def _read_file(file: Path, raw: bytes, found: _Collected) -> None:
    shown = display_path(file)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        found.problems.append(
            f"{shown}:{line}: not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        )
        return
    plain = plain_file(text, shown)
    if plain is not None:
        found.entries.extend(plain)
    else:
        _read_nodes(text, shown, found)


def _read_nodes(text: str, shown: str, found: _Collected) -> None:
    """The full reader: every section of the file from its node tree, every problem named."""
    try:
        root = yn.parse(text, shown)
        if root is None:
            found.problems.append(f"{shown}:1: the file is empty")
            return
        sections = yn.as_mapping(root, "the file")
    except NodeProblem as problem:
        found.problems.append(f"{shown}:{problem.line}: {problem.message}")
        return
    found.problems.extend(f"{shown}:{p.line}: {p.message}" for p in yn.unsafe_texts(root, text))
    section_lines = yn.key_lines(root)
    for key in sections:
        if key not in SECTIONS:
            found.problems.append(
                f"{shown}:{section_lines[key]}: unknown section '{key}'{_did_you_mean(key, SECTIONS)}"
            )
    topic = "General"
    if "topic" in sections:
        topic = _guard(found, shown, None, lambda: yn.as_text(sections["topic"], "topic")) or topic
    readers: dict[str, Callable[[yaml.Node], None]] = {
        "entries": lambda n: _read_entries(n, shown, topic, found),
        "synonyms": lambda n: _read_synonyms(n, shown, found),
        "smalltalk": lambda n: _read_smalltalk(n, shown, found),
        "clinic": lambda n: _read_clinic(n, shown, found),
        "safety": lambda n: found.safety.append((yn.as_mapping(n, "safety"), shown)),
    }
    for key, reader in readers.items():
        if key in sections:
            _guard(found, shown, None, lambda r=reader, k=key: r(sections[k]))


def _guard(found: _Collected, shown: str, entry_id: str | None, step: Callable[[], object]):
    """Run one validation step, turning a NodeProblem into a reported line."""
    try:
        return step()
    except NodeProblem as problem:
        where = f" (entry '{entry_id}')" if entry_id else ""
        found.problems.append(f"{shown}:{problem.line}{where}: {problem.message}")
        return None


def _did_you_mean(word: str, choices: tuple[str, ...]) -> str:
    best = process.extractOne(word, choices, score_cutoff=70)
    return f" (did you mean '{best[0]}'?)" if best else ""


def _read_entries(node: yaml.Node, shown: str, topic: str, found: _Collected) -> None:
    items = yn.as_list(node, "entries")
    for item in items:
        if not _read_plain_entry(item, shown, topic, found):
            _guard(found, shown, None, lambda i=item: _read_entry(i, shown, topic, found))


_MAP, _SEQ, _STR = (yn.STD + kind for kind in ("map", "seq", "str"))


def _read_plain_entry(node: yaml.Node, shown: str, topic: str, found: _Collected) -> bool:
    """A plain entry (faqbot/kb/plain.py) read in one pass: True when it was (nearly all
    are: 10,000 entries 0.8 -> 0.4 s of checks); False, having kept nothing, when anything
    is unusual, so _read_entry reads it again and names every problem."""
    if node.tag != _MAP or not isinstance(node, yaml.MappingNode):
        return False
    texts: dict[str, str] = {}
    lists: dict[str, list[str]] = {}
    lines: dict[str, int] = {}
    scalar = yaml.ScalarNode
    for key_node, value in node.value:
        key = key_node.value
        if (key_node.tag != _STR or key_node.__class__ is not scalar or key not in KNOWN_KEYS
                or key in lines):
            return False
        lines[key] = value.start_mark.line + 1
        if value.tag == _STR and value.__class__ is scalar:
            if key in LIST_KEYS:
                lists[key] = [value.value]
            else:
                texts[key] = value.value
        elif key in LIST_KEYS and value.tag == _SEQ and isinstance(value, yaml.SequenceNode):
            items = value.value
            lists[key] = [item.value for item in items
                          if item.tag == _STR and item.__class__ is scalar]
            if len(lists[key]) != len(items):
                return False
        else:
            return False
    entry = plain_entry(texts, lists, topic, Origin(shown, node.start_mark.line + 1))
    if entry is None:
        return False
    found.entries.append((entry, lines))
    return True


def _read_entry(node: yaml.Node, shown: str, topic: str, found: _Collected) -> None:
    peeked = yn.peek(node, "id")
    fields = _guard(found, shown, peeked, lambda: yn.as_mapping(node, "an entry"))
    if fields is None:
        return
    field_lines = yn.key_lines(node)
    entry_id = None
    if "id" in fields:
        entry_id = _guard(found, shown, None, lambda: yn.as_text(fields["id"], "field 'id'"))
        if entry_id is not None and not ID_PATTERN.match(entry_id):
            found.problems.append(
                f"{shown}:{yn.line_of(fields['id'])} (entry '{entry_id}'): id must be kebab-case "
                "(lower-case letters, digits and single hyphens, e.g. 'bone-cement')"
            )
    label = entry_id or f"#{len(found.entries) + 1} at line {yn.line_of(node)}"
    ok = entry_id is not None
    for key, _value in fields.items():
        if key not in ENTRY_KEYS:
            found.problems.append(
                f"{shown}:{field_lines[key]} "
                f"(entry '{label}'): unknown field '{key}'{_did_you_mean(key, ENTRY_KEYS)}"
            )
            ok = False
    for key in REQUIRED_KEYS:
        if key not in fields:
            found.problems.append(f"{shown}:{yn.line_of(node)} (entry '{label}'): missing field '{key}'")
            ok = False
    values: dict[str, object] = {}
    for key in ("question", "answer"):
        if key in fields:
            values[key] = _guard(found, shown, label, lambda k=key: yn.as_text(fields[k], f"field '{k}'"))
    for key in ("alternates", "sources", "related", "tags"):
        if key in fields:
            values[key] = _guard(
                found, shown, label, lambda k=key: yn.as_text_list(fields[k], f"field '{k}'")
            )
    if not ok or any(v is None for v in values.values()):
        return
    lines = {key: yn.line_of(value) for key, value in fields.items()}
    entry = Entry(
        id=entry_id,
        question=str(values["question"]).strip(),
        answer=str(values["answer"]).strip(),
        alternates=tuple(a.strip() for a in values.get("alternates", [])),
        sources=tuple(values.get("sources", [])),
        related=tuple(values.get("related", [])),
        tags=tuple(values.get("tags", [])),
        topic=topic,
        origin=Origin(shown, yn.line_of(node)),
    )
    found.entries.append((entry, lines))


def _read_synonyms(node: yaml.Node, shown: str, found: _Collected) -> None:
    for term, variants_node in yn.as_mapping(node, "synonyms").items():
        line = yn.line_of(variants_node)
        variants = _guard(
            found, shown, None, lambda n=variants_node, t=term: yn.as_text_list(n, f"synonyms for '{t}'")
        )
        for variant in variants or []:
            key = variant.strip().casefold()
            previous = found.synonyms.get(key)
            if previous and previous[0] != term:
                found.problems.append(
                    f"{shown}:{line}: synonym '{variant}' maps to both '{previous[0]}' "
                    f"({previous[1]}) and '{term}'"
                )
                continue
            found.synonyms[key] = (term, Origin(shown, line))


def _read_smalltalk(node: yaml.Node, shown: str, found: _Collected) -> None:
    for item in yn.as_list(node, "smalltalk"):
        fields = yn.as_mapping(item, "a smalltalk item")
        label = fields.get("id").value if isinstance(fields.get("id"), yaml.ScalarNode) else "?"
        for key in fields:
            if key not in ("id", "phrases", "answer"):
                found.problems.append(
                    f"{shown}:{yn.line_of(fields[key])} (smalltalk '{label}'): unknown field '{key}'"
                )
        missing = [k for k in ("id", "phrases", "answer") if k not in fields]
        if missing:
            found.problems.append(
                f"{shown}:{yn.line_of(item)} (smalltalk '{label}'): missing field '{missing[0]}'"
            )
            continue
        found.smalltalk.append(
            Smalltalk(
                id=yn.as_text(fields["id"], "field 'id'"),
                phrases=tuple(yn.as_text_list(fields["phrases"], "field 'phrases'")),
                answer=yn.as_text(fields["answer"], "field 'answer'").strip(),
                origin=Origin(shown, yn.line_of(item)),
            )
        )


def _read_clinic(node: yaml.Node, shown: str, found: _Collected) -> None:
    fields = yn.as_mapping(node, "clinic")
    values: dict[str, object] = {}
    for key, value in fields.items():
        if key not in CLINIC_KEYS:
            found.problems.append(
                f"{shown}:{yn.line_of(value)}: unknown clinic field '{key}'{_did_you_mean(key, CLINIC_KEYS)}"
            )
            continue
        if key == "not_covered":
            topics = _guard(found, shown, None, lambda v=value: _topics(v))
            if topics:
                values[key] = topics
            continue
        text = _guard(
            found, shown, None, lambda v=value, k=key: yn.as_text(v, f"clinic field '{k}'", allow_empty=True)
        )
        if key == "thresholds" and text is not None and text.strip() not in ("", *THRESHOLD_MODES):
            found.problems.append(
                f"{shown}:{yn.line_of(value)}: clinic field 'thresholds' must be "
                f"{' or '.join(repr(m) for m in THRESHOLD_MODES)}, not {text.strip()!r}"
            )
            continue
        if text is not None and text.strip():
            values[key] = text.strip()
    if found.clinic is not None:
        found.problems.append(
            f"{shown}:{yn.line_of(node)}: a second clinic profile (first in {found.clinic[1]})"
        )
        return
    found.clinic = (values, Origin(shown, yn.line_of(node)))


def _topics(node: yaml.Node) -> tuple[str, ...]:
    """The clinic's not-covered topics: texts with a word in them, each once."""
    topics = yn.as_text_list(node, "clinic field 'not_covered'")
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    for item, topic in zip(items, topics, strict=True):
        if not any(ch.isalpha() for ch in topic):
            raise yn.NodeProblem(yn.line_of(item), "each item of clinic field 'not_covered' "
                                 f"must name a topic in words, not {topic!r}")
    return tuple(dict.fromkeys(t.strip() for t in topics))


def _clinic(found: _Collected) -> Clinic:
    return Clinic(**found.clinic[0]) if found.clinic else Clinic()


def _check_entries(found: _Collected, clinic: Clinic, root: Path) -> list[Entry]:
    seen: dict[str, Origin] = {}
    entries: list[Entry] = []
    # Answer -> its problem, or its text filled: checked once each (a large base repeats
    # answers), and an entry with nothing to fill is kept as it is.
    answers: dict[str, tuple[str | None, str]] = {}
    for entry, lines in found.entries:
        if entry.id in seen:
            found.problems.append(
                f"{entry.origin.path}:{lines['id']} (entry '{entry.id}'): duplicate id "
                f"(first defined at {seen[entry.id]})"
            )
            continue
        seen[entry.id] = Origin(entry.origin.path, lines["id"])
        checked = answers.get(entry.answer)
        if checked is None:
            problem = placeholder_problem(entry.answer)
            checked = answers[entry.answer] = (
                problem, entry.answer if problem else fill(entry.answer, clinic))
        problem, answer = checked
        if problem:
            found.problems.append(f"{entry.origin.path}:{lines['answer']} (entry '{entry.id}'): {problem}")
            continue
        entries.append(entry if answer == entry.answer else replace(entry, answer=answer))
    for entry, lines in found.entries:
        for related in entry.related:
            if related not in seen:
                found.problems.append(
                    f"{entry.origin.path}:{lines['related']} (entry '{entry.id}'): related "
                    f"id '{related}' does not exist{_did_you_mean(related, tuple(seen))}"
                )
    for talk in found.smalltalk:
        problem = placeholder_problem(talk.answer)
        if problem:
            found.problems.append(f"{talk.origin} (smalltalk '{talk.id}'): {problem}")
    if not found.entries and not found.problems:
        found.problems.append(f"{display_path(root)}: no entries found (the knowledge base is empty)")
    return entries


def _safety(found: _Collected, clinic: Clinic) -> Safety:
    from .safety_rules import read_safety

    if not found.safety:
        return Safety()
    if len(found.safety) > 1:
        found.problems.append(
            f"{found.safety[1][1]}:1: a second 'safety' section (first in {found.safety[0][1]})"
        )
    sections, shown = found.safety[0]
    try:
        return read_safety(sections, shown, found.problems, lambda t: fill(t, clinic), placeholder_problem)
    except NodeProblem as problem:
        found.problems.append(f"{shown}:{problem.line}: {problem.message}")
        return Safety()
