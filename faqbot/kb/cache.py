"""A cache of prepared knowledge bases, so start-up skips parsing and indexing.

The key covers every knowledge-base file's bytes and path, the folder it was loaded
from, and the faqbot code itself, so an edit to either is picked up at once. The cache
lives in the user's own cache folder (created private); anything wrong with it (missing,
unreadable, from another version) just means a normal load. FAQBOT_NO_CACHE=1 turns it
off; FAQBOT_CACHE_DIR moves it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import KnowledgeBase

PACKAGE = Path(__file__).resolve().parents[1]
# Old entries beyond this many are removed when a new one is written.
KEEP_ENTRIES = 16


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


def key(label: str, contents: dict[Path, bytes]) -> str:
    """A name that changes whenever the files, their place or the code changes."""
    digest = hashlib.sha256(sys.version.encode())
    for source in sorted(PACKAGE.rglob("*")):
        if source.suffix in (".py", ".txt"):
            stat = source.stat()
            digest.update(f"{source.name}:{stat.st_mtime_ns}:{stat.st_size};".encode())
    digest.update(label.encode())
    for path, data in sorted(contents.items()):
        digest.update(f"\0{path}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:32]


def read(folder: Path | None, name: str) -> KnowledgeBase | None:
    """The cached knowledge base, or None if there is none usable."""
    if folder is None:
        return None
    try:
        with (folder / f"{name}.pickle").open("rb") as f:
            return pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
            TypeError, ValueError):
        return None


def write(folder: Path | None, name: str, kb: KnowledgeBase) -> None:
    """Store `kb` for the next start; failing to is never an error."""
    if folder is None:
        return
    import tempfile  # only when writing: start-up from the cache never needs it

    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".tmp", delete=False) as f:
            pickle.dump(kb, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(f.name, folder / f"{name}.pickle")
        entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime)
        for old in entries[:-KEEP_ENTRIES]:
            old.unlink(missing_ok=True)
    except OSError:
        return
