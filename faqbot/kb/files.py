"""Finding a knowledge base's files and naming paths as staff would type them."""

from __future__ import annotations

from pathlib import Path

from ..errors import KnowledgeBaseError


def display_path(path: Path) -> str:
    """The path as staff would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def yaml_files(root: Path) -> list[Path]:
    """The knowledge base's YAML files: `root` itself, or every .yaml/.yml under it, sorted."""
    shown = display_path(root)
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise KnowledgeBaseError(f"{shown}: no such file or folder")
    files = sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    if not files:
        raise KnowledgeBaseError(f"{shown}: no .yaml files found (the knowledge base is empty)")
    return files
