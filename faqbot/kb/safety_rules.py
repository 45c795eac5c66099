"""Reading the `safety:` section of the knowledge base into a Safety value.

The section has four parts besides the tiers: `words` (named groups of lay vocabulary),
`concepts` (each red flag, told by signs made of those groups), `context` (the cue
words that tell a report from a denial, a story or a question) and `decisions`. Every
problem names its file, line and concept or group.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml
from rapidfuzz import process

from . import yamlnodes as yn
from .model import CUE_PREFIX, Origin, Safety, SafetyConcept, SafetyTier, Sign, frozen_mapping
from .yamlnodes import NodeProblem

SAFETY_KEYS = ("tiers", "words", "concepts", "context", "decisions")
CONCEPT_KEYS = ("id", "tier", "signs", "near", "note", "always", "onset", "before-procedure",
                "episode")
# The context cues understand/safety.py reads (see knowledge/safety.yaml for each one's role).
CUE_NAMES = (
    "negation", "pseudo", "hedge", "idiom", "termination", "clause-start", "past", "present",
    "resolved", "recurrence", "affirmation", "hypothetical", "not-hypothetical", "future", "general",
    "when-to-call", "possibility", "question-start", "person", "report", "other-person", "onset",
    "comparison", "dismissal", "asker-apart", "asker-not-patient", "asker-carer", "not-literal",
    "limitation", "handling", "procedure-ahead", "fracture-told",
    "procedure-done", "anyone", "puzzled", "yardstick-start", "correction",
)
# Groups the reader fills from numbers rather than words: a temperature of 100.4 F /
# 38 C or more (with a unit or a decimal point), a number in that range with neither
# (it needs a word such as "temp" in the sign), a temperature under the fever line
# ("99.5", "37.2 C"), a pain score of 8-10 out of 10, an oxygen saturation under 92%
# ("SpO2 88%", "sats 84") and a pain score of 3 out of 10 or less.
NUMBER_GROUPS = ("fever-number", "fever-number-maybe", "normal-temperature", "severe-score",
                 "low-oxygen", "mild-score")
DEFAULT_NEAR = 8
MAX_NEAR = 30
_TERM = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")
_NAME = re.compile(r"[a-z][a-z0-9-]*")


def read_safety(
    sections: dict[str, yaml.Node],
    shown: str,
    problems: list[str],
    fill: Callable[[str], str],
    placeholder_problem: Callable[[str], str | None],
) -> Safety:
    """Validate the safety section; append one line per problem to `problems`."""
    for key, node in sections.items():
        if key not in SAFETY_KEYS:
            problems.append(f"{shown}:{yn.line_of(node)}: unknown safety key '{key}' "
                            f"(known: {', '.join(SAFETY_KEYS)})")

    def text(node: yaml.Node, what: str) -> str | None:
        try:
            value = yn.as_text(node, what).strip()
        except NodeProblem as problem:
            problems.append(f"{shown}:{problem.line}: {problem.message}")
            return None
        problem = placeholder_problem(value)
        if problem:
            problems.append(f"{shown}:{yn.line_of(node)}: {what}: {problem}")
            return None
        return fill(value)

    tiers = _tiers(sections.get("tiers"), shown, problems, text)
    groups: dict[str, tuple[str, ...]] = {}
    if "words" in sections:
        for name, node in yn.as_mapping(sections["words"], "words").items():
            label = f"word group '{name}'"
            if not _NAME.fullmatch(name) or name in NUMBER_GROUPS:
                problems.append(f"{shown}:{yn.line_of(node)} ({label}): a group name is lower-case "
                                f"letters, digits and hyphens, and not {', '.join(NUMBER_GROUPS)}")
                continue
            groups[name] = _terms(node, shown, label, problems)
    if "context" in sections:
        for name, node in yn.as_mapping(sections["context"], "context").items():
            label = f"context '{name}'"
            if name not in CUE_NAMES:
                problems.append(f"{shown}:{yn.line_of(node)} ({label}): unknown context cue "
                                f"(known: {', '.join(CUE_NAMES)})")
                continue
            groups[CUE_PREFIX + name] = _terms(node, shown, label, problems)

    concepts: list[SafetyConcept] = []
    seen: dict[str, int] = {}
    for node in yn.as_list(sections["concepts"], "concepts") if "concepts" in sections else []:
        concept = _concept(node, shown, problems, tiers, groups, text)
        if concept is None:
            continue
        if concept.id in seen:
            problems.append(f"{concept.origin} (concept '{concept.id}'): duplicate concept id "
                            f"(first at line {seen[concept.id]})")
            continue
        seen[concept.id] = concept.origin.line
        concepts.append(concept)

    decision_patterns: list[str] = []
    decision_note = ""
    if "decisions" in sections:
        fields = yn.as_mapping(sections["decisions"], "decisions")
        for phrase_node in (
            yn.as_list(fields["patterns"], "decision patterns") if "patterns" in fields else []
        ):
            source = yn.as_text(phrase_node, "a decision pattern").strip()
            try:
                re.compile(source)
                decision_patterns.append(rf"\b(?:{source})\b")
            except re.error as exc:
                problems.append(f"{shown}:{yn.line_of(phrase_node)}: bad decision pattern: {exc}")
        if "note" in fields:
            decision_note = text(fields["note"], "decisions note") or ""
    used = {g for c in concepts for s in c.signs for g in (*s.parts, *s.unless)}
    used.update(name for name in groups if name.startswith(CUE_PREFIX))
    return Safety(
        tiers=frozen_mapping(tiers),
        concepts=tuple(concepts),
        groups=frozen_mapping(groups),
        terms=frozen_mapping(term_table({n: t for n, t in groups.items() if n in used})),
        vocabulary=frozenset(w for terms in groups.values() for t in terms for w in t.split()),
        decision_patterns=tuple(decision_patterns),
        decision_note=decision_note,
    )


_ARTICLES = frozenset({"the", "a", "an"})
_BARE_CUES = frozenset(CUE_PREFIX + name for name in ("past", "resolved", "present", "report"))


_VOWELS = frozenset("aeiou")


def progressive(verb: str) -> str:
    """The -ing form of a verb: "lift" lifting, "move" moving, "stop" stopping."""
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")) and len(verb) > 2:
        return verb[:-1] + "ing"
    if len(verb) <= 4 and len(verb) >= 3 and verb[-1] not in _VOWELS | set("wxy") \
            and verb[-2] in _VOWELS and verb[-3] not in _VOWELS:
        return verb + verb[-1] + "ing"
    return verb + "ing"


def term_table(groups: dict[str, tuple[str, ...]]
               ) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """First word -> (words, group) for every term, longest first, so a message is read
    with one dictionary look-up per word."""
    table: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for name, terms in groups.items():
        for term in terms:
            words = tuple(term.split())
            table.setdefault(words[0], []).append((words, name))
            # Patients writing in a second language drop articles: "where needle went
            # in", "before procedure". Not in the cues that decide a denial ("not a big").
            # Only inside a term: "fine after a" must not become "fine after".
            bare = (words[0], *(w for w in words[1:-1] if w not in _ARTICLES), words[-1])
            if len(bare) >= 2 and bare != words and (not name.startswith(CUE_PREFIX)
                                                     or name in _BARE_CUES):
                table.setdefault(bare[0], []).append((bare, name))
            if len(words) == 2 and words[0] == "not" and not name.startswith(CUE_PREFIX) \
                    and words[1].isalpha() and not words[1].endswith(("ed", "ing", "s")):
                # "not lift" is also said going on: "both legs are not lifting at all".
                table["not"].append((("not", progressive(words[1])), name))
    return {first: tuple(sorted(set(found), key=lambda item: (-len(item[0]), item)))
            for first, found in table.items()}


def _tiers(node, shown, problems, text) -> dict[str, SafetyTier]:
    tiers: dict[str, SafetyTier] = {}
    if node is None:
        return tiers
    for name, tier_node in yn.as_mapping(node, "tiers").items():
        fields = yn.as_mapping(tier_node, f"tier '{name}'")
        missing = [k for k in ("title", "message") if k not in fields]
        if missing:
            problems.append(f"{shown}:{yn.line_of(tier_node)}: tier '{name}' is missing '{missing[0]}'")
            continue
        title = text(fields["title"], f"tier '{name}' title")
        message = text(fields["message"], f"tier '{name}' message")
        if title and message:
            tiers[name] = SafetyTier(name, title, message)
    return tiers


def _terms(node: yaml.Node, shown: str, label: str, problems: list[str]) -> tuple[str, ...]:
    terms: list[str] = []
    for item in yn.as_list(node, label):
        try:
            raw = yn.as_text(item, "a term")
        except NodeProblem as problem:
            problems.append(f"{shown}:{problem.line} ({label}): {problem.message}")
            continue
        term = " ".join(raw.lower().split())
        if not _TERM.fullmatch(term):
            problems.append(f"{shown}:{yn.line_of(item)} ({label}): term '{raw}' may hold only "
                            "letters, digits and spaces (write contractions out: 'can not')")
            continue
        terms.append(term)
    if not terms:
        problems.append(f"{shown}:{yn.line_of(node)} ({label}): the group has no terms")
    return tuple(dict.fromkeys(terms))


def _concept(node, shown, problems, tiers, groups, text) -> SafetyConcept | None:
    fields = yn.as_mapping(node, "a safety concept")
    label = fields["id"].value if isinstance(fields.get("id"), yaml.ScalarNode) else "?"

    def problem(at: yaml.Node, message: str) -> None:
        problems.append(f"{shown}:{yn.line_of(at)} (concept '{label}'): {message}")

    for key in fields:
        if key not in CONCEPT_KEYS:
            problem(fields[key], f"unknown field '{key}' (known: {', '.join(CONCEPT_KEYS)})")
    missing = [k for k in ("id", "tier", "signs") if k not in fields]
    if missing:
        problem(node, f"missing field '{missing[0]}'")
        return None
    tier = yn.as_text(fields["tier"], "field 'tier'")
    if tier not in tiers:
        problem(fields["tier"], f"unknown tier '{tier}' (known: {', '.join(tiers) or 'none'})")
        return None
    known = [name for name in groups if not name.startswith(CUE_PREFIX)] + list(NUMBER_GROUPS)
    signs: list[Sign] = []
    for item in yn.as_list(fields["signs"], "field 'signs'"):
        sign = _sign(yn.as_text(item, "a sign"), yn.line_of(item), known,
                     lambda message, at=item: problem(at, message))
        if sign:
            signs.append(sign)
    if not signs and not yn.as_list(fields["signs"], "field 'signs'"):
        problem(fields["signs"], "no signs")
    near = DEFAULT_NEAR
    if "near" in fields:
        raw = fields["near"]
        if raw.tag != "tag:yaml.org,2002:int" or not 1 <= int(raw.value) <= MAX_NEAR:
            problem(raw, f"'near' must be a whole number of words from 1 to {MAX_NEAR}")
        else:
            near = int(raw.value)
    always = _flag(fields, "always", False, problem)
    onset = ""
    if "onset" in fields:
        onset = yn.as_text(fields["onset"], "field 'onset'")
        if onset not in tiers:
            problem(fields["onset"], f"unknown onset tier '{onset}' (known: {', '.join(tiers)})")
            onset = ""
    before = _flag(fields, "before-procedure", True, problem)
    episode = _flag(fields, "episode", False, problem)
    note = text(fields["note"], f"concept '{label}' note") if "note" in fields else ""
    return SafetyConcept(label, tier, tuple(signs), near, note or "", always, onset,
                         Origin(shown, yn.line_of(node)), before, episode)


def _flag(fields, name: str, default: bool, problem) -> bool:
    """A true / false field of a concept, `default` when it is absent (a problem noted, and
    its plain reading kept, when it is not a YAML boolean)."""
    if name not in fields:
        return default
    flag = fields[name]
    if flag.tag != "tag:yaml.org,2002:bool":
        problem(flag, f"'{name}' must be true or false")
    return flag.value.lower() in ("true", "yes", "on")


def _sign(source: str, line: int, known: list[str], problem: Callable[[str], None]) -> Sign | None:
    """`a + b - c`: groups a and b near each other, and no c among them."""
    wanted, _, unwanted = source.partition(" - ")
    parts = tuple(p.strip() for p in wanted.split("+"))
    unless = tuple(p.strip() for p in unwanted.split("+")) if unwanted else ()
    bad = False
    for name in (*parts, *unless):
        if name not in known:
            close = process.extractOne(name, known, score_cutoff=75) if name else None
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problem(f"sign '{source}': unknown word group '{name}'{hint}")
            bad = True
    return None if bad else Sign(parts, unless, line)
