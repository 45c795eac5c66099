"""A data-only cache of prepared knowledge bases, so start-up skips YAML and indexing.

Why a cache at all: a cold start parses 150 KB of YAML, validates it and indexes ~1,700
phrasings (about 40 ms on the shipped knowledge base, more than the interpreter and its
libraries take to start), while `ask --json` must stay within 1.3x of importing rapidfuzz
and PyYAML. Reading the prepared tables back costs a few milliseconds and PyYAML is then
never imported.

Why it is safe:
- data only: JSON text plus flat arrays (array.tobytes, base64); nothing read can run code
  or name a class outside the fixed list in `_CLASSES`;
- each file starts with a hash of the rest (BLAKE2b), checked before anything is decoded;
  any unreadable, truncated, altered or foreign file just means a normal load;
- the key covers the knowledge base's bytes and paths, the faqbot code (file names, sizes,
  times), the Python version and the format, so an edit anywhere is seen at once;
- the folder ($FAQBOT_CACHE_DIR, else $XDG_CACHE_HOME/faqbot or ~/.cache/faqbot) is created
  with mode 700; one not owned by the user, or writable by others, is refused (one line on
  stderr per process) and the bot carries on without a cache;
- files are kept in its own subfolder and only files of its own name pattern are ever
  replaced or removed there.

FAQBOT_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import binascii
import contextlib
import json
import os
import re
import stat
import sys
from array import array
from collections.abc import Callable, Iterator, Mapping
from itertools import accumulate, repeat
from pathlib import Path
from typing import Any

try:  # hashlib's BLAKE2b without loading OpenSSL (2 ms of start-up)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

from .. import records
from . import model

FORMAT = "faqbot-cache 1"
SUBFOLDER = "prepared-v1"
# Only names of this pattern are ever written, replaced or removed in SUBFOLDER (compiled
# on the first write: a warm start only reads, and compiling cost 0.13 ms of it).
_OWN_NAME = r"^(kb|index|thresholds)-[0-9a-f]{40}\.json$"
# Files kept per kind; older ones (by time) are removed when a new one is written.
KEEP_ENTRIES = 8
PACKAGE = Path(__file__).resolve().parents[1]
_CLASSES: dict[str, type] = {cls.__name__: cls for cls in (
    model.Origin, model.Entry, model.Smalltalk, model.Clinic, model.SafetyTier,
    model.Sign, model.SafetyConcept, model.Safety, model.KnowledgeBase)}
_warned: set[str] = set()


class Store:
    """The cache files of one knowledge base (one key) in one folder."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.key = key

    def read(self, kind: str) -> Any | None:
        """The data stored as `kind` ("kb", "index" or "thresholds"), or None when there is
        none usable."""
        sub = _usable_folder(self.folder, create=False)
        if sub is None:
            return None
        try:
            with open(sub / f"{kind}-{self.key}.json", "rb") as f:
                if not _owned(os.fstat(f.fileno())):
                    return None
                raw = f.read()
        except OSError:
            return None
        return unseal(raw)

    def write(self, kind: str, data: Any) -> None:
        """Store `data` (JSON types, arrays) as `kind`; failing to is never an error."""
        sub = _usable_folder(self.folder, create=True)
        if sub is None:
            return
        try:
            sealed = seal(data)
        except (TypeError, ValueError, OverflowError):
            return  # something that is not plain data: better no cache than a wrong one
        name = f"{kind}-{self.key}.json"
        temporary = sub / f"{name}.{os.getpid()}.tmp"
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as f:
                f.write(sealed)
            os.replace(temporary, sub / name)
            _prune(sub, kind)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)


def default_dir() -> Path | None:
    """Where the cache lives, or None when it is turned off."""
    if os.environ.get("FAQBOT_NO_CACHE"):
        return None
    if os.environ.get("FAQBOT_CACHE_DIR"):
        return Path(os.environ["FAQBOT_CACHE_DIR"])
    home = os.path.expanduser("~")
    if not os.environ.get("XDG_CACHE_HOME") and home == "~":
        return None  # no home folder to keep a cache in: never write one in the work tree
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(home, ".cache")
    return Path(base) / "faqbot"


def store_for(folder: Path | None, label: str, contents: Mapping[Path, bytes]) -> Store | None:
    """The cache of the knowledge base made of `contents`, or None when caching is off."""
    if folder is None:
        return None
    digest = blake2b(f"{FORMAT}\0{sys.version}\0{sys.byteorder}\0{label}".encode(),
                     digest_size=20)
    for source in _code_files():
        digest.update(source.encode())
    for path, data in sorted(contents.items()):
        digest.update(f"\0{path}\0{len(data)}\0".encode())
        digest.update(data)
    return Store(folder, digest.hexdigest())


def _code_files() -> list[str]:
    """The faqbot code, as names with sizes and times: a change anywhere is a new key."""
    found: list[str] = []
    for top, folders, files in os.walk(PACKAGE):
        folders[:] = sorted(f for f in folders if not f.startswith((".", "__")))
        for name in sorted(files):
            if name.endswith((".py", ".txt")):
                info = os.stat(os.path.join(top, name))
                found.append(f"{top[len(str(PACKAGE)):]}/{name}:{info.st_size}:{info.st_mtime_ns};")
    return found


def _owned(info: os.stat_result) -> bool:
    """Ours and not writable by anyone else."""
    return _owned_by_me(info) and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _usable_folder(folder: Path, *, create: bool) -> Path | None:
    """The cache's own subfolder, made private if new; None (with one warning) when the
    folder is someone else's or open to others."""
    for place in (folder, folder / SUBFOLDER):
        try:
            info = os.stat(place)
        except FileNotFoundError:
            if not create:
                return None
            try:
                os.makedirs(place, mode=0o700)
                info = os.stat(place)
            except OSError:
                return None
        except OSError:
            return None
        if not stat.S_ISDIR(info.st_mode):
            return None
        if not _owned(info):
            _warn(place, "not owned by you" if not _owned_by_me(info) else "writable by others")
            return None
    return folder / SUBFOLDER


def _owned_by_me(info: os.stat_result) -> bool:
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


def _warn(place: Path, why: str) -> None:
    # The one place the core speaks: a refused cache folder is the user's to fix, and the
    # answer is the same without it, so it is said once and the program goes on.
    if str(place) not in _warned:
        _warned.add(str(place))
        print(f"warning: not using the cache folder {place}: {why} (set FAQBOT_CACHE_DIR "
              "to a private folder, or FAQBOT_NO_CACHE=1)", file=sys.stderr)


def _prune(sub: Path, kind: str) -> None:
    mine = []
    for entry in os.scandir(sub):
        if re.match(_OWN_NAME, entry.name) and entry.name.startswith(f"{kind}-"):
            try:
                mine.append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.path))
            except OSError:
                continue
    for _, path in sorted(mine)[:-KEEP_ENTRIES]:
        with contextlib.suppress(OSError):
            os.unlink(path)


def seal(data: Any) -> bytes:
    """`data` as a cache file: the format line with the body's hash, then the body."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"),
                      default=_encode_array).encode("utf-8")
    return f"{FORMAT} {blake2b(body).hexdigest()}\n".encode() + body


def unseal(raw: bytes) -> Any | None:
    """The data in a cache file, or None unless its hash matches and it decodes.

    Tagged objects (the model's records, tuples, maps, sets, paths, arrays) are made as
    the JSON is read, innermost first (json's object_hook), so decoding costs one call per
    object rather than a walk over the whole tree (9.6 -> ~3 ms on the shipped base)."""
    head, _, body = raw.partition(b"\n")
    expected = f"{FORMAT} ".encode()
    if not head.startswith(expected) or head[len(expected):] != blake2b(body).hexdigest().encode():
        return None
    try:
        return json.loads(body, object_hook=_decode_object)
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError):
        return None


def _encode_array(value: object) -> object:
    if isinstance(value, array):
        return {"$array": value.typecode, "b64": binascii.b2a_base64(value.tobytes(), newline=False)
                .decode("ascii")}
    raise TypeError(f"not cacheable: {type(value).__name__}")


def _decode_object(item: dict[str, Any]) -> object:
    """One JSON object as what encode made it from (its contents are decoded already)."""
    if "$" in item:
        cls = _CLASSES[item.pop("$")]  # KeyError for any class not in the list
        return cls(**item)
    if len(item) == 1:
        kind, value = next(iter(item.items()))
        reader = _READERS.get(kind)
        return item if reader is None else reader(value)
    if "$array" in item:
        typecode, data = item["$array"], item["b64"]
        if typecode not in ("I", "d") or not isinstance(data, str):
            raise ValueError("bad array")
        values = array(typecode)
        values.frombytes(binascii.a2b_base64(data))
        return values
    return item


def _tuple(value: object) -> tuple:
    if not isinstance(value, list):
        raise TypeError("a tuple must be a list")
    return tuple(value)


def _map(value: object) -> model.FrozenDict:
    if not isinstance(value, list):
        raise TypeError("a map must be a list of pairs")
    return model.FrozenDict((str(k), v) for k, v in value)


def _set(value: object) -> frozenset:
    if not isinstance(value, list):
        raise TypeError("a set must be a list")
    return frozenset(value)


def _encode_terms(table: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]) -> object:
    """The safety term table (first word -> (words, group), ...) as four flat lists: the
    first words, how many terms each has, every term's words joined by a space (they hold
    none: they come from split()) and every term's group. Decoded without a Python loop
    per row (1.9 -> 1.0 ms on the shipped base, the slowest part of the file)."""
    rows = table.values()
    return {"$terms": [list(table), [len(found) for found in rows],
                       [" ".join(words) for found in rows for words, _ in found],
                       [group for found in rows for _, group in found]]}


def _terms(value: object) -> _StoredTerms:
    if not isinstance(value, list) or len(value) != 4:
        raise TypeError("a term table must be four lists")
    firsts, counts, words, groups = value
    if not all(isinstance(part, list) for part in value):
        raise TypeError("a term table must be four lists")
    # Everything a look-up will read is checked now, at C speed: strings, whole counts
    # adding up (TypeError or ValueError: not used).
    "".join(firsts)
    "".join(words)
    "".join(groups)
    if not set(map(type, counts)) <= {int} or (counts and min(counts) < 1) \
            or sum(counts) != len(words) or len(groups) != len(words):
        raise ValueError("bad term counts")
    ends = list(accumulate(counts))
    spans = zip([0, *ends[:-1]] if ends else [], ends, strict=True)
    return _StoredTerms(dict(zip(firsts, spans, strict=True)), words, groups)


class _StoredTerms(Mapping):
    """The safety term table read from the cache, equal to the one the loader builds
    (first word -> ((words, group), ...)): each first word's terms are made on its first
    look-up. Making all ~3,000 at every start cost 1.2 ms; a message looks up a few words,
    and the red-flag reader keeps what it looked up."""

    def __init__(self, spans: dict[str, tuple[int, int]], words: list[str],
                 groups: list[str]) -> None:
        self._spans, self._words, self._groups = spans, words, groups
        self._made: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {}

    def __getitem__(self, first: str) -> tuple[tuple[tuple[str, ...], str], ...]:
        made = self._made.get(first)
        if made is None:
            start, end = self._spans[first]  # KeyError: no term starts with it
            made = self._made[first] = tuple(zip(
                map(tuple, map(str.split, self._words[start:end], repeat(" "))),
                self._groups[start:end], strict=True))
        return made

    def get(self, first: str, default: Any = None) -> Any:
        """The terms starting with `first`, or `default` (without raising KeyError, as
        Mapping.get would, for each word that starts no term)."""
        return self[first] if first in self._spans else default

    def __contains__(self, first: object) -> bool:
        return first in self._spans

    def __iter__(self) -> Iterator[str]:
        return iter(self._spans)

    def __len__(self) -> int:
        return len(self._spans)

    def __repr__(self) -> str:
        return repr(dict(self.items()))


_READERS: dict[str, Callable[[Any], Any]] = {
    "$tuple": _tuple, "$map": _map, "$set": _set, "$path": lambda v: Path(str(v)),
    "$terms": _terms,
}


def encode(value: object) -> object:
    """A knowledge-base value (the frozen model) as JSON data; fields not compared (the
    index, thresholds: built on first use) are left out."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, tuple):
        return {"$tuple": [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):  # FrozenDict, or a default's empty dict
        return {"$map": [[k, encode(v)] for k, v in value.items()]}
    if isinstance(value, frozenset):
        return {"$set": sorted(encode(v) for v in value)}
    if isinstance(value, Path):
        return {"$path": str(value)}
    if records.is_record(value) and _CLASSES.get(type(value).__name__) is type(value):
        return {"$": type(value).__name__, **{
            name: (_encode_terms(value.terms) if name == "terms" and isinstance(value, model.Safety)
                   else encode(getattr(value, name)))
            for name in records.field_names(value, compared=True)}}
    raise TypeError(f"not cacheable: {type(value).__name__}")
