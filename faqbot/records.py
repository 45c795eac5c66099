"""Records: the part of @dataclass the model and the matcher's results use, made cheaply.

`@dataclass` generates each class's methods from source text and imports `inspect`: on a
warm `ask` that was ~9 ms of imports and ~0.7 ms a class for ~20 classes, a quarter of
the start. A `@record` class gets one generated `__init__` (fields in annotation order,
defaults as written, `field(...)` for factories and fields left out of comparisons) and
shares `__eq__`, `__hash__`, `__repr__` and, when frozen, the refusal to change. `replace`
and `field_names` stand in for `dataclasses.replace` and `dataclasses.fields`.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T")
_MISSING = object()


class FrozenRecordError(AttributeError):
    """A field of a frozen record was assigned or deleted."""


class Field:
    """A field's options: a default or a default factory; whether __init__ takes it and
    whether it takes part in ==, hash and repr."""

    __slots__ = ("compare", "default", "factory", "init")

    def __init__(self, default: object, factory: Callable[[], object] | None,
                 init: bool, compare: bool) -> None:
        self.default, self.factory, self.init, self.compare = default, factory, init, compare


def field(*, default: object = _MISSING, default_factory: Callable[[], object] | None = None,
          init: bool = True, compare: bool = True) -> Any:
    """Options for one field of a @record class (as dataclasses.field; `compare=False`
    also leaves it out of repr)."""
    return Field(default, default_factory, init, compare)


def _frozen_setattr(self: object, name: str, _value: object) -> None:
    raise FrozenRecordError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: object, name: str) -> None:
    raise FrozenRecordError(f"cannot delete field {name!r}")


def _eq(self: Any, other: object) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return self._key(self) == self._key(other)  # tuples: a field `is` itself is equal (nan)


def _hash(self: Any) -> int:
    return hash(self._key(self))


def _key_of(names: tuple[str, ...]) -> Callable[[object], tuple]:
    if len(names) > 1:
        return attrgetter(*names)
    return lambda obj: tuple(getattr(obj, n) for n in names)


def _repr(self: Any) -> str:
    shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._compared)
    return f"{self.__class__.__qualname__}({shown})"


def record(cls: type[T] | None = None, *, frozen: bool = True, eq: bool = True,
           repr: bool = True) -> Any:  # noqa: A002 - the name dataclass uses
    """Make `cls` a record: `@record` (frozen, compared by value) or `@record(...)`."""

    def make(cls: type[T]) -> type[T]:
        names = list(cls.__dict__.get("__annotations__", {}))
        params, body, namespace = [], [], {"_set": object.__setattr__}
        compared, init_names = [], []
        for name in names:
            value = cls.__dict__.get(name, _MISSING)
            spec = value if isinstance(value, Field) else Field(value, None, True, True)
            if isinstance(value, Field):
                if spec.default is _MISSING:
                    delattr(cls, name)
                else:
                    setattr(cls, name, spec.default)
            if spec.compare:
                compared.append(name)
            if spec.init:
                init_names.append(name)
            if spec.factory is not None:
                namespace[f"_f_{name}"] = spec.factory
                made = f"_f_{name}()"
                if spec.init:
                    params.append(f"{name}=_MISSING")
                    made = f"_f_{name}() if {name} is _MISSING else {name}"
                    namespace["_MISSING"] = _MISSING
            elif spec.default is not _MISSING:
                namespace[f"_d_{name}"] = spec.default
                made = name if spec.init else f"_d_{name}"
                if spec.init:
                    params.append(f"{name}=_d_{name}")
            else:
                params.append(name)
                made = name
            body.append(f"_set(self, {name!r}, {made})" if frozen else f"self.{name} = {made}")
        source = f"def __init__(self, {', '.join(params)}):\n " + ("\n ".join(body) or "pass")
        exec(source, namespace)  # noqa: S102 - text made above from the class's own names
        init = namespace["__init__"]
        init.__qualname__ = f"{cls.__qualname__}.__init__"
        cls.__init__ = init  # type: ignore[misc]
        cls._fields = tuple(names)  # type: ignore[attr-defined]
        cls._init_fields = tuple(init_names)  # type: ignore[attr-defined]
        cls._compared = tuple(compared)  # type: ignore[attr-defined]
        cls._key = staticmethod(_key_of(cls._compared))  # type: ignore[attr-defined]
        if eq:
            cls.__eq__ = _eq  # type: ignore[assignment]
            cls.__hash__ = _hash if frozen else None  # type: ignore[assignment]
        if repr:
            cls.__repr__ = _repr  # type: ignore[assignment]
        if frozen:
            cls.__setattr__ = _frozen_setattr  # type: ignore[assignment]
            cls.__delattr__ = _frozen_delattr  # type: ignore[assignment]
        return cls

    return make if cls is None else make(cls)


def replace(obj: T, /, **changes: Any) -> T:
    """A copy of record `obj` with some fields changed (as dataclasses.replace: fields
    __init__ does not take are made afresh, not copied)."""
    for name in obj._init_fields:  # type: ignore[attr-defined]
        if name not in changes:
            changes[name] = getattr(obj, name)
    return obj.__class__(**changes)


def field_names(obj: object, *, compared: bool = False) -> tuple[str, ...]:
    """A record's (or record class's) field names in order; `compared`: only those that
    take part in == (what a copy must keep to be equal)."""
    return obj._compared if compared else obj._fields  # type: ignore[attr-defined]


def is_record(obj: object) -> bool:
    """Whether `obj` is an instance of a @record class."""
    return hasattr(type(obj), "_init_fields")
