"""Words some writers use for others, mended before the red-flag signs are looked for:
"me" for "my" in many dialects ("me chest", "me back's bleeding"), and a note's "R calf"
(texting's "r" is read as "are" everywhere else); dictation's "pea" for "pee" after "to"
("haven't been able to pea"), where it is no pea; "a faint" before a noun, the adjective
("a faint square of pink"), and "numb" done to someone ("just numb my back"); and a word
the writer takes back ("cafe ... I mean calf")."""

from __future__ import annotations

import re

from rapidfuzz.distance import OSA

from .lazy import LazyPattern
from .text import STOPWORDS

# The parts of the body "me" owns in the dialects that say it for "my" ("me leg") ...
_OWNED_BODY = frozenset({
    "back", "chest", "leg", "legs", "arm", "arms", "head", "lips", "face", "tongue", "throat",
    "calf", "foot", "feet", "bum", "belly", "tummy", "stomach", "bladder", "bowels", "hand",
    "hands", "knee", "knees", "neck", "eyes", "mouth", "wound", "toes", "hip", "hips", "heart",
    "ribs", "skin", "bottom", "waterworks"})
# ... and all a sign may be told of ("pain in the middle of my back").
BODY_PARTS = _OWNED_BODY | {"spine", "thigh", "thighs", "shoulder", "shoulders", "groin",
                            "buttocks", "abdomen", "side", "ankle", "ankles", "shin"}
# What "me" owns in those dialects ("me leg", "me mam").
_OWNED = _OWNED_BODY | {"pins", "husband", "wife", "mam", "mum", "da", "dad", "missus", "fella",
                        "temperature", "temp"}
# ... and what Scots "ma" owns besides ("ma tablets", "ma pills").
_OWNED_THINGS = frozenset({"tablets", "pills", "meds", "medicine", "medication"})
# Before these, Scots "dug" is a dog ("ma dug's been boakin", "the wee dug").
_DUG_AFTER = frozenset({"me", "ma", "my", "the", "wee"})
# What "me" or "ma" before a word owns.
_OWNED_BY_ME = _OWNED | _OWNED_THINGS | {"dog"}
# After Scots "wee" (small), these are no urine's: "doing wee jobs", "a wee while".
_WEE_SMALL = frozenset({"bit", "while", "job", "jobs", "thing", "things", "one", "ones", "boy",
                        "girl", "lad", "lass", "man", "woman", "house", "walk", "chat", "cup",
                        "nap", "rest", "break", "dog", "cat"})
# A limb named with its side in a note: "R calf", "L leg".
_SIDED = frozenset({"calf", "leg", "arm", "foot", "knee", "ankle", "thigh", "hand", "hip", "shin"})


# After these, "blew" and "dumb" say what something is or feels: autocorrect's "blue"
# and "numb" ("my lips are blew", "my legs feel dumb"; of a body part named just before).
_LINKING = frozenset({"is", "are", "was", "were", "look", "looks", "looked", "feel", "feels",
                      "felt", "gone", "went", "turned", "going"})
_SITES = frozenset({"legs", "leg", "feet", "foot", "toes", "lips", "face", "hands", "arms",
                    "thighs", "bum", "bottom", "fingers", "skin"})
# After "a faint", these make it the faint itself ("a faint spell", "a faint feeling"),
# where any other word makes "faint" an adjective ("a faint mark", "a faint square").
_NOT_AFTER_FAINT = frozenset({"spell", "spells", "feeling", "feelings", "episode", "episodes",
                              "turn", "sensation", "yesterday", "today", "tonight", "earlier",
                              "last", "morning", "again", "once", "twice"})
# "Numb" as what is done to someone: the local anaesthetic ("they just numb the area",
# "will they numb me"), not a sign.
_BEFORE_NUMBING = frozenset({"to", "just", "they", "will", "would", "can", "could", "only",
                             "simply", "we", "you", "doctor", "first"})
_NUMBED = frozenset({"me", "my", "the", "your", "you", "her", "him", "his", "it", "that", "this",
                     "us", "them", "up"})
# Verbs a learner of English denies with "no": "she no wake up", "he no eat, no drink".
_BARE_VERBS = frozenset({"wake", "eat", "drink", "move", "feel", "breathe", "walk", "stand",
                         "talk", "speak", "answer", "open", "stop", "pee", "wee", "sleep",
                         "remember", "know", "keep",
                         # Scots: "I've no been able to pee since this morning".
                         "been"})
# After these, "pea" is a verb: "able to pea", "can not pea".
_BEFORE_VERB = frozenset({"to", "not"})


def mend_words(tokens: list[str]) -> None:
    """Read "me" (or Scots "ma") before what one has as "my", and Scots "dug" as "dog";
    "are" before a limb as "right", "pea" after "to" or "not" as "pee", a learner's "no"
    before a verb as "not", and autocorrect's "blew" and "dumb" said of a body part as
    "blue" and "numb"."""
    for i in range(len(tokens) - 1):
        if tokens[i] in _DUG_AFTER and tokens[i + 1] == "dug":
            tokens[i + 1] = "dog"  # Scots: "ma dug's been boakin aw night"
        if tokens[i] in ("me", "ma") and tokens[i + 1] in _OWNED_BY_ME:
            tokens[i] = "my"
        elif tokens[i] == "are" and tokens[i + 1] in _SIDED:
            tokens[i] = "right"
        elif tokens[i + 1] == "pea" and tokens[i] in _BEFORE_VERB:
            tokens[i + 1] = "pee"
        elif tokens[i + 1] == "past" and tokens[i] == "not":
            tokens[i + 1] = "pass"  # dictation's "he can't past his water"
        elif tokens[i + 1] == "half" and tokens[i] in ("left", "right") and tokens[i + 2:i + 3] in (
                ["is"], ["was"], ["swollen"], ["calf"]):
            tokens[i + 1] = "calf"  # autocorrect's "my left half is swollen and hot"
        elif tokens[i] == "wee" and tokens[i + 1] in _WEE_SMALL:
            tokens[i] = "small"  # Scots "wee jobs", "a wee while": small, no urine
        elif tokens[i] in ("no", "nah") and tokens[i + 1] in _BARE_VERBS:
            tokens[i] = "not"  # a learner's "she no wake up", "he no eat"; "it nah stop"
        elif tokens[i + 1] == "blew" and tokens[i] in _LINKING:
            tokens[i + 1] = "blue"  # "my lips are blew"
        elif tokens[i + 1] == "faint" and tokens[i] in ("a", "the") and i + 2 < len(tokens) \
                and tokens[i + 2].isalpha() and tokens[i + 2] not in _NOT_AFTER_FAINT \
                and tokens[i + 2] not in STOPWORDS:
            tokens[i + 1] = "slight"  # "a faint square of pink", not "had a faint today"
        elif tokens[i + 1] == "numb" and tokens[i] in _BEFORE_NUMBING and i + 2 < len(tokens) \
                and tokens[i + 2] in _NUMBED:
            tokens[i + 1] = "anaesthetise"  # "will they put me to sleep or just numb my back"
        elif tokens[i + 1] == "dumb" and tokens[i] in _LINKING and _SITES.intersection(
                tokens[max(0, i - 3):i]):
            tokens[i + 1] = "numb"  # "my legs feel dumb and heavy"


_MEANT = LazyPattern(globals(), "_MEANT", r"\bi\s+mean[t]?\s+([a-z]+)")


def meant(folded: str, sign_words: frozenset[str]) -> str:
    """The text with a word the writer takes back for a word of the signs put right:
    "my left cafe is swollen ... autocorrect, I mean calf" (an earlier word of the same
    first letter, two edits or fewer from it)."""
    said = _MEANT.search(folded)
    if said is None or said.group(1) not in sign_words:
        return folded
    taken = said.group(1)
    for found in re.finditer(r"[a-z]+", folded[:said.start()]):
        word = found.group()
        if word != taken and word[0] == taken[0] and len(word) >= 3 \
                and OSA.distance(word, taken, score_cutoff=2) <= 2:
            return folded[:found.start()] + taken + folded[found.end():]
    return folded

