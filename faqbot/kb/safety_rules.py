"""Reading the `safety:` section of the knowledge base into a Safety value."""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

from . import yamlnodes as yn
from .model import Origin, Safety, SafetyRule, SafetyTier, frozen_mapping
from .patterns import Pattern
from .yamlnodes import NodeProblem

SAFETY_KEYS = ("tiers", "rules", "cues", "decisions")
RULE_KEYS = ("id", "tier", "patterns", "note", "always")
CUE_KEYS = ("negation", "past", "hypothetical", "present", "question", "person")
# Cues anchored at the start of a clause rather than found anywhere in it.
ANCHORED_CUES = ("question",)
# In a pattern, " ... " stands for up to five other words, none of them a negation:
# "site ... red" matches "the site looks a bit red" but not "the site is not red".
GAP = r"(?: (?!(?:not|no|never|nor)\b)\w+){0,5} "


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
            problems.append(f"{shown}:{yn.line_of(node)}: unknown safety key '{key}'")

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

    tiers: dict[str, SafetyTier] = {}
    if "tiers" in sections:
        for name, node in yn.as_mapping(sections["tiers"], "tiers").items():
            fields = yn.as_mapping(node, f"tier '{name}'")
            missing = [k for k in ("title", "message") if k not in fields]
            if missing:
                problems.append(f"{shown}:{yn.line_of(node)}: tier '{name}' is missing '{missing[0]}'")
                continue
            title = text(fields["title"], f"tier '{name}' title")
            message = text(fields["message"], f"tier '{name}' message")
            if title and message:
                tiers[name] = SafetyTier(name, title, message)

    rules: list[SafetyRule] = []
    for node in yn.as_list(sections["rules"], "rules") if "rules" in sections else []:
        rule = _rule(node, shown, problems, tiers, text)
        if rule:
            rules.append(rule)

    cues: dict[str, Pattern] = {}
    if "cues" in sections:
        for name, node in yn.as_mapping(sections["cues"], "cues").items():
            if name not in CUE_KEYS:
                problems.append(
                    f"{shown}:{yn.line_of(node)}: unknown cue '{name}' (known: {', '.join(CUE_KEYS)})"
                )
                continue
            phrases = yn.as_text_list(node, f"cue '{name}'")
            pattern = _compile(phrases, shown, yn.line_of(node), problems, anchored=name in ANCHORED_CUES)
            if pattern:
                cues[name] = pattern

    decision_patterns: list[Pattern] = []
    decision_note = ""
    if "decisions" in sections:
        fields = yn.as_mapping(sections["decisions"], "decisions")
        for phrase_node in (
            yn.as_list(fields["patterns"], "decision patterns") if "patterns" in fields else []
        ):
            compiled = _compile(
                [yn.as_text(phrase_node, "a decision pattern")], shown, yn.line_of(phrase_node), problems
            )
            if compiled:
                decision_patterns.append(compiled)
        if "note" in fields:
            decision_note = text(fields["note"], "decisions note") or ""
    return Safety(
        needles=frozenset(n for rule in rules for p in rule.patterns for n in p.needles or ()),
        tiers=frozen_mapping(tiers),
        rules=tuple(rules),
        cues=frozen_mapping(cues),
        decision_patterns=tuple(decision_patterns),
        decision_note=decision_note,
    )


def _rule(node, shown, problems, tiers, text) -> SafetyRule | None:
    fields = yn.as_mapping(node, "a safety rule")
    label = fields["id"].value if isinstance(fields.get("id"), yaml.ScalarNode) else "?"
    for key in fields:
        if key not in RULE_KEYS:
            problems.append(f"{shown}:{yn.line_of(fields[key])} (rule '{label}'): unknown field '{key}'")
    missing = [k for k in ("id", "tier", "patterns") if k not in fields]
    if missing:
        problems.append(f"{shown}:{yn.line_of(node)} (rule '{label}'): missing field '{missing[0]}'")
        return None
    tier = yn.as_text(fields["tier"], "field 'tier'")
    if tier not in tiers:
        problems.append(
            f"{shown}:{yn.line_of(fields['tier'])} (rule '{label}'): unknown tier '{tier}' "
            f"(known: {', '.join(tiers) or 'none'})"
        )
        return None
    patterns = []
    for item in yn.as_list(fields["patterns"], "field 'patterns'"):
        compiled = _compile([yn.as_text(item, "a pattern")], shown, yn.line_of(item), problems, label=label)
        if compiled:
            patterns.append(compiled)
    note = text(fields["note"], f"rule '{label}' note") if "note" in fields else ""
    always = False
    if "always" in fields:
        flag = fields["always"]
        if flag.tag != "tag:yaml.org,2002:bool":
            problems.append(f"{shown}:{yn.line_of(flag)} (rule '{label}'): 'always' must be true or false")
        always = flag.value.lower() in ("true", "yes", "on")
    return SafetyRule(label, tier, tuple(patterns), note or "", always, Origin(shown, yn.line_of(node)))


def _compile(
    phrases: list[str],
    shown: str,
    line: int,
    problems: list[str],
    *,
    anchored: bool = False,
    label: str | None = None,
) -> Pattern | None:
    body = "|".join(f"(?:{p.strip().replace(' ... ', GAP)})" for p in phrases)
    source = rf"^\s*(?:{body})\b" if anchored else rf"\b(?:{body})\b"
    try:
        # One sentence per line: ^ and $ mark a sentence's start and end.
        return Pattern.compile(source, re.MULTILINE)
    except re.error as exc:
        where = f" (rule '{label}')" if label else ""
        problems.append(f"{shown}:{line}{where}: bad pattern: {exc}")
        return None
