"""Placing a red-flag sign in a sentence: where its parts stand, how far apart, and
what blocks it.

safety.py asks for the ways a sign's word groups can sit near each other in one
sentence (`placements`), whether an "unless" group blocks one (`blocked`), and then
judges each placement's context.
"""

from __future__ import annotations

from ..kb.model import CUE_PREFIX, Sign
from .numbers import NUMBER, NUMBER_TOKENS
from .sentence import Sentence

# An "unless" group also blocks a sign just before or after it ("a little redness",
# "confused about the bill").
UNLESS_BEFORE = 2
UNLESS_AFTER = 2
# Unless groups that are temperature readings block a sign anywhere in its sentence.
READINGS = frozenset({"normal-temperature"})
# ...as do causes so telling that they explain the sign wherever they are told ("went red in
# a neat square, exactly the shape of the sticky plaster"), and a bruise, whose colours
# are no pus ("a bruise round the needle mark, going a bit yellow-green now").
SENTENCE_WIDE = frozenset({"tape-cause", "bruise-named"})
# Parts that tell how a sign ended, so they may stand anywhere after the rest of it in
# the sentence: "slumped in his chair and we had to shake him well before he came round".
ENDING_PARTS = frozenset({"came-round"})
# A clause opening with one of these gives the reason for the one before it ("chills last
# night because the aircon was too cold"): an "unless" word there explains the sign.
REASON_WORDS = frozenset({"because", "cause", "as"})
# After "but", these point back at the sign itself, so the sign may reach over the "but".
_THING_BACK = frozenset({"it", "its", "this", "that", "they", "these", "those", "which", NUMBER})


def placements(sign: Sign, sentence: Sentence, near: int) -> list[list[tuple[int, int]]]:
    """Ways to place the sign's parts with at most `near` other words among them: around
    each occurrence of each part, the nearest occurrence of every other part."""
    lists = [sentence.found[part] for part in sign.parts]
    if len(lists) == 1:
        return [[span] for span in lists[0]]
    seen: set[tuple[tuple[int, int], ...]] = set()
    out: list[list[tuple[int, int]]] = []
    for anchor_part, spans in enumerate(lists):
        for anchor in spans:
            chosen = []
            for part, options in enumerate(lists):
                if part == anchor_part:
                    chosen.append(anchor)
                    continue
                # One word is one part: "agony" is pain and extreme, not both at once.
                others = [o for o in options if not inside(o, [*chosen, anchor])]
                if not others:
                    break
                chosen.append(min(others, key=lambda o: abs(o[0] - anchor[0])))
            else:
                low = min(s for s, _ in chosen)
                high = max(e for _, e in chosen)
                key = tuple(sorted(chosen))
                # No sign reaches over a "but", unless what follows refers back to it
                # ("not usually a headache guy but this one knocks me flat").
                # (A part that opens on the "but" holds it: "... pass urine" + "but can not
                # come out".)
                starts = {s for s, _ in chosen}
                over = any(n in sentence.hard and not refers_to_thing(sentence, n)
                           and sentence.clause.index(n) not in starts
                           for n in range(sentence.clause[low] + 1,
                                          sentence.clause[high - 1] + 1))
                gap = between(sorted(_near_parts(sign, chosen)), sentence)
                if gap <= near and key not in seen and not over:
                    seen.add(key)
                    out.append(sorted(chosen))
    return out


def _near_parts(sign: Sign, chosen: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The placed parts whose distance counts: an ending part (ENDING_PARTS) told after
    all the others counts for none."""
    rest = [span for part, span in zip(sign.parts, chosen, strict=True)
            if part not in ENDING_PARTS]
    if len(rest) == len(chosen) or not rest:
        return chosen
    last = max(s for s, _ in rest)
    endings = [span for part, span in zip(sign.parts, chosen, strict=True) if part in ENDING_PARTS]
    return chosen if any(span[0] < last for span in endings) else rest


def refers_to_thing(sentence: Sentence, number: int) -> bool:
    """Whether the clause after a "but" starts by pointing back at a thing ("but this
    one", "but it"), not at a person ("but I don't lift much"); or narrows the sign, not
    turning from it ("my head is killing me but only when I stand up")."""
    start = sentence.clause.index(number)
    if sentence.tokens[start + 1:start + 2] == ["only"]:
        return True
    if not sentence.refers_back.get(number, False):
        return False
    return any(t in _THING_BACK for t in sentence.tokens[start + 1:start + 3])


def between(spans: list[tuple[int, int]], sentence: Sentence) -> int:
    """Words among the sign's parts; a clause that refers back ("..., and it is swollen")
    stands for what it refers to, so only its own words up to the part count; a likening
    in between is an aside and counts for nothing ("lips look like I've been swimming in a
    freezing lake, that purplish color"); a term of several words counts as one."""
    clause, total = sentence.clause, 0
    asides = {clause[s] for s, _ in sentence.found.get(CUE_PREFIX + "yardstick-start", ())}
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        gap = max(0, start - end) - sum(clause[n] in asides or n in sentence.inner
                                        for n in range(end, start))
        later, earlier = clause[start], clause[max(end - 1, 0)]
        if later > earlier and all(sentence.refers_back.get(n, False)
                                   for n in range(earlier + 1, later + 1)):
            gap = min(gap, start - clause.index(later))
        total += gap
    return total


def blocked(sign: Sign, spans: list[tuple[int, int]], sentence: Sentence) -> bool:
    """Whether an "unless" group's word stands among or beside the sign's parts; a word
    of the sign's own terms does not count ("by" of "calling me by" is no "confused by"),
    but a wider term that holds one names it as something else ("blood" of "blood test")."""
    if any(group in SENTENCE_WIDE and group in sentence.found for group in sign.unless):
        return True
    low = spans[0][0] - UNLESS_BEFORE
    high = max(e for _, e in spans) + UNLESS_AFTER
    clauses = {sentence.clause[n] for s, e in spans for n in range(s, e)}
    after = max(clauses) + 1
    start = sentence.clause.index(after) if after in sentence.clause else None
    reason = start is not None and (sentence.tokens[start] in REASON_WORDS
                                    or explains(sentence.tokens[start:]))
    if any(((low <= s < high and sentence.clause[s] in clauses)
            or (reason and sentence.clause[s] == after))
           and (not inside((s, e), spans) or holds((s, e), spans))
           and not _opens_question(sentence, s)
           # "dark blue like ink": a likening, no cause.
           and sentence.tokens[s - 1:s] != ["like"]
           for group in sign.unless if group not in READINGS
           for s, e in sentence.found.get(group, ())):
        return True
    # A temperature reading speaks for the whole sentence: "her temp is 99.1 after her
    # nap, is that a fever" asks about the reading; "38.2 the first night but a normal
    # 36.8 for three days now": the latest reading is the one that holds.
    told = any(sentence.tokens[n] in NUMBER_TOKENS for s, e in spans for n in range(s, e))
    if told and sentence.read_again and READINGS.intersection(sign.unless):
        return True
    last = max(e for _, e in spans)
    return any(not told or s >= last
               for group in sign.unless if group in READINGS
               for s, _ in sentence.found.get(group, ()))


# A clause opening with these says what the sign really was: "my lips looked purple but it
# was the blackberry smoothie", "red on my shirt but it was the spaghetti sauce".
_EXPLAINING = (["but", "it", "was"], ["but", "it", "is"], ["but", "that", "was"], ["but", "is"],
               ["but", "was"], ["turned", "out"], ["turns", "out"], ["but", "turned", "out"])


def explains(tokens: list[str]) -> bool:
    """Whether words opening a clause say what the sign before it really was."""
    return any(tokens[:len(opening)] == opening for opening in _EXPLAINING)


def _opens_question(sentence: Sentence, number: int) -> bool:
    """Whether word `number` opens a question of its own ("... is confused what should I
    do"): a question word and an auxiliary, not the object of a word ("confused what to
    do", "confused how the app works")."""
    starts = {s for s, _ in sentence.found.get(CUE_PREFIX + "question-start", ())}
    return number in starts and number + 1 in starts


def holds(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """Whether `span` is wider than a part it overlaps and holds all of it."""
    return any(span[0] <= s and e <= span[1] and span[1] - span[0] > e - s for s, e in spans)


def inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)
