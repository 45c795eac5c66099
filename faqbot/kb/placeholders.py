"""Answer placeholders ({clinic}, {contact}, ...): checking a template and filling it from
the clinic profile."""

from __future__ import annotations

import string

from .model import PLACEHOLDERS, Clinic


def fill(template: str, clinic: Clinic) -> str:
    """Fill {placeholders} from the clinic profile (already validated)."""
    return template.format_map(clinic.placeholders())


def placeholder_problem(template: str) -> str | None:
    """Why `template` cannot be filled, or None when it can."""
    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion
                  in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        return f"broken {{placeholder}}: {exc} (write {{{{ and }}}} for literal braces)"
    for name, spec, conversion in fields:
        # A format spec such as {contact:>300000000} would let one answer fill memory.
        if spec or conversion:
            written = "{" + name + (f"!{conversion}" if conversion else "")
            written += (f":{spec}" if spec else "") + "}"
            return f"placeholder {written} has a format; write it plain, as {{{name}}}"
    names = [name for name, _, _ in fields]
    unknown = [n for n in names if n not in PLACEHOLDERS]
    if unknown:
        known = ", ".join("{" + p + "}" for p in sorted(PLACEHOLDERS))
        return f"unknown placeholder {{{unknown[0]}}} (known: {known})"
    return None
