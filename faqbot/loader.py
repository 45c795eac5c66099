"""Load a knowledge base: YAML files -> one frozen KnowledgeBase with its index.

A copy prepared before from the same bytes comes from the cache (faqbot/cache.py);
otherwise faqbot/validate.py reads and checks every file and faqbot/index.py prepares
the matcher's tables.
"""

from __future__ import annotations

from pathlib import Path

from . import cache
from .errors import KnowledgeBaseError
from .index import build_index
from .model import KnowledgeBase

DEFAULT_KB = Path(__file__).resolve().parent.parent / "knowledge"
_DEFAULT_CACHE = object()


def load(path: str | Path | None = None, *, cache_dir: Path | None | object = _DEFAULT_CACHE
         ) -> KnowledgeBase:
    """Load the knowledge base at `path` (a YAML file or a folder of them).

    A knowledge base loaded before from the same bytes comes from the cache
    (faqbot/cache.py); `cache_dir=None` always reads the files.
    """
    root = Path(path) if path is not None else DEFAULT_KB
    folder = cache.default_dir() if cache_dir is _DEFAULT_CACHE else cache_dir
    problems: list[str] = []
    contents: dict[Path, bytes] = {}
    for file in _yaml_files(root):
        try:
            contents[file] = file.read_bytes()
        except OSError as exc:
            problems.append(f"{display_path(file)}: cannot read file ({exc.strerror})")
    name = cache.key(display_path(root), contents)
    if not problems:
        cached = cache.read(folder, name)
        if cached is not None:
            return cached
    from .validate import parse  # PyYAML and the checks: only when there is no cached copy

    kb = parse(contents, root, problems)
    object.__setattr__(kb, "index", build_index(kb))
    cache.write(folder, name, kb)
    return kb


def display_path(path: Path) -> str:
    """The path as staff would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _yaml_files(root: Path) -> list[Path]:
    shown = display_path(root)
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise KnowledgeBaseError(f"{shown}: no such file or folder")
    files = sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    if not files:
        raise KnowledgeBaseError(f"{shown}: no .yaml files found (the knowledge base is empty)")
    return files


