"""The words and patterns the question finder (questions.py) reads a sentence with: the
words that open a question ("how", "can i"), cues that a question follows ("I want to
know"), checks of something heard ("is that true?"), the hearsay that introduces a claim
("my sister said") and the joints between two questions.

Each is compiled on first use (lazy.py), so a start-up that never needs one pays nothing.
"""

from __future__ import annotations

import re
from functools import partial

from .lazy import LazyPattern

_Lazy = partial(LazyPattern, globals())


# A question asked inside a sentence without a mark: "mom has osteoporosis what is that".
INNER = _Lazy("INNER", r"\b(?:how|what|whats|when|where|why|who|which)\s+(?:\w+\s+)?"
                    r"(?:is|are|was|do|does|did|can|will|should|would|could|long|much|many|often|soon)\b"
                    r"|\bwhat\s+(?:[a-z]+ly\s+)?[a-z]+s\b")  # "... what (actually) helps with that"


# A question begun mid-sentence by an auxiliary before a subject pronoun, unmarked as
# speech and texting leave it: "my dad has many allergies can he be allergic to it".
# ("you" is left out: "..., can you believe it" asks nothing.)
INVERTED = _Lazy("INVERTED", r"(?<=\s)(?:can|could|will|would|should|is|are|does|do|did|may|might"
                             r"|must)\s+(?:i|he|she|we|they|it)\s+\w+")


# Where a question runs on into the story ("... put to sleep, because the last time ..."):
# the question ends there.
# "because of cancer" names a cause the question asks about: no run-on.
RUN_ON = _Lazy("RUN_ON", r"(?:,\s*|\s+)(?:because(?!\s+of\b)|since|ever\s+since|as\s+i|so\s+that)\b"
                         # ", so I can picture it": what the answer is for, not the question.
                         r"|,\s*so\s+(?:[Ii]|we|he|she|they|you)\s+(?:can|could|know)\b"
                         # "cause" for "because", not the verb: "does it cause problems".
                         r"|(?:,\s*|(?<!\bit)(?<!\bdoes)(?<!\bcan)(?<!\bwill)(?<!\bcould)"
                         r"(?<!\bmight)(?<!\bwould)(?<!\bthat)(?<!\bthis)(?<!\bthey)\s+)cause\b")


CONJUNCTION = _Lazy("CONJUNCTION", r"\b(?:but|so|and)\b", re.IGNORECASE)


# Words that open a question. Wh-words open one on their own; auxiliaries only when a
# subject follows ("can i", "is it", "do they"), or "do my exercises" would count.
WH_WORDS = frozenset({
    "how", "what", "whats", "when", "where", "why", "who", "whos", "which", "whether",
    "hows", "wheres", "whens",
})
AUXILIARIES = frozenset({
    "can", "could", "will", "would", "is", "are", "am", "was", "were", "do", "does", "did",
    "should", "shall", "may", "might", "has", "have", "must", "cant", "wont", "isnt",
    "dont", "doesnt", "arent", "shouldnt", "wouldnt",
})
SUBJECTS = frozenset({
    "i", "im", "ive", "id", "you", "u", "we", "they", "he", "she", "it", "its", "this",
    "that", "there", "theres", "my", "your", "his", "her", "our", "their", "the", "a", "an",
    "people", "anyone", "someone", "somebody", "anybody", "any", "mom", "dad",
    "these", "those", "most", "all", "everyone", "both",
    # The people a carer asks for: "will mum be able to come home the same day".
    "mum", "mam", "mother", "father", "husband", "wife", "son", "daughter", "nan", "nana",
    "gran", "granny", "grandma", "grandpa", "grandad", "granddad", "hubby", "partner",
})
# Leading words that do not change what is asked ("so how long ...", "ok and when ...").
FILLERS = frozenset({
    "so", "and", "also", "ok", "okay", "but", "anyway", "well", "oh", "hi", "hey", "hello",
    "then", "plus", "or", "like", "um", "uh", "honestly", "basically", "just", "now",
    "second", "first", "lastly", "finally", "question", "q", "one", "more", "other", "thing",
    "things", "last", "next", "another", "alright", "right", "sorry", "please", "quick",
    # A list's numbers: "1) will I be awake".
    "1", "2", "3", "4", "5",
})


# Cues that what follows is the question ("i want to know if ...").
ASK_CUE = _Lazy("ASK_CUE",
    r"\b(?:i\s*(?:would|'d|d)?\s*(?:want|wanted|like|love|need|needed)\s+to\s+(?:know|find\s+out|understand|ask)"
    # "no one has told us if ...": what nobody has said is what is asked.
    r"|(?:no\s*one|nobody)\s+(?:has\s+|have\s+)?(?:told|explained(?:\s+to)?)\s+(?:me|us|him|her)"
    # "her paperwork doesn't say whether she'll be kept overnight": what is left unsaid.
    r"|(?:does|do|did)(?:\s*n[o']?t|\s+not)\s+(?:say|mention|tell\s+(?:me|us)|explain)\s+(?=whether|if\b)"
    # "... and need to know if", with the "i" said before.
    r"|(?:and|but|so)\s+need\s+to\s+(?:know|find\s+out)"
    # Someone the asker writes for: "he wants to know", "she's asked me to find out",
    # "my son wants me to ask".
    # A front-desk note of what someone asks: "daughter asking whether mom has to stop".
    r"|(?:asking|asks)\s+(?=whether|if\b)"
    r"|(?:wants|needs|would\s+like|asked|has\s+asked)(?:\s+(?:me|us))?\s+to\s+"
    r"(?:know|find\s+out|understand|ask(?:\s+you)?|check)(?:\s+(?:specifically|exactly))?"
    r"|i\s*(?:am|'m|m)?\s*(?:just\s+)?(?:wondering|curious|trying\s+to\s+(?:figure\s+out|understand|find\s+out))"
    r"|(?:^|\s)wondering"
    r"|(?:can|could|would)\s+(?:you|someone|somebody|anyone)\s+(?:please\s+)?(?:tell|explain\s+to)\s+(?:me|us)"
    r"|(?:please\s+)?tell\s+(?:me|us)"
    r"|(?:please\s+)?explain"
    r"|(?:please\s+)?advise(?:\s+(?:me|us))?"
    r"|(?:do|does)\s+(?:you|anyone|anybody)\s+know"
    r"|(?:question|worry|concern|thing\s+i\s+want\s+to\s+know)\b[^.?!,]{0,40}\bis"
    r"|i\s+(?:have|got)\s+a\s+question"
    # The formal ways: "I should be grateful to know whether ...", "I'd appreciate knowing".
    r"|i\s*(?:should|would|'d|d)\s+(?:be\s+(?:most\s+|very\s+|so\s+)?grateful|appreciate)\s+"
    r"(?:to\s+(?:know|learn|hear)|knowing|learning|if\s+you\s+(?:could|would)\s+(?:tell|let)\s+(?:me|us)(?:\s+know)?"
    r"|it\s+if\s+you\s+(?:could|would)\s+(?:tell|let)\s+(?:me|us)(?:\s+know)?)"
    r"|(?:mostly|mainly|really|just)?\s*interested\s+in(?:\s+knowing)?"
    # "my question is if ...", but not the "is" of "ask is it too late" (its question).
    r")\b[\s,:]*(?:is\s+(?!(?:it|there|that|this|she|he|they)\b))?(?:if|whether|about|that|of)?\s*"
)
# Each way ASK_CUE asks holds one of these words, and each of CLAIM_LAST's one of the
# next ('how' only in 'is it how it works', with 'is', 'was' or 'are'): text without them
# is not searched, so a plain question never compiles the two (1.7 ms of a start).
ASK_WORDS = ("know", "find", "understand", "ask", "wondering", "curious", "trying", "tell", "told",
              "explain", "question", "worry", "concern", "interested", "advise", "say", "mention",
              "grateful", "appreciate")
CHECK_WORDS_ANY = ("true", "right", "correct", "so", "accurate", "real", "myth", "dramatic",
                    "exaggerating", "wrong", "tale", "rumo", "not", "case", "realistic", "hype",
                    "truth", "fetched", "do it")


# "is it true (that) X", "is it right that X": the claim X is the question.
CLAIM_FIRST = _Lazy("CLAIM_FIRST",
    r"\b(?:is\s+it|it\s+is)\s+(?:really\s+)?(?:true|right|correct|a\s+fact|so)"
    r"\s*(?:that|what\s+they\s+say\s+that)?[\s,:]+")
# "X, is that true?", "X true?", "X, or an old wives' tale": the claim X before the check.
CLAIM_LAST = _Lazy("CLAIM_LAST",
    r"[\s,]*(?:(?:is|was|are)\s+(?:that|this|it|she|he|they)\s+"
    r"(?:really\s+|actually\s+|just\s+|about\s+)?(?:true|right|correct|so|accurate|real|a\s+real\s+thing|a\s+myth"
    r"|being\s+dramatic|exaggerating|wrong|how\s+it\s+(?:always\s+)?(?:works|goes|is\s+done)"
    r"|how\s+(?:they|you)\s+(?:normally\s+|usually\s+)?do\s+it|the\s+case|realistic"
    r"|far\s*-?\s*fetched)"
    r"|(?:or\s+)?(?:is\s+(?:that|this|it)\s+)?just\s+hype|(?:is\s+)?there\s+any\s+truth\s+in\s+(?:that|this|it)"
    r"|(?:does|do)\s+(?:that|this)\s+sound\s+right|can\s+(?:that|this)\s+be\s+(?:right|true)"
    r"|surely\s+not"
    r"|(?:is\s+)?(?:that\s+|this\s+)?(?:really\s+)?true(?:\s+for\s+\w+)?"
    r"|(?:or\s+)?(?:is\s+(?:that|this|it)\s+)?(?:just\s+)?(?:a\s+myth|an?\s+old\s+wives\s*'?\s*tale|a\s+rumou?r)"
    r"|right|correct|is\s+that\s+so|or\s+not)\b[^a-z0-9]*"
    r"(?:(?:or|and)\b.*)?$")
# What introduces a claim heard from someone: "my sister said (that)", "I read online".
HEARSAY = _Lazy("HEARSAY",
    r"^(?:.*?\b(?:said|says|say|told\s+(?:me|us|her|him|my\s+\w+)|tells\s+(?:me|us)|mentioned|claims|claimed"
    r"|insists|swears|thinks|think|heard|read|saw|seen|convinced|posted|warned|reckons|reckon"
    r"|reckoned|believes|believe|assumes|assumed|figures|suggested|suggests"
    r"|saying|claiming|stating|stated|states|wrote|writes|written"
    # "informed me, rather confidently, that ...": the manner said between, up to "that".
    r"|(?:informed|informs|assured|assures)\s+(?:me|us)(?:,?\s+(?:[\w']+\s+){0,3}?[\w']+,?(?=\s+that\b))?"
    r"|insisted|swore)"
    r"(?:\s+(?:online|somewhere"
    # Where it was heard, up to a "that": "read on web page for seniors that ...".
    r"|(?:on|in|at|from|to|by|during)\s+(?:[\w']+\s+){0,4}?[\w']+(?=\s+that\b)"
    r"|on\s+(?:a|the)\s+\w+(?:\s+\w+)?|in\s+(?:a|the)\s+\w+(?:\s+\w+)?"
    r"|on\s+facebook|on\s+the\s+internet))?)\s*(?:that\s+)?")
HEARSAY_CUE = _Lazy("HEARSAY_CUE",
    r"\b(?:said|says|say|told|tells|mentioned|claims|claimed|insists|swears|heard|read|saw|seen"
    r"|convinced|posted|warned|reckons|reckoned|thinks|believes|assumes|assumed|suggested"
    r"|saying|claiming|stating|stated|states|wrote|writes|written|informed|informs|assured|assures"
    r"|insisted|swore)\b")

# Where one sentence holds two questions: a joint, then a question opening.
# "or" joins alternatives of one question ("can it heal, or do I need it?"): no joint.
JOINT = _Lazy("JOINT", r"\s*(?:,?\s*(?:and\s+)?if\s+so,?\s+"  # "..., and if so will it ..."
                    r"|,?\s*\(?[1-9][.)]\s+"  # a list: "1) will I be awake, 2) what if ..."
                    r"|,\s*(?:and\s+|also\s+|plus\s+)?|\s+and\s+(?:also\s+)?"
                    r"|\s+also\s+|\s+plus\s+|:\s*)")


# The words these patterns are made of (beyond the question words and subjects): a typo
# of one ("tht", "riight", "thinnks", "reda") is mended before a sentence is read, or a
# misspelt check of something heard is read as no question at all.
CUE_WORDS = frozenset({
    "know", "find", "understand", "ask", "wondering", "curious", "tell", "explain",
    "question", "worry", "concern", "interested", "true", "right", "correct", "accurate",
    "real", "myth", "realistic", "hype", "truth", "surely", "said", "says", "told", "tells",
    "mentioned", "claims", "claimed", "insists", "swears", "thinks", "think", "heard", "read",
    "convinced", "posted", "warned", "reckons", "reckoned", "believes", "believe", "assumes",
    "suggested", "online", "that", "this", "they", "really", "actually", "normally",
    "usually", "works", "case", "wrong",
})

# A connector opening a second question ("Besides that, is there ...", "On top of that,
# ..."): it says a question follows, not what it asks, so it is left out of the part.
CONNECTOR = _Lazy("CONNECTOR",
    r"^(?:(?:and|oh|also|but|so|plus|ok|okay)\s+)*"
    r"(?:besides(?:\s+th(?:at|is))?|apart\s+from\s+th(?:at|is)|aside\s+from\s+th(?:at|is)"
    r"|other\s+than\s+th(?:at|is)|on\s+top\s+of\s+th(?:at|is)|in\s+addition(?:\s+to\s+th(?:at|is))?"
    r"|additionally|separately|as\s+well\s+as\s+th(?:at|is)|furthermore|moreover"
    r"|(?:one\s+more|another|the\s+other|my\s+other)\s+(?:thing|question)(?:\s+is)?"
    r"|secondly|thirdly|lastly|finally|last\s+but\s+not\s+least|while\s+i'?m\s+at\s+it"
    r"|while\s+i\s+am\s+at\s+it|by\s+the\s+way|btw)\b\s*[,:\-]*\s*", re.IGNORECASE)
