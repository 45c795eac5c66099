"""Questions about a patient's own medicines or care decisions ("should I stop my
warfarin?"): the answer gets a plain line that the decision belongs to their doctor. The
patterns are the knowledge base's (knowledge/safety.yaml, `decisions:`)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..kb.model import Safety
from .index import Analysis


def is_personal_decision(safety: Safety, analysis: Analysis) -> bool:
    """Whether the patient asks about their own medicines or care decisions."""
    if not safety.decision_patterns:
        return False
    return _decisions(safety.decision_patterns).search(analysis.normalised) is not None


@lru_cache(maxsize=8)
def _decisions(patterns: tuple[str, ...]) -> re.Pattern[str]:
    # One expression for all, compiled once per knowledge base.
    return re.compile("|".join(patterns))
