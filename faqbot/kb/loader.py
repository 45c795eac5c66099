"""Load a knowledge base: YAML files -> one frozen KnowledgeBase.

A copy prepared before from the same bytes comes from the cache (faqbot/kb/cache.py);
otherwise faqbot/kb/validate.py reads and checks every file. The matcher's tables are
prepared by faqbot/understand/index.py on first use.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from . import cache
from .files import display_path, yaml_files
from .memory import paused_gc
from .model import KnowledgeBase

# In a checkout, the folder staff edit; an installed package carries its own copy.
CHECKOUT_KB = Path(__file__).resolve().parents[2] / "knowledge"
_DEFAULT_CACHE = object()


def load(path: str | Path | None = None, *, cache_dir: Path | None | object = _DEFAULT_CACHE
         ) -> KnowledgeBase:
    """Load the knowledge base at `path` (a YAML file or a folder of them; default:
    default_kb()).

    A knowledge base loaded before from the same bytes comes from the data-only cache
    (faqbot/kb/cache.py); `cache_dir=None` always reads the files.
    """
    root = Path(path) if path is not None else default_kb()
    folder = cache.default_dir() if cache_dir is _DEFAULT_CACHE else cache_dir
    problems: list[str] = []
    contents: dict[Path, bytes] = {}
    for file in yaml_files(root):
        try:
            contents[file] = file.read_bytes()
        except OSError as exc:
            problems.append(f"{display_path(file)}: cannot read file ({exc.strerror})")
    store = None if problems else cache.store_for(folder, display_path(root), contents)
    kb = _cached(store)
    if kb is None:
        from .validate import parse  # PyYAML and the checks: only when there is no cached copy

        with paused_gc():
            kb = parse(contents, root, problems)
        if store is not None:
            with contextlib.suppress(TypeError):  # a value the cache cannot hold: no cache
                store.write("kb", cache.encode(kb))
    object.__setattr__(kb, "cache", store)
    return kb


def _cached(store: cache.Store | None) -> KnowledgeBase | None:
    # Anything but a knowledge base (nothing, or data the encoder could not have made) means
    # a normal load.
    kb = store.read("kb") if store is not None else None
    return kb if isinstance(kb, KnowledgeBase) else None


def default_kb() -> Path:
    """The knowledge base used without --kb: $FAQBOT_KB, else the one shipped inside the
    installed package, else the checkout's knowledge/ folder."""
    if os.environ.get("FAQBOT_KB"):
        return Path(os.environ["FAQBOT_KB"])
    # What importlib.resources.files("faqbot") gives for a package on disk, without its
    # imports (tempfile, zipfile, shutil: ~5 ms of start-up).
    shipped = Path(__file__).resolve().parents[1] / "knowledge"
    if shipped.is_dir():
        return shipped
    return CHECKOUT_KB
