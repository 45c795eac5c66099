"""Regular expressions compiled on their first use, for modules with many of them."""

from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    """A pattern compiled on its first use, which then takes its own place in the module
    that defined it (`namespace`, that module's globals()), so later uses cost nothing
    extra. Compiling all of the question finder's patterns at import was ~3 ms of every
    start, most of them unused by a plain question."""

    __slots__ = ("_args", "_name", "_namespace")

    def __init__(self, namespace: dict[str, Any], name: str, pattern: str, flags: int = 0) -> None:
        self._namespace, self._name, self._args = namespace, name, (pattern, flags)

    def __getattr__(self, attribute: str) -> Any:
        compiled = re.compile(*self._args)
        self._namespace[self._name] = compiled
        return getattr(compiled, attribute)
