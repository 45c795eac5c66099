"""The opt-in log of questions the bot could not answer, for staff to review."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

from ..outputs import check_appendable, open_for_append
from ..records import record
from ..understand.matcher import MatchResult

LOGGED_CANDIDATES = 3


@record
class UnansweredLog:
    """Appends one JSON line per fallback or clarify; a file it creates is readable by
    its owner only, and an existing file keeps its mode."""

    path: Path

    WHAT = "unanswered-questions log"

    @classmethod
    def checked(cls, path: Path) -> UnansweredLog:
        """The log at `path`, refused now (UsageError) if it could not be written later."""
        check_appendable(path, cls.WHAT)
        return cls(path)

    def record(self, result: MatchResult) -> None:
        """Write the time, the text, the decision and the top candidates: nothing else."""
        row = {
            "time": datetime.now(UTC).isoformat(timespec="seconds"),
            "text": result.text,
            "kind": result.kind.value,
            "candidates": [
                {"id": c.entry.id, "score": c.score} for c in result.candidates[:LOGGED_CANDIDATES]
            ],
        }
        # Opened for each line, so a log moved away by staff is started again, not lost.
        fd = open_for_append(self.path, self.WHAT)
        try:
            os.write(fd, (json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8"))
        finally:
            os.close(fd)
