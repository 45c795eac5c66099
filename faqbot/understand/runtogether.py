"""Words run together with no spaces ("cantfeelmylegs", "hislipsrblue"), split into the
fewest known words, one of them red-flag vocabulary; pieces may be typed as people type
in a hurry ("nansheadiskillinher": nans head is killing her)."""

from __future__ import annotations

from collections.abc import Set

from . import text as tx


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
                piece = _typed_form(piece, known, common)
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


def _typed_form(piece: str, known: Set[str], common: Set[str]) -> str | None:
    """The word a piece of a run-together word stands for when typed as people type it
    in a hurry: "killin" (killing), "bluee" (blue), or an owner's or plural "s" on a
    word ("nans", "grandmas"); None when it is none of these."""
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
    return None
