"""Records: the part of @dataclass the model and the matcher's results use, made cheaply.

`@dataclass` generates each class's methods from source text and imports `inspect`: on a
warm `ask` that was ~9 ms of imports and ~0.7 ms a class for ~20 classes, a quarter of
the start. A `@record` class gets an `__init__` made from one template's code, nothing
compiled (fields in annotation order, defaults as written, `field(...)` for factories
and fields left out of comparisons) and
shares `__eq__`, `__hash__`, `__repr__` and, when frozen, the refusal to change. `replace`
and `field_names` stand in for `dataclasses.replace` and `dataclasses.fields`.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from types import FunctionType
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
        params: list[str] = []
        defaults: list[object] = []
        factories: list[tuple[str, Callable[[], object]]] = []
        later: list[tuple[str, object, Callable[[], object] | None]] = []
        compared = []
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
            if not spec.init:
                if spec.factory is None and spec.default is _MISSING:
                    raise TypeError(f"{cls.__qualname__}.{name}: a field __init__ does not "
                                    "take needs a default or a default_factory")
                later.append((name, spec.default, spec.factory))
                continue
            params.append(name)
            if spec.factory is not None:
                factories.append((name, spec.factory))
                defaults.append(_MISSING)
            elif spec.default is not _MISSING:
                defaults.append(spec.default)
            elif defaults:
                raise TypeError(f"{cls.__qualname__}: field {name!r} without a default "
                                "follows one with a default")
        ordered = names if later and names[:len(params)] != params else None
        cls.__init__ = _init(cls, params, defaults, factories, later, ordered)  # type: ignore[misc]
        cls._fields = tuple(names)  # type: ignore[attr-defined]
        cls._init_fields = tuple(params)  # type: ignore[attr-defined]
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


def _template(self: object) -> None:
    # Every record's __init__ is this code with the class's fields as its parameters:
    # it only hands its arguments, by name, to the class's _fill.
    _fill(self, locals())  # noqa: F821 - _fill is in each __init__'s own globals


def _plain_template(self: object) -> None:
    # The same for a class whose fields are all its parameters, none made by a factory
    # (most records): the arguments go straight into __dict__, one call fewer (Signals
    # 0.58 -> 0.42 us; the matcher makes ~60 records a long message).
    self.__dict__.update(locals())
    del self.__dict__["self"]


def _init(cls: type, params: list[str], defaults: list[object],
          factories: list[tuple[str, Callable[[], object]]],
          later: list[tuple[str, object, Callable[[], object] | None]],
          ordered: list[str] | None) -> Callable[..., None]:
    """`__init__(self, <params>)` that stores every field in the instance's __dict__ in
    annotation order: factories called for arguments not given, fields __init__ does not
    take set from their default or factory. Made from _template's code with new parameter
    names (CodeType.replace), not compiled from text: compiling cost ~80 us a class, 1.6 ms
    of a start; the arguments are bound, and wrong calls refused, by Python itself."""

    def fill(self: object, values: dict[str, object]) -> None:
        del values["self"]
        for name, factory in factories:
            if values[name] is _MISSING:
                values[name] = factory()
        for name, default, factory in later:
            values[name] = default if factory is None else factory()
        self.__dict__.update(values if ordered is None else {n: values[n] for n in ordered})

    plain = not factories and not later and ordered is None
    code = (_plain_template if plain else _template).__code__.replace(
        co_argcount=len(params) + 1, co_nlocals=len(params) + 1, co_varnames=("self", *params),
        co_name="__init__", co_qualname=f"{cls.__qualname__}.__init__")
    init = FunctionType(code, {"_fill": fill, "locals": locals}, "__init__", tuple(defaults))
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    return init


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
