"""Words some writers use for others, mended before the red-flag signs are looked for:
"me" for "my" in many dialects ("me chest", "me back's bleeding"), and a note's "R calf"
(texting's "r" is read as "are" everywhere else); dictation's "pea" for "pee" after "to"
("haven't been able to pea"), where it is no pea."""

from __future__ import annotations

# What "me" owns in the dialects that say it for "my" ("me leg", "me mam").
_OWNED = frozenset({
    "back", "chest", "leg", "legs", "arm", "arms", "head", "lips", "face", "tongue", "throat",
    "calf", "foot", "feet", "bum", "belly", "tummy", "stomach", "bladder", "bowels", "hand",
    "hands", "knee", "knees", "neck", "eyes", "mouth", "wound", "toes", "hip", "hips", "heart",
    "ribs", "skin", "pins", "bottom", "waterworks", "husband", "wife", "mam", "mum", "da",
    "dad", "missus", "fella", "temperature", "temp"})
# A limb named with its side in a note: "R calf", "L leg".
_SIDED = frozenset({"calf", "leg", "arm", "foot", "knee", "ankle", "thigh", "hand", "hip", "shin"})


# After these, "pea" is a verb: "able to pea", "can not pea".
_BEFORE_VERB = frozenset({"to", "not"})


def mend_owners(tokens: list[str]) -> None:
    """Read "me" before what one has as "my", "are" before a limb as "right", and "pea"
    after "to" or "not" as "pee"."""
    for i in range(len(tokens) - 1):
        if tokens[i] == "me" and tokens[i + 1] in _OWNED:
            tokens[i] = "my"
        elif tokens[i] == "are" and tokens[i + 1] in _SIDED:
            tokens[i] = "right"
        elif tokens[i + 1] == "pea" and tokens[i] in _BEFORE_VERB:
            tokens[i + 1] = "pee"
