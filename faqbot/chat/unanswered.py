"""The opt-in log of questions the bot could not answer, for staff to review."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..understand.matcher import MatchResult

LOGGED_CANDIDATES = 3


@dataclass(frozen=True)
class UnansweredLog:
    """Appends one JSON line per fallback or clarify; the file is readable by its owner only."""

    path: Path

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
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.fchmod(fd, 0o600)
            os.write(fd, (json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8"))
        finally:
            os.close(fd)
