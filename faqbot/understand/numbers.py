"""Numbers in a red-flag message: temperatures, pain scores and years, said or written.

The reader (reading.py) turns each number into a token and asks `number_group` which
word group it fills: a fever, a normal temperature, a severe pain score or a past year.
"""

from __future__ import annotations

import re
from time import localtime

from rapidfuzz.distance import OSA

from ..kb.model import CUE_PREFIX

# The scores that matter, written in words: "nine out of ten", "a ten".
NUMBER_WORDS = re.compile(r"\b(eight|nine|ten)\b")
DIGITS = {"eight": "8", "nine": "9", "ten": "10"}
# Temperatures said aloud: "one oh one", "a hundred and two", "thirty eight point five".
_ONES = {"zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4",
         "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}
_DIGIT = "(zero|oh|o|one|two|three|four|five|six|seven|eight|nine)"
SPOKEN = re.compile(
    r"\b(?P<lead>(?:a |one )?hundred(?: and)?|one (?:oh|o|zero)|thirty|ninety) " + _DIGIT
    + r"(?: point " + _DIGIT + r")?\b")
_LEADS = {"thirty": "3", "ninety": "9"}


def spoken(m: re.Match[str]) -> str:
    lead = m.group("lead")
    tens = _LEADS.get(lead, "10")
    number = tens + _ONES[m.group(2)]
    return f"{number}.{_ONES[m.group(3)]}" if m.group(3) else number
_CELSIUS = frozenset({"c", "celsius", "centigrade"})
_FAHRENHEIT = frozenset({"f", "fahrenheit", "farenheit"})
_DEGREES = frozenset({"degrees", "degree", "deg"})
# Before "than" and a score: the score is where the pain came down from.
_BETTER = frozenset({"better", "less", "lower", "down", "improved", "easier", "milder"})
# A number followed by one of these is a time or an amount, not a pain score.
_NOT_A_SCORE = frozenset({
    "am", "pm", "o", "oclock", "hours", "hour", "hrs", "hr", "days", "day", "weeks",
    "week", "months", "month", "years", "year", "minutes", "minute", "mins", "min",
    "times", "pills", "pill", "tablets", "mg", "percent", "pounds", "lbs", "kg",
    "inches", "cm", "mm", "degrees", "steps", "feet", "ft", "people", "patients",
})
# After a number, a unit of weight or length: a measure ("my 30 pound grandson", "5 stone"),
# never what a question is about.
MEASURES = frozenset({
    "pound", "pounds", "lb", "lbs", "kg", "kgs", "kilo", "kilos", "kilogram", "kilograms",
    "stone", "ounce", "ounces", "oz", "inch", "inches", "foot", "feet", "ft", "cm", "mm",
    "metre", "metres", "meter", "meters", "mile", "miles", "km", "yard", "yards",
})
_SCORE_BEFORE = frozenset({"a", "an", "is", "at", "was", "now", "like", "pain", "score", "level",
                           "rate", "rated", "about", "around"})
_DAY_PARTS = frozenset({"morning", "evening", "afternoon", "night"})
SCORE = "#score"
NUMBER = "#number"
NUMBER_TOKENS = frozenset({SCORE, NUMBER})
FEVER_F = (100.4, 110.0)
FEVER_C = (38.0, 43.5)
SEVERE_SCORE = 8.0
# A pain score of 3 out of 10 or less ("2/10 now") tells of a pain that is no red flag.
MILD_SCORE = 3.0
# "an 11", "a 12": a pain told past the top of the scale, up to this.
OFF_THE_SCALE = 20.0
# Temperatures under the fever line, read with a decimal point or a unit ("99.5", "37 C").
NORMAL_F = (95.0, 100.4)
NORMAL_C = (35.0, 38.0)
# A whole number from this year to last year reads as a year ("back in 2019").
FIRST_YEAR = 1930
PAST = CUE_PREFIX + "past"


_PROCEDURE = frozenset({"procedure", "kyphoplasty", "surgery", "operation", "op", "cement"})
_LASTING = frozenset({"months", "years"})
_CLOCK_HOURS = frozenset({"h", "hr", "hrs", "hour", "hours"})
# An oxygen saturation (%) under this is low; under the floor it is no saturation.
LOW_OXYGEN = 92.0
OXYGEN_FLOOR = 50.0


_WAS_BEFORE = frozenset({"it", "that", "this", "was", "a", "an", "about", "around", "like",
                         "maybe"})


def _was_before(tokens: list[str], i: int) -> bool:
    """Whether the number at `i` follows "before ... was" with nothing else between:
    "before it was a 9"."""
    for j in range(max(0, i - 5), i):
        if tokens[j] == "before":
            rest = tokens[j + 1:i]
            return "was" in rest and _WAS_BEFORE.issuperset(rest)
    return False


def number_group(tokens: list[str], i: int, value: float, decimal: bool) -> str | None:
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    before = tokens[i - 1] if i else ""
    # "from a 9 to a 2": where the pain started, not where it is.
    starting = before == "from" or (before in ("a", "an", "about", "around") and i > 1
                                    and tokens[i - 2] == "from")
    # "better than the 8 out of 10 before": the score it has come down from.
    improved = "than" in tokens[max(0, i - 3):i] and any(
        t in _BETTER for t in tokens[max(0, i - 5):i])
    # "2/10 now, was 9/10 before the procedure": the score it came down from.
    # "was 8 before, now it is 2": the score before, with the one now told after it.
    earlier = ("before" in tokens[i + 1:i + 3] and (_PROCEDURE.intersection(tokens[i + 2:i + 6])
                                                     or "now" in tokens[i + 2:i + 5])) or (
        # "Before the cement my pain was 9 out of 10, now it's about a 1".
        "before" in tokens[max(0, i - 7):i] and _PROCEDURE.intersection(tokens[max(0, i - 6):i])) or (
        # "Before it was 9.", "before it was about a 10": how it was, told in the past.
        _was_before(tokens, i))
    # "a 9 out of 10 for three months now": how it has long been, the procedure's reason.
    lasting = "for" in tokens[i + 1:i + 6] and bool(_LASTING.intersection(tokens[i + 2:i + 8]))
    if tokens[i] == SCORE:
        if value <= MILD_SCORE and not starting:
            return "mild-score"  # "now pain is 2/10": a present that is no sign
        return "severe-score" if value >= SEVERE_SCORE and not starting and not improved \
            and not earlier and not lasting else None
    # "38.4C at 2000H", "noted 1100 hrs": a 24-hour clock's time, no year.
    if not decimal and after in _CLOCK_HOURS and 100 <= value <= 2359 and value % 100 < 60:
        return None
    # "SpO2 88% on 2L", "sats 84 RA": an oxygen saturation, low under LOW_OXYGEN.
    if "oxygen" in tokens[max(0, i - 3):i]:
        return "low-oxygen" if OXYGEN_FLOOR <= value < LOW_OXYGEN else None
    # "she thinks it's 1985": the year someone believes it is, no time gone by.
    if not decimal and (FIRST_YEAR <= value < localtime().tm_year or after == "s") \
            and before not in ("is", "its"):
        return PAST  # a year gone by, or a decade ("in the 90s")
    # "I fainted getting my blood taken at 19", "aged 40": an age, which is long ago
    # (a score is 10 at most, a clock's hour 12, "at 14:00" goes on; temperatures are in
    # the ranges below).
    if not decimal and (13 <= value < NORMAL_C[0] or FEVER_C[1] < value < NORMAL_F[0]) and (
            before == "aged" or (before == "at" and after in ("", "and", "when"))):
        return PAST
    unit_c = after in _CELSIUS or (after in _DEGREES and value < 50)
    unit_f = after in _FAHRENHEIT or (after in _DEGREES and value >= 90)
    if FEVER_C[0] <= value <= FEVER_C[1]:
        # "wife 38.2 since this afternoon": a decimal in that range is a temperature.
        told = unit_c or (decimal and after not in _NOT_A_SCORE)
        return "fever-number" if told else "fever-number-maybe"
    if FEVER_F[0] <= value <= FEVER_F[1]:
        return "fever-number" if unit_f or decimal else "fever-number-maybe"
    if (NORMAL_F[0] <= value < FEVER_F[0] and (decimal or unit_f)) or (
            NORMAL_C[0] <= value < FEVER_C[0] and (decimal or unit_c)):
        return "normal-temperature"
    # "from 2 to 9", "from a 2 to an 11": the second number is where the pain is now,
    # and past the top of the scale it is off the chart.
    rising = ("from" in tokens[max(0, i - 5):i]
              and (before == "to" or (before in ("a", "an") and tokens[i - 2] == "to")))
    top = OFF_THE_SCALE if rising or before in ("a", "an") else 10
    # "on friday at 8 in the morning": a clock's hour.
    clock = after == "in" and not _DAY_PARTS.isdisjoint(tokens[i + 2:i + 4])
    if SEVERE_SCORE <= value <= top and not decimal and (before in _SCORE_BEFORE or rising) \
            and after not in _NOT_A_SCORE and not starting and not earlier and not clock:
        return "severe-score"
    return None


# Units of time a number is told in, as a reading of symptoms gives them.
_UNITS = ("hours", "hour", "hrs", "minutes", "mins", "days", "day", "weeks", "week", "months",
          "times", "degrees")


def unit_typo(word: str) -> tuple[str, ...] | None:
    """A word typed after a number that is one typo from a unit of time, as that unit
    ("hors": hours, "misn": minutes, "dyas": days), or None. Only words of 4+ letters that
    are no unit themselves."""
    word = word.casefold()
    if len(word) < 4 or word in _UNITS:
        return None
    close = {_SPELLED.get(u, u) for u in _UNITS if abs(len(u) - len(word)) <= 1
             and OSA.distance(u, word, score_cutoff=1) <= 1}
    return (close.pop(),) if len(close) == 1 else None


_SPELLED = {"mins": "minutes", "hrs": "hours"}
