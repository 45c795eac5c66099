"""A seeded generator of phone-keyboard typos, applied to whole question sets.

Patients type on phones and with shaking hands: a letter swapped with its neighbour,
dropped or doubled. The same seed always gives the same typos, so runs compare.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace

from .cases import CaseSet

# About a third of the longer words get one typo each.
TYPO_SHARE = 1 / 3
# "Longer" words: shorter ones are mostly function words ("the", "can", "my").
TYPO_MIN_LETTERS = 5
_WORD = re.compile(r"[^\W\d_]+")


def add_typos(text: str, *, seed: int = 0, share: float = TYPO_SHARE) -> str:
    """`text` with one swapped, dropped or doubled letter in about `share` of longer words.

    The first letter is kept: misspellings rarely change it (Yannakoudakis & Fawthrop,
    1983), and a changed first letter reads as a different word to people too.
    """
    # Seeded by the text itself, so a question's typos do not depend on its neighbours.
    rng = random.Random(f"{seed}:{text}")

    def typo(found: re.Match[str]) -> str:
        word = found.group()
        if len(word) < TYPO_MIN_LETTERS or rng.random() >= share:
            return word
        return misspell(word, rng)

    return _WORD.sub(typo, text)


def misspell(word: str, rng: random.Random) -> str:
    """One typo in `word` (at least 3 letters), never at its first letter."""
    kind = rng.choice(("swap", "drop", "double"))
    at = rng.randrange(1, len(word) - 1)
    if kind == "swap" and word[at] != word[at + 1]:
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    if kind == "double":
        return word[: at + 1] + word[at:]
    return word[:at] + word[at + 1 :]


def with_typos(cases: CaseSet, *, seed: int = 0) -> CaseSet:
    """The typo variant of a case set: same expectations, misspelt questions."""
    return CaseSet(
        f"{cases.name} + typos",
        tuple(replace(case, question=add_typos(case.question, seed=seed)) for case in cases.cases),
    )
