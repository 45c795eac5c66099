"""The package's shape: rooms import only downwards, and no module outgrows 400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "faqbot"
# What each room may import of faqbot (besides itself): dependencies only point down.
ALLOWED = {
    "kb": {"errors", "records"},
    "understand": {"kb", "errors", "records"},
    "chat": {"understand", "kb", "errors", "records", "console", "outputs"},
    "staff": {"understand", "kb", "errors", "records", "console", "outputs"},
}
MODULES = sorted(PACKAGE.rglob("*.py"))


def _imported_rooms(path: Path) -> set[str]:
    """The top-level faqbot modules or rooms that `path` imports, relative imports resolved."""
    package = path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = [*base, *(node.module.split(".") if node.module else [])]
            else:
                target = (node.module or "").split(".")
            if target[0] != "faqbot":
                continue
            names = target[1:] or [alias.name for alias in node.names]
            found.update(names[:1] if target[1:] else names)
    return found


def test_the_package_has_modules():
    assert len(MODULES) > 20


@pytest.mark.parametrize("room", sorted(ALLOWED))
def test_rooms_import_only_downwards(room: str) -> None:
    for path in sorted((PACKAGE / room).glob("*.py")):
        wrong = _imported_rooms(path) - ALLOWED[room] - {room}
        assert not wrong, f"{path.relative_to(PACKAGE)} imports {sorted(wrong)}"


def test_ground_modules_import_nothing_above() -> None:
    for name in ("errors", "records"):
        assert _imported_rooms(PACKAGE / f"{name}.py") <= {"errors", "records"}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_over_400_lines(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400
