"""The knowledge base as frozen records (faqbot/records.py), built once by the loader."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..records import field, record

if TYPE_CHECKING:
    from collections.abc import Mapping


@record
class Origin:
    """Where something was defined: file and 1-based line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@record
class Entry:
    """One question and its answer (placeholders already filled from the clinic profile)."""

    id: str
    question: str
    answer: str
    alternates: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    topic: str = "General"
    origin: Origin = Origin("<memory>", 0)

    @property
    def phrasings(self) -> tuple[str, ...]:
        """The canonical question followed by every alternate."""
        return (self.question, *self.alternates)


@record
class Smalltalk:
    """A greeting, thanks, goodbye or similar: recognised only as a whole message."""

    id: str
    phrases: tuple[str, ...]
    answer: str
    origin: Origin = Origin("<memory>", 0)


@record
class Clinic:
    """The deploying clinic's details; neutral defaults so the bot works unconfigured."""

    name: str = "your care team"
    phone: str = ""
    hours: str = ""
    emergency_number: str = "911"
    crisis_line: str = "988"
    log_unanswered: str = ""
    # "fixed": the matcher's shipped constants; otherwise ("calibrated", the default)
    # thresholds measured on the knowledge base's own phrasings at the first match.
    thresholds: str = ""
    # Topics the clinic answers elsewhere ("visiting hours", "parking"): a question about
    # one gets "I don't have information about parking here" and the care team, never
    # the nearest entry.
    not_covered: tuple[str, ...] = ()

    @property
    def contact(self) -> str:
        """How to reach the clinic, in words that fit mid-sentence."""
        return f"{self.name} at {self.phone}" if self.phone else self.name

    def placeholders(self) -> dict[str, str]:
        """The values answers and messages may refer to as {name}."""
        return {
            "clinic": self.name,
            "contact": self.contact,
            "emergency_number": self.emergency_number,
            "crisis_line": self.crisis_line,
            "hours": f"during office hours ({self.hours})" if self.hours else "during office hours",
        }


PLACEHOLDERS = frozenset(Clinic().placeholders())


@record
class SafetyTier:
    """How urgent a red flag is, and what the patient is told."""

    id: str
    title: str
    message: str


# Context cues live in Safety.groups under their name with this prefix ("@negation"), apart
# from the word groups staff name.
CUE_PREFIX = "@"


@record
class Sign:
    """One way a red flag shows: every word group in `parts` within the concept's reach
    of each other in one sentence, and none of the groups in `unless` among them."""

    parts: tuple[str, ...]
    unless: tuple[str, ...] = ()
    line: int = 0


@record
class SafetyConcept:
    """One red flag: a concept told by its signs, each made of lay-vocabulary groups."""

    id: str
    tier: str
    signs: tuple[Sign, ...]
    # At most this many other words among the parts of a sign.
    near: int = 8
    note: str = ""
    # True: counts even in questions, stories and hypotheticals (only a negation cancels it).
    always: bool = False
    # An onset word (sudden, out of nowhere) in the sentence raises the tier to this one.
    onset_tier: str = ""
    origin: Origin = Origin("<memory>", 0)
    # False: a sign the fracture itself gives ("the pain is unbearable"), not counted when
    # the message speaks of the procedure only as ahead, unless an onset word is said.
    before_procedure: bool = True
    # True: an episode that has ended is still the red flag ("I passed out this morning,
    # but I feel ok now"): no resolution cue cancels it.
    episode: bool = False


@record
class Safety:
    """Red-flag concepts, their vocabulary and the context cues that tell a report from
    a question, a story or a denial.

    `terms` is the look-up table built at load: a first word -> (the term's words, the
    group it belongs to), longest terms first. `vocabulary` holds every word of every
    term, for typo repair and for splitting words run together.
    """

    tiers: Mapping[str, SafetyTier] = field(default_factory=dict)
    concepts: tuple[SafetyConcept, ...] = ()
    groups: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    terms: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]] = field(default_factory=dict)
    vocabulary: frozenset[str] = frozenset()
    # Regular expressions (checked at load, compiled on first use by understand/safety.py).
    decision_patterns: tuple[str, ...] = ()
    decision_note: str = ""


@record
class KnowledgeBase:
    """Everything the bot knows, validated, with its match index built once."""

    entries: tuple[Entry, ...]
    synonyms: Mapping[str, str]
    smalltalk: tuple[Smalltalk, ...]
    clinic: Clinic
    safety: Safety
    source: Path
    # The matcher's tables (faqbot/understand/index.py), built on first use: the model
    # knows nothing of how messages are understood.
    index: Any = field(compare=False, default=None)
    # The decision thresholds in force (faqbot/understand/calibrate.py), set on first use.
    calibration: Any = field(compare=False, default=None)
    # Where prepared tables of this knowledge base are kept (faqbot/kb/cache.py), or None.
    # Not an init field: a copy made with records.replace is another knowledge base.
    cache: Any = field(init=False, compare=False, default=None)

    @cached_property
    def by_id(self) -> Mapping[str, Entry]:
        """Entries keyed by id."""
        return {entry.id: entry for entry in self.entries}

    def topics(self) -> dict[str, list[Entry]]:
        """Entries grouped by topic, in knowledge-base order."""
        groups: dict[str, list[Entry]] = {}
        for entry in self.entries:
            groups.setdefault(entry.topic, []).append(entry)
        return groups


class FrozenDict(dict):
    """A dict that refuses changes, so a loaded knowledge base cannot be altered by
    accident."""

    def _refuse(self, *_args: object, **_kwargs: object) -> None:
        raise TypeError("a loaded knowledge base is read-only")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _refuse  # type: ignore[assignment]


def frozen_mapping(data: Mapping[str, Any]) -> Mapping[str, Any]:
    """A read-only copy of `data`."""
    return FrozenDict(data)
