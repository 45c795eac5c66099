"""`explain`: everything the matcher saw and decided for one question, for staff."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..console import make_console
from ..errors import ExitStatus
from ..kb.model import KnowledgeBase
from ..understand import matcher as m
from ..understand.matcher import MatchResult, match
from ..understand.questions import find_questions
from ..understand.safety import Hit, hits


@dataclass(frozen=True)
class Explanation:
    """One question's trace: normalisation, safety, candidates and decision."""

    result: MatchResult
    safety_hits: tuple[Hit, ...]
    # The knowledge base asked, for the thresholds in force (matcher.thresholds).
    kb: KnowledgeBase | None = None


def explain(kb: KnowledgeBase, question: str) -> Explanation:
    """Run the one matcher and collect what it saw on the way."""
    result = match(kb, question)
    return Explanation(result, tuple(hits(kb.safety, result.analysis)), kb)


def render_explanation(explanation: Explanation, console: Console | None = None) -> int:
    """Print the explanation as a few labelled sections; returns the exit status."""
    console = console or make_console()
    result = explanation.result
    analysis = result.analysis
    console.print(Text.assemble(("Question:    ", "bold"), result.text))
    console.print(Text.assemble(("Normalised:  ", "bold"), analysis.normalised or "(nothing)"))
    console.print(Text.assemble(("Key words:   ", "bold"), " ".join(analysis.stems) or "(none)"))
    fixes = ", ".join(f"{a} -> {b}" for a, b in analysis.corrections) or "none"
    console.print(Text.assemble(("Typos fixed: ", "bold"), fixes))
    synonyms = ", ".join(f"{a} -> {b}" for a, b in analysis.synonyms) or "none"
    console.print(Text.assemble(("Synonyms:    ", "bold"), synonyms))
    asked = find_questions(result.text)
    if asked:
        console.print(Text("Questions:", style="bold"))
        for part in asked:
            console.print(Text(f"  ({part.how}) {part.text}"))

    console.print(Text("\nSafety check", style="bold"))
    if not explanation.safety_hits:
        console.print(Text("  no red-flag sign found"))
    for hit in explanation.safety_hits:
        verdict = "COUNTS" if hit.counted else "ignored"
        cue = f" (cue \"{hit.cue}\")" if hit.cue else ""
        console.print(Text(f"  concept '{hit.rule}' ({hit.tier}), sign {hit.sign}: words "
                           f"\"{hit.matched}\" in \"{hit.clause}\": {verdict}, {hit.why}{cue}"))

    table = Table(title="Top candidates", title_justify="left", expand=False)
    for column in ("#", "entry", "score", "question cover", "entry cover", "fuzzy", "best phrasing"):
        table.add_column(column, overflow="fold")
    for n, candidate in enumerate(result.candidates[: m.MAX_CANDIDATES], 1):
        s = candidate.signals
        table.add_row(str(n), candidate.entry.id, f"{candidate.score:.1f}",
                      f"{s.question_coverage:.0f}", f"{s.entry_coverage:.0f}",
                      f"{s.fuzzy:.0f}", Text(candidate.phrasing))
    console.print()
    if result.candidates:
        console.print(table)
    else:
        console.print(Text("Top candidates: none scored (no key word is in the knowledge base)"
                           if result.kind is not m.Kind.EMERGENCY else
                           "Top candidates: not ranked (the safety check decided first)"))

    chosen = f" -> {result.entry.id}" if result.entry else ""
    console.print(Text.assemble(("\nDecision: ", "bold"), f"{result.kind.value}{chosen} ({result.reason})"))
    for part in result.parts:
        console.print(Text(f"  part \"{part.text}\": {part.kind.value} -> "
                           f"{part.entry.id if part.entry else '-'} ({part.reason})"))
    if result.unknown_topic:
        console.print(Text(f"Not covered: {result.unknown_topic}"))
    found = m.thresholds(explanation.kb) if explanation.kb is not None else None
    if found is not None:
        console.print(Text(f"Thresholds: {found.values}.", style="dim"))
        console.print(Text(f"  set by: {found.describe()}", style="dim"))
    if result.personal_decision:
        console.print(Text("Personal decision: yes (the answer adds the ask-your-doctor line)"))
    return ExitStatus.OK
