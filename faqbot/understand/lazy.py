"""Regular expressions compiled on their first use, for modules with many of them."""

from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    """A pattern compiled on its first use, which then takes its own place in the module
    that defined it (`namespace`, that module's globals()), so later uses cost nothing
    extra. Compiling all of the question finder's patterns at import was ~3 ms of every
    start, most of them unused by a plain question.

    A module that imported the name before that first use still holds this object: each
    attribute it asks for (`search`, `match`...) is kept on the object, so it too pays
    only once (re.compile's own cache cost ~2 us a use, ten uses a long message)."""

    def __init__(self, namespace: dict[str, Any], name: str, pattern: str, flags: int = 0) -> None:
        self._namespace, self._name, self._args = namespace, name, (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, attribute: str) -> Any:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(*self._args)
            self._namespace[self._name] = compiled
        value = getattr(compiled, attribute)
        self.__dict__[attribute] = value
        return value
