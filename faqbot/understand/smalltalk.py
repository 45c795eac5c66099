"""Smalltalk ("thanks!", "hello"): told from questions, so a greeting is not matched to
an entry and a question is never taken for a greeting."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from ..kb.model import KnowledgeBase, Smalltalk
from .index import Analysis
from .prepare import index_of

# Smalltalk must be nearly the whole message ("thanks!", "helo"), never part of a question.
SMALLTALK_MIN = 88.0
# Only a message of this many words or fewer is searched for a smalltalk phrase inside,
SMALLTALK_MAX_WORDS = 8
# ...and the phrase found must be at least this share of the message's length.
SMALLTALK_MIN_SHARE = 0.5


def smalltalk_of(kb: KnowledgeBase, analysis: Analysis,
                 *, strict: bool) -> tuple[Smalltalk, float] | None:
    """The smalltalk entry a message is (strict: nearly word for word, before any FAQ
    matching; otherwise a whole phrase that is most of a short message no entry wanted),
    with its score; or None."""
    index = index_of(kb)
    if not index.smalltalk_phrases or not analysis.words:
        return None
    said = analysis.normalised
    if strict:
        hit = process.extractOne(said, index.smalltalk_phrases,
                                 scorer=fuzz.ratio, score_cutoff=SMALLTALK_MIN)
    elif len(analysis.words) <= SMALLTALK_MAX_WORDS:
        # "thank you so much!" when no entry wanted it: a whole phrase, word for word, that
        # is most of the message.
        padded = f" {said} "
        hit = next(
            ((phrase, 100.0, n) for n, phrase in enumerate(index.smalltalk_phrases)
             if f" {phrase} " in padded and len(phrase) >= SMALLTALK_MIN_SHARE * len(said)),
            None,
        )
    else:
        hit = None
    if hit is None:
        return None
    return kb.smalltalk[index.smalltalk_owner[hit[2]]], float(hit[1])
