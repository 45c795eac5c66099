"""Words run together with no spaces ("cantfeelmylegs", "hislipsrblue"), split into the
fewest known words, one of them red-flag vocabulary; pieces may be typed as people type
in a hurry ("nansheadiskillinher": nans head is killing her)."""

from __future__ import annotations

from collections.abc import Set

from . import text as tx


def denied_run(word: str, signs: Set[str], common: Set[str]) -> tuple[str, ...] | None:
    """A denial run into the sign's word it denies ("nonumbness", "notingling", "nofever"):
    the two words, or None. Before any repair, which would drop the "no" as a typo (and
    only a sign's word: "nowere" is no "no were")."""
    if not word.startswith("no"):
        return None  # (most words: the word lists are not asked)
    for denial in ("not", "no"):
        rest = word[len(denial):]
        if word.startswith(denial) and len(rest) >= 4 and rest in signs and rest not in tx.STOPWORDS:
            return None if word in common else (denial, rest)  # not "notable", "nobody"
    return None


def split_run(word: str, known: Set[str], vocabulary: Set[str], common: Set[str]
              ) -> tuple[str, ...] | None:
    """Fewest pieces of `known` or `common` words, as typed or typed in a hurry (see
    _typed_form), that make `word`, at least one of them `vocabulary`; None when there is
    no such split."""
    n = len(word)
    best: list[tuple[tuple[int, int], tuple[str, ...]] | None] = [None] * (n + 1)
    best[0] = ((0, 0), ())
    for end in range(1, n + 1):
        for start in range(max(0, end - 16), end):
            prior = best[start]
            if prior is None:
                continue
            piece = word[start:end]
            exact = _is_piece(piece, known, common)
            if not exact:
                piece = _typed_form(piece, known, vocabulary, common)
                if piece is None:
                    continue
            # Fewest pieces, vocabulary cheaper, a piece typed as people type (see
            # _typed_form) dearer; on a tie more letters of vocabulary ("dads lips",
            # not "dad slips").
            # An owner's or plural "s" counts as the word it is put on ("nans").
            vocab = piece in vocabulary or (not exact and piece.endswith("s")
                                            and piece[:-1] in vocabulary)
            cost = (1 if vocab else 3) + (0 if exact else 1)
            score = (prior[0][0] + cost, prior[0][1] - (len(piece) if vocab else 0))
            if best[end] is None or score < best[end][0]:
                best[end] = (score, (*prior[1], piece))
    found = best[n]
    if found is None or len(found[1]) < 2 or not any(p in vocabulary for p in found[1]):
        return None
    return found[1]


def _is_piece(piece: str, known: Set[str], common: Set[str]) -> bool:
    """Short pieces must be vocabulary or function words: "numbing" is not "numb ing".
    Of single letters, "i", "a" and texting's "r" (are) and "u" (you): "hislipsrblue"."""
    if len(piece) == 1:
        return piece in ("i", "a", "r", "u")
    if len(piece) <= 3:
        return piece in known
    return piece in known or piece in common


def _typed_form(piece: str, known: Set[str], vocabulary: Set[str], common: Set[str]
                ) -> str | None:
    """The word a piece of a run-together word stands for when typed as people type it
    in a hurry: "killin" (killing), "bluee" (blue), an owner's or plural "s" on a word
    ("nans", "grandmas"), or a word of the signs with a slip in it (see _slip_of); None
    when it is none of these."""
    if len(piece) < 4:
        return None
    if piece.endswith("in") and (piece + "g" in known or piece + "g" in common):
        return piece + "g"
    if piece[-1] == piece[-2] and piece[:-1] in known:
        return piece[:-1]
    base = piece[:-1]
    if piece.endswith("s") and base[-1] != "s" and base not in tx.STOPWORDS \
            and base not in tx.CONTRACTIONS and (base in known or base in common):
        return piece
    return _slip_of(piece, vocabulary) if len(piece) >= SLIP_MIN_LEN else None


# A piece of at least this many letters may be a word of the signs with one slip in it.
SLIP_MIN_LEN = 5


def _slip_of(piece: str, vocabulary: Set[str]) -> str | None:
    """The word of the red-flag vocabulary `piece` is with one of the slips people make
    undone, first letter kept: two letters swapped ("breaht", "cuoghing"), one typed twice
    ("brreath") or one dropped ("swllen", "excruciatig"); None when it is none."""
    for at in range(1, len(piece) - 1):
        swapped = piece[:at] + piece[at + 1] + piece[at] + piece[at + 2:]
        if swapped in vocabulary:
            return swapped
        if piece[at] == piece[at + 1] and piece[:at] + piece[at + 1:] in vocabulary:
            return piece[:at] + piece[at + 1:]
    return _dropped(vocabulary).get(piece)


_DROPPED: dict[int, tuple[Set[str], dict[str, str]]] = {}


def _dropped(vocabulary: Set[str]) -> dict[str, str]:
    """Each vocabulary word of SLIP_MIN_LEN + 1 letters or more with one letter (not the
    first) dropped, to the word; made on first need, once per vocabulary."""
    held = _DROPPED.get(id(vocabulary))
    if held is None or held[0] is not vocabulary:
        table: dict[str, str] = {}
        for word in sorted(vocabulary):
            if len(word) > SLIP_MIN_LEN and word.isalpha():
                for at in range(1, len(word)):
                    table.setdefault(word[:at] + word[at + 1:], word)
        held = _DROPPED[id(vocabulary)] = (vocabulary, table)
    return held[1]
