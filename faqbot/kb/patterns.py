"""Regular expressions that cost nothing until a message could match them.

Compiling the safety rules' hundred-odd patterns takes longer than answering a question,
and most messages contain none of their words. Each pattern therefore knows the strings
one of which every match must contain ("needles", worked out from the parsed pattern);
while a text holds none of them the pattern is neither compiled nor run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

try:  # Python 3.11+
    from re import _constants as _C
    from re import _parser
except ImportError:  # pragma: no cover - older Pythons keep them under their old names
    import sre_constants as _C  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

_REPEATS = {_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", _C.MAX_REPEAT)}


class Pattern:
    """A compiled-on-first-use regular expression with a substring pre-check."""

    __slots__ = ("_compiled", "flags", "needles", "pattern")

    def __init__(self, pattern: str, flags: int = 0, needles: frozenset[str] | None = None,
                 compiled: re.Pattern[str] | None = None) -> None:
        self.pattern = pattern
        self.flags = flags
        self.needles = needles
        self._compiled = compiled

    @classmethod
    def compile(cls, pattern: str, flags: int = 0) -> Pattern:
        """Validate now (raising re.error like re.compile) and work out the needles."""
        compiled = re.compile(pattern, flags)
        return cls(pattern, flags, required_strings(pattern, flags), compiled)

    def _regex(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def could_match(self, present: frozenset[str] | set[str]) -> bool:
        """Whether a text holding exactly the needles `present` could match."""
        return self.needles is None or not self.needles.isdisjoint(present)

    def search(self, text: str) -> re.Match[str] | None:
        """Like re.Pattern.search."""
        return self._regex().search(text) if self.could_match(present_in(text, self)) else None

    def finditer(self, text: str, present: frozenset[str] | set[str] | None = None
                 ) -> Iterator[re.Match[str]]:
        """Like re.Pattern.finditer; `present` (from present_in) saves the substring checks
        when many patterns are run over the same text."""
        present = present_in(text, self) if present is None else present
        return self._regex().finditer(text) if self.could_match(present) else iter(())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Pattern):
            return NotImplemented
        return (self.pattern, self.flags) == (other.pattern, other.flags)

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"Pattern({self.pattern!r})"


def present_in(text: str, *patterns: Pattern) -> set[str]:
    """The needles of `patterns` that occur in `text`, each looked for once."""
    wanted = {n for p in patterns if p.needles for n in p.needles}
    return {needle for needle in wanted if needle in text}


def required_strings(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Strings one of which every match of `pattern` contains, or None when unsure.

    Conservative by construction: a case-insensitive pattern, an optional part, a
    character class or an alternative without such a string gives None, and None means
    the pattern is always run.
    """
    if flags & re.IGNORECASE:
        return None
    try:
        parsed = _parser.parse(pattern, flags)
    except re.error:
        return None
    found = _required(list(parsed))
    return frozenset(found) if found else None


def _required(items: list) -> set[str] | None:
    best: set[str] | None = None
    run: list[str] = []

    def consider(candidate: set[str] | None) -> None:
        nonlocal best
        if not candidate or "" in candidate:
            return
        if best is None or min(map(len, candidate)) > min(map(len, best)):
            best = candidate

    for op, av in items:
        if op is _C.LITERAL:
            run.append(chr(av))
            continue
        consider({"".join(run)} if run else None)
        run = []
        if op is _C.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            if not add_flags & re.IGNORECASE:
                consider(_required(list(sub)))
        elif op is _C.BRANCH:
            branches = [_required(list(b)) for b in av[1]]
            if all(branches):
                consider(set().union(*branches))
        elif op in _REPEATS:
            low, _high, sub = av
            if low >= 1:
                consider(_required(list(sub)))
    consider({"".join(run)} if run else None)
    return best
