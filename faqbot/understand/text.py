"""Text normalisation shared by the index, the matcher and the safety check.

Pure functions: case, accents, punctuation and contractions are folded away so that
"Won't I feel it?" and "wont i feel it" become the same words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

# Patients' messages longer than this are cut before matching: a question never needs
# more, and it bounds the work done on a pasted megabyte.
MAX_MATCH_CHARS = 2000

CONTRACTIONS = {
    "can't": "can not", "cant": "can not", "cannot": "can not", "won't": "will not",
    "wont": "will not", "ain't": "is not", "aint": "is not", "im": "i am", "ive": "i have",
    "id": "i would", "ill": "i will", "dont": "do not", "doesnt": "does not",
    "didnt": "did not", "isnt": "is not", "arent": "are not", "wasnt": "was not",
    "werent": "were not", "havent": "have not", "hasnt": "has not", "hadnt": "had not",
    "couldnt": "could not", "wouldnt": "would not", "shouldnt": "should not",
    "youre": "you are", "theyre": "they are", "whats": "what is", "hows": "how is",
    "thats": "that is", "theres": "there is", "wanna": "want to", "gonna": "going to",
    "gotta": "got to", "u": "you", "ur": "your", "r": "are", "pls": "please", "plz": "please",
    "b4": "before", "cuz": "because", "thx": "thanks",
    # Typed without the apostrophe, read as "'s" and "'ve" are: "will she get back the
    # height shes lost" (not "shed", "hell", "well": words of their own).
    "shes": "she", "hes": "he", "whos": "who", "wheres": "where",
    "youve": "you have", "theyve": "they have", "weve": "we have",
    "couldve": "could have", "wouldve": "would have", "shouldve": "should have",
    # With the apostrophe only: "its" alone is the possessive. Not "she's": "she's gone
    # sweaty" is "she has".
    "it's": "it is",
}
_SUFFIXES = {"n't": " not", "'m": " am", "'re": " are", "'ve": " have", "'ll": " will",
             "'d": " would", "'s": ""}
_CONTRACTED = CONTRACTIONS.keys()
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_WORD_WITH_APOSTROPHE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

# Words that frame a question rather than say what it is about. "how long" keeps
# "long", "when can I" keeps nothing: the meaning is in the other words.
STOPWORDS = frozenset([
    "a", "an", "the", "is", "are", "am", "was", "were", "be", "been", "being", "do", "does",
    "did", "doing", "done", "i", "me", "my", "mine", "myself", "you", "your", "yours", "it",
    "its", "this", "that", "these", "those", "of", "to", "in", "on", "at", "for", "with",
    "about", "from", "by", "as", "and", "or", "so", "if", "then", "than", "there", "here",
    "whom", "can", "could", "would", "should", "will", "shall", "may", "might", "must", "have",
    "has", "had", "get", "gets", "got", "getting", "just", "really", "very", "please", "tell",
    "know", "want", "wanted", "wondering", "wonder", "like", "thing", "things", "any", "some",
    "much", "lot", "lots", "also", "ok", "okay", "hi", "hey", "hello", "thanks", "thank", "anyone", "someone",
    "one", "we", "us", "our", "they", "them", "their", "he", "she", "him", "her", "his",
    "hers", "going", "go", "s", "t", "d", "ll", "m", "re", "ve", "let", "lets", "need", "able",
    # Discourse adverbs: "what is the balloon even for", "what exactly is kyphosis".
    "even", "exactly", "actually", "honestly", "basically", "literally", "seriously",
    "anyway", "anyways", "stuff", "actual", "roughly", "approximately",
    "frankly", "truthfully", "honest",
    # ...and "in a nutshell": how briefly to say it, never what about.
    "nutshell",
    # ...and how-often adverbs, which stem to "normal", "usual": "where is it normally
    # done" is not "is it normal to be sore".
    "normally", "usually", "typically", "generally", "commonly",
    # Ranking modifiers, which say how much, not what: "the main risks" asks the risks
    # ("major" is kept: "major surgery" is what minimally-invasive answers).
    "main", "biggest", "overall", "primary",
])

_STEM_SUFFIXES = ("ations", "ingly", "ings", "ing", "edly", "ness", "ies", "ied",
                  "ed", "es", "ly", "s", "e")


# A message whose letters are mostly capitals is shouted (caps lock stuck), not a row
# of names and acronyms: it is read in lower case, as the words' case tells nothing.
SHOUTED_SHARE = 0.6
SHOUTED_MIN_LETTERS = 8


def unshouted(text: str) -> str:
    """`text` in lower case ("I" kept) when mostly capitals; otherwise `text` itself."""
    if not text[:SHOUTED_MIN_LETTERS * 4].isupper():  # (C speed: most messages stop here)
        return text
    upper = sum(map(str.isupper, text))
    if upper < SHOUTED_MIN_LETTERS or upper < SHOUTED_SHARE * sum(map(str.isalpha, text)):
        return text
    return re.sub(r"\bi\b", "I", text.lower())  # (compiled on first use, not at start-up)


@lru_cache(maxsize=1)
def _inner_capitals() -> re.Pattern[str]:
    return re.compile(r"(?<=[a-z,;:] )[A-Z][a-z]{3,}\b|\b[A-Z]{2,5}\b")


# Above this share of capitalised words, a message is written in title case, not naming.
TITLE_CASE_SHARE = 0.4


def proper_names(text: str, *, acronyms: bool = True) -> frozenset[str]:
    """Capitalised words inside a sentence and (`acronyms`) words in capitals, folded ("on
    Endone since his fall", "out past Dubbo", "is HRT safe"): names, no typos of known
    words nor words run together. None in a message written in title case or capitals."""
    if text[1:].islower():  # (C speed: every phrasing of a knowledge base is read here)
        return frozenset()
    found = _inner_capitals().findall(text[:MAX_MATCH_CHARS])
    if not found or len(found) > TITLE_CASE_SHARE * text.count(" ") or unshouted(text) != text:
        return frozenset()
    return frozenset(fold(word) for word in found if acronyms or not word.isupper())


def fold(text: str) -> str:
    """Lower-case, strip accents and control characters, unify apostrophes."""
    text = text[:MAX_MATCH_CHARS]
    if text.isascii():
        # The usual case: of the apostrophes only "`" is ASCII, and str.translate with a
        # dict walks every character (3 us a phrasing: a tenth of building an index).
        text = text.lower()
        return text.replace("`", "'") if "`" in text else text
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold().translate(_APOSTROPHES)


# ASCII text without apostrophes (nearly every phrasing): one bytes.translate lower-cases
# letters and blanks everything but letters and digits, and str.split cuts what the
# pattern would find (300,000 phrasings: 0.55 -> 0.24 s).
_ASCII_WORDS = bytes(c | 0x20 if chr(c).isalnum() and chr(c).isascii() else 0x20
                     for c in range(256))


def words(text: str) -> list[str]:
    """Folded words with contractions expanded: "Can't I?" -> ["can", "not", "i"]."""
    text = text[:MAX_MATCH_CHARS]
    if text.isascii() and "'" not in text and "`" not in text:
        found = text.encode().translate(_ASCII_WORDS).decode().split()
        if _CONTRACTED.isdisjoint(found):
            return found
    else:
        folded = fold(text)
        found = _WORD_WITH_APOSTROPHE.findall(folded)
        if "'" not in folded and _CONTRACTED.isdisjoint(found):
            return found  # the usual case, checked at C speed
    out: list[str] = []
    for word in found:
        if "'" in word or word in CONTRACTIONS:
            out.extend(_expand(word).split())
        else:
            out.append(word)
    return out


def _expand(word: str) -> str:
    if word in CONTRACTIONS:
        return CONTRACTIONS[word]
    bare = word.replace("'", "")
    if bare in CONTRACTIONS and "'" in word:
        return CONTRACTIONS[bare]
    for suffix, replacement in _SUFFIXES.items():
        if word.endswith(suffix):
            return word[: -len(suffix)] + replacement
    return bare


def stem_uncached(word: str) -> str:
    """A deliberately small suffix stripper: "fractures", "fractured" -> "fractur".

    It only has to map the forms patients use onto the same key as the knowledge
    base's wording; both sides go through it, so over-stemming is harmless.
    """
    # One C-level check first: most words end in none of the suffixes.
    if len(word) <= 3 or not word.endswith(_STEM_SUFFIXES) or not word.isalpha():
        return word
    for suffix in _STEM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith("ss"):
                return word
            if suffix in ("ies", "ied"):
                # "groceries", "worried": the "-y" word's key ("grocery", "worry").
                return stem_uncached(word[:-3] + "y")
            return word[: -len(suffix)]
    return word



# Messages repeat their words; an index build stems each distinct word once itself, with
# stem_uncached (140,000 words at 10,000 entries: 0.22 -> 0.15 s, and the cache kept for
# patients' words).
stem = lru_cache(maxsize=65536)(stem_uncached)


def phrase_starts(table: Mapping[tuple[str, ...], object]) -> dict[str, tuple[int, ...]]:
    """For replace_phrases: each phrase's first word, with the phrase lengths it starts
    (longest first)."""
    sizes: dict[str, set[int]] = {}
    for key in table:
        sizes.setdefault(key[0], set()).add(len(key))
    return {start: tuple(sorted(found, reverse=True)) for start, found in sizes.items()}


def replace_phrases(
    tokens: Sequence[str],
    table: Mapping[tuple[str, ...], tuple[str, ...]],
    starts: Mapping[str, Sequence[int]] | None = None,
) -> tuple[list[str], list[tuple[str, str]]]:
    """Replace each phrase found in `table` (longest first); return tokens and replacements.

    `starts` (from phrase_starts) lets most words skip the look-ups.
    """
    starts = phrase_starts(table) if starts is None else starts
    present = starts.keys() & tokens
    if not present:
        return list(tokens), []
    out: list[str] = []
    applied: list[tuple[str, str]] = []
    count = len(tokens)
    done = 0  # tokens before this one are already in `out`
    for i in [i for i, token in enumerate(tokens) if token in present]:
        if i < done:
            continue  # inside a phrase already replaced
        for size in starts[tokens[i]]:
            if size > count - i:
                continue
            key = tuple(tokens[i : i + size])
            target = table.get(key)
            if target is not None:
                out.extend(tokens[done:i])
                out.extend(target)
                if key != target:
                    applied.append((" ".join(key), " ".join(target)))
                done = i + size
                break
        else:
            # A phrase said with an adverb inside it: "put you fully to sleep".
            found = _with_adverb(tokens, i, table, starts[tokens[i]])
            if found is not None:
                size, target = found
                out.extend(tokens[done:i])
                out.extend(target)
                applied.append((" ".join(tokens[i:i + size]), " ".join(target)))
                done = i + size
    out.extend(tokens[done:])
    return out, applied


# Adverbs that may stand inside a phrase without changing what it names.
_INNER_ADVERBS = frozenset({"fully", "completely", "totally", "right", "all", "really", "just",
                            "properly", "straight"})


def _with_adverb(tokens: Sequence[str], i: int, table: Mapping[tuple[str, ...], tuple[str, ...]],
                 sizes: Sequence[int]) -> tuple[int, tuple[str, ...]] | None:
    """The phrase of `table` starting at `i` with one adverb inside it left out: (the
    words it spans, its replacement), or None."""
    if _INNER_ADVERBS.isdisjoint(tokens[i + 1:i + max(sizes)]):
        return None  # most words that start a phrase: no adverb where one could stand
    for size in sizes:
        window = tokens[i:i + size + 1]
        if size < 2 or len(window) <= size:
            continue
        for j in range(1, size):
            if window[j] in _INNER_ADVERBS:
                target = table.get(tuple(window[:j]) + tuple(window[j + 1:]))
                if target is not None:
                    return size + 1, target
    return None


# Letters that stand alone for a word in texting: "w" (with), "u" (you), "r" (are), "n"
# (and), "b" (be), "c" (see), "y" (why), "k" (ok); never what a question is about. ("x"
# is the x of "x ray".)
TEXTING_LETTERS = frozenset("bcknruwy")


def content(tokens: Iterable[str]) -> list[str]:
    """The stemmed words that carry meaning, in order, without repeats."""
    seen: dict[str, None] = {}
    for token in tokens:
        if token not in STOPWORDS and token not in TEXTING_LETTERS:
            seen.setdefault(stem(token), None)
    return list(seen)


# Texting shorthand the contraction table does not hold, for the red-flag check's reading.
SHORTHAND = {"n": ("and",), "cnt": ("can", "not"), "cud": ("could",), "cudnt": ("could", "not"),
              "wud": ("would",), "bc": ("because",), "w": ("with",), "hrs": ("hours",),
              "hr": ("hour",), "yrs": ("years",), "yr": ("year",), "wks": ("weeks",),
              "wk": ("week",), "mins": ("minutes",), "shes": ("she", "is"), "hes": ("he", "is"),
              # Carers' and nurses' notes: "pt SOB at rest".
              "pt": ("patient",), "sob": ("short", "of", "breath"),
              "thru": ("through",), "frm": ("from",), "tho": ("though",), "abt": ("about",),
              "nite": ("night",), "rly": ("really",), "tryna": ("trying", "to"),
              "kms": ("kill", "myself"), "outta": ("out", "of"), "kinda": ("kind", "of"),
              "wld": ("would",), "rite": ("right",),
              "ppl": ("people",), "dnt": ("do", "not"),
              # Scots and Jamaican: "cannae keep a thing down", "nae fever", "cyaan ketch mi breath".
              "cannae": ("can", "not"), "cyaan": ("can", "not"), "dinnae": ("do", "not"),
              "wasnae": ("was", "not"), "isnae": ("is", "not"), "nae": ("no",),
              "doesnae": ("does", "not"), "didnae": ("did", "not"), "couldnae": ("could", "not"),
              "wouldnae": ("would", "not"), "havnae": ("have", "not"), "hasnae": ("has", "not"),
              "gonna": ("going", "to"),
              # Scots spellings: "came tae on the flair", "wet masel", "afore the op",
              # "I dinnae want tae be here anymair", "takin aw ma tablets".
              "tae": ("to",), "ower": ("over",), "masel": ("myself",), "hersel": ("herself",),
              "himsel": ("himself",), "afore": ("before",), "noo": ("now",),
              "anymair": ("anymore",), "aw": ("all",), "jist": ("just",), "wi": ("with",),
              "awright": ("alright",),
              "ketch": ("catch",), "boakin": ("vomiting",), "boaking": ("vomiting",),
              # Voice dictation's homophones of the signs' words, never what the patient
              # meant in a message read for red flags: "her chess hurts", "can't catch my
              # breadth", "coffin up blood" (not "pea": "a spot the size of a pea").
              "chess": ("chest",), "breadth": ("breath",), "coffin": ("coughing",),
              "tung": ("tongue",), "wat": ("what",),
              # Nurses' notes: "SpO2 88% RA", "RR 28", "unable to move BLE", "x8 over 24h".
              "spo": ("oxygen",), "sats": ("oxygen",), "rr": ("breathing", "rate"),
              "resp": ("respiratory",), "ble": ("both", "legs"), "bilat": ("both",),
              "h": ("hours",), "obs": ("observations",), "pu": ("passed", "urine"),
              "bp": ("blood", "pressure"), "abx": ("antibiotics",), "abdo": ("abdomen",),
              # More Scots, and Jamaican: "awfy short o breath", "yellowy gunk comin oot",
              # "blood a run outta di place weh dem put di needle", "tek mi own life".
              "awfy": ("awfully",), "o": ("of",), "oot": ("out",), "pechin": ("panting",),
              "mingin": ("smelly",), "roon": ("round",), "aboot": ("about",), "doon": ("down",),
              "di": ("the",), "mi": ("my",), "fi": ("to",), "tek": ("take",), "weh": ("where",),
              "dem": ("they",), "wid": ("with",), "everyting": ("everything",), "dan": ("than",),
              "inna": ("in",), "jus": ("just",),
              # Trinidadian: "she cyah stand up straight", "meh foot", "de kitchen".
              "cyah": ("can", "not"), "meh": ("my",), "de": ("the",), "dis": ("this",), "dat": ("that",),
              "nuttin": ("nothing",), "tink": ("think",), "pon": ("on",), "las": ("last",), "nuh": ("not",),
              "hoast": ("cough",), "hoastin": ("coughing",), "hoasting": ("coughing",),
              # Northern English and Scots: "not kept owt down", "canny feel me legs".
              "owt": ("anything",), "nowt": ("nothing",), "summat": ("something",),
              "canny": ("can", "not")}


# Texting spellings read as the words they stand for when matching a question ("is ther
# alot of risks", "same thing or diff thing"): a stop word so spelled weighed as a rare
# word the base never uses. (The red-flag reader has SHORTHAND; a letter alone, "w" for
# "with", is no key word: TEXTING_LETTERS.)
TEXTING = {w: SHORTHAND[w] for w in ("cud", "wud", "wld", "bc", "hrs", "hr", "yrs",
                                     "yr", "wks", "wk", "mins", "shes", "hes", "thru", "frm",
                                     "tho", "abt", "nite", "rly", "kinda", "outta", "ppl",
                                     "wat", "rite", "gonna")} | {
    "alot": ("a", "lot"), "diff": ("different",), "ther": ("there",), "cuz": ("because",),
    "coz": ("because",), "bcuz": ("because",), "ur": ("your",),
    "pls": ("please",), "plz": ("please",), "thx": ("thanks",), "wanna": ("want", "to"),
    "dunno": ("do", "not", "know"), "b4": ("before",), "appt": ("appointment",),
    "appts": ("appointments",), "info": ("information",), "hosp": ("hospital",),
    "hospt": ("hospital",), "hosptial": ("hospital",),
}


# Words that say when, never what about: "afterwards" in "will I be allowed to drive myself
# home afterwards" is no telling word, nor "beforehand" a subject no entry covers.
WHEN_STEMS = frozenset(stem(w) for w in (
    "afterwards", "afterward", "beforehand", "later", "earlier", "again", "ever", "still",
    "already", "yet", "soon", "sooner", "tonight", "tomorrow", "yesterday", "today",
    "meanwhile", "eventually", "immediately", "straightaway"))


_CHECK_VERBS = frozenset({"is", "was", "are", "isnt", "wasnt", "arent"})
# How a check judges what was said: "is he right", "whether she is correct".
JUDGEMENTS = frozenset({"right", "true", "correct", "accurate", "wrong"})


def only_checks(words: list[str]) -> bool:
    """Whether a clause's words only ask whether something said is so: "is he right",
    "is that really true", "was she wrong", "is that so"."""
    return 2 <= len(words) <= 5 and words[0] in _CHECK_VERBS and (
        words[-1] in JUDGEMENTS or words[-1] == "so")
