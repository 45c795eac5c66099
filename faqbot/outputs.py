"""Files faqbot writes for staff (the unanswered log, draft cases, reports): checked
before any work starts, created readable by their owner only, and never re-moded.

A file faqbot creates gets mode 600 at creation (O_CREAT with 0o600, so no window in
which it is readable by others). An existing file keeps the mode its owner gave it:
faqbot never calls chmod, so a symlink can never make it change another file's mode.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from .errors import UsageError
from .kb.files import display_path

PRIVATE = 0o600


def _why(exc: OSError | int, path: Path) -> str:
    """The reason (an OSError or its errno) in words staff can act on."""
    code = exc if isinstance(exc, int) else exc.errno
    if code == errno.ENOENT:
        return f"the folder {display_path(path.parent)} does not exist; create it first"
    if code == errno.EISDIR:
        return "it is a folder; give a file name"
    if code == errno.ENOTDIR:
        return "part of the path is a file, not a folder"
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied; choose a folder you can write to"
    return os.strerror(code) if isinstance(exc, int) else exc.strerror or str(exc)


def _refuse(path: Path, what: str, reason: str) -> UsageError:
    return UsageError(f"{display_path(path)}: cannot write the {what}: {reason}")


def open_for_append(path: Path, what: str) -> int:
    """Open `path` to append to it, creating it (mode 600) if missing: a descriptor, or
    a UsageError naming the problem. Used once before the chat, and for every line."""
    try:
        return os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC,
                       PRIVATE)
    except FileExistsError:
        pass  # someone's existing file (or a link to one): append, and leave its mode alone
    except OSError as exc:
        raise _refuse(path, what, _why(exc, path)) from None
    try:
        return os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.ENOENT:  # a link pointing nowhere
            raise _refuse(path, what, "it is a link to a file that does not exist") from None
        raise _refuse(path, what, _why(exc, path)) from None


def check_appendable(path: Path, what: str) -> None:
    """Refuse now, before any work, a path `open_for_append` could not open later."""
    os.close(open_for_append(path, what))


def check_new_file(path: Path, what: str) -> None:
    """Refuse now a path `create_private` would refuse later: one that exists, or whose
    folder is missing or cannot be written to. Nothing is created."""
    if os.path.lexists(path):
        kind = "a folder" if path.is_dir() else "a file that already exists"
        raise _refuse(path, what, f"it is {kind}; choose another name, or remove it first")
    folder = path.parent
    if not folder.is_dir():
        raise _refuse(path, what, _why(errno.ENOTDIR if folder.exists() else errno.ENOENT, path))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _refuse(path, what, _why(errno.EACCES, path))


def check_replaceable(path: Path, what: str) -> None:
    """Refuse now a report path that could not be written later (a folder, a missing
    or unwritable folder, a file that cannot be written)."""
    if path.is_dir():
        raise _refuse(path, what, _why(errno.EISDIR, path))
    if path.exists():
        if not os.access(path, os.W_OK):
            raise _refuse(path, what, _why(errno.EACCES, path))
        return
    check_new_file(path, what)


def create_private(path: Path, text: str, what: str) -> None:
    """Create `path` (mode 600) holding `text`; an existing path is refused, never replaced."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, PRIVATE)
    except FileExistsError:
        raise _refuse(path, what, "it already exists; choose another name, or remove it first "
                                  "(it may hold cases already filled in)") from None
    except OSError as exc:
        raise _refuse(path, what, _why(exc, path)) from None
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
