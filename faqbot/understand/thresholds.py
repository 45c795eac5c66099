"""The decision thresholds in force for a knowledge base, apart from how they are measured
(calibrate.py): a knowledge base whose clinic profile fixes them, or whose measured ones
are in the load cache, needs none of calibrate's code (~1 ms of imports at start-up)."""

from __future__ import annotations

import math

from ..records import field_names, record

# From this score up an answer needs only this share of the lead: near the top of the
# scale both leaders hold nearly every word of the question, and the room to tell them
# apart shrinks (staff set unchanged, 3 more right over the blind sets, none lost).
SURE_SCORE = 90.0
SURE_MARGIN_SHARE = 0.5


@record
class Thresholds:
    """The decision thresholds in force for one knowledge base, and how they were set."""

    answer_min: float
    answer_margin: float
    clarify_min: float
    # "calibrated", "shipped" (the constants kept, and why) or why nothing was measured.
    source: str
    # What was measured: held-out phrasings and entry questions asked without their
    # entry, and the rates the chosen thresholds (and the shipped ones) give on them.
    held_out: int = 0
    absent: int = 0
    right: float = math.nan
    wrong: float = math.nan
    offered: float = math.nan
    absent_answered: float = math.nan
    shipped_right: float = math.nan
    shipped_wrong: float = math.nan
    shipped_absent: float = math.nan

    def margin_at(self, score: float) -> float:
        """The lead an answer scoring `score` needs over the next entry."""
        return self.answer_margin * (SURE_MARGIN_SHARE if score >= SURE_SCORE else 1.0)

    @property
    def values(self) -> str:
        """The thresholds as one line."""
        return (f"answer >= {self.answer_min:.1f} with a lead of >= {self.answer_margin:.1f} "
                f"(>= {self.margin_at(SURE_SCORE):.1f} from {SURE_SCORE:g}); "
                f"did-you-mean >= {self.clarify_min:.1f}; otherwise fallback")

    def describe(self) -> str:
        """How the thresholds were set, with the figures measured, for `lint` and `explain`."""
        parts = [self.source]
        if self.held_out:
            parts.append(f"{self.held_out} held-out alternates (each left out of the index and "
                         f"asked): answered right {_pct(self.right)}, wrong {_pct(self.wrong)}, "
                         f"right entry answered or offered {_pct(self.offered)}; with the "
                         f"shipped constants right {_pct(self.shipped_right)}, wrong "
                         f"{_pct(self.shipped_wrong)}")
        if self.absent:
            parts.append(f"{self.absent} entry questions asked with their entry left out: "
                         f"answered (wrongly) {_pct(self.absent_answered)}; with the shipped "
                         f"constants {_pct(self.shipped_absent)}")
        if self.held_out or self.absent:
            from .calibrate import ABSENT_ANSWERED_MAX, PROBE_WRONG_MAX  # where the bars are set

            parts.append(f"bar: wrong <= {100 * PROBE_WRONG_MAX:g}% of held-out alternates, "
                         f"<= {100 * ABSENT_ANSWERED_MAX:g}% of entry-left-out questions")
        return "; ".join(parts) + "."


def _pct(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{100 * value:.1f}%"


FIXED = ("fixed by the knowledge base (clinic.yaml, thresholds: fixed): the matcher's "
         "constants, tuned on the staff test set (README: How the thresholds were chosen)")



def fixed(shipped: tuple[float, float, float]) -> Thresholds:
    """The shipped constants, as a knowledge base with `thresholds: fixed` has them."""
    return Thresholds(*shipped, FIXED)


def to_data(found: Thresholds) -> dict[str, object]:
    """`found` as plain JSON data for the cache (NaN written as null)."""
    return {name: (None if isinstance(v, float) and math.isnan(v) else v)
            for name in field_names(found) for v in (getattr(found, name),)}


def from_data(data: object) -> Thresholds | None:
    """Thresholds read back from the cache, or None when the data do not fit."""
    if not isinstance(data, dict) or set(data) != set(field_names(Thresholds)):
        return None
    values: dict[str, object] = {}
    for name in field_names(Thresholds):
        value = data[name]
        if name == "source":
            if not isinstance(value, str):
                return None
        elif name in ("held_out", "absent"):
            if not isinstance(value, int) or isinstance(value, bool):
                return None
        elif value is None:
            value = math.nan
        elif not isinstance(value, int | float) or isinstance(value, bool):
            return None
        else:
            value = float(value)
        values[name] = value
    return Thresholds(**values)
