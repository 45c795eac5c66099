"""@record classes behave as the frozen dataclasses they replace: equal by their compared
fields, hashable when frozen, shown by them, refusing changes, copied with replace."""

import math
from dataclasses import dataclass
from dataclasses import field as dc_field

import pytest

from faqbot.records import FrozenRecordError, field, field_names, is_record, record, replace


@record
class Point:
    """A frozen record with a default, a factory and two fields left out of =="""

    x: int
    y: float = math.nan
    tags: dict = field(default_factory=dict)
    note: str = field(compare=False, default="")
    cache: object = field(init=False, compare=False, default=None)


@dataclass(frozen=True)
class DataPoint:
    """The same fields as a dataclass, to compare with."""

    x: int
    y: float = math.nan
    tags: dict = dc_field(default_factory=dict)
    note: str = dc_field(compare=False, repr=False, default="")
    cache: object = dc_field(init=False, compare=False, repr=False, default=None)


def test_equality_hash_and_repr_follow_the_compared_fields_as_a_dataclass_does():
    nan = math.nan
    a, b = Point(1, nan, note="one"), Point(1, nan, note="two")
    assert a == b  # the same nan object: tuples compare it equal, as dataclasses do
    assert (a == b) == (DataPoint(1, nan) == DataPoint(1, nan, note="x"))
    assert Point(1, 2.0) != Point(2, 2.0)
    assert Point(1) != DataPoint(1)
    assert repr(Point(1, 2.0)).removeprefix("Point") == repr(DataPoint(1, 2.0)).removeprefix("DataPoint")
    with pytest.raises(TypeError):
        hash(Point(1, 2.0, {}))  # a dict field: unhashable, as with a dataclass
    assert hash(Point(1, 2.0, ())) == hash(Point(1, 2.0, ()))  # type: ignore[arg-type]


def test_a_frozen_record_refuses_changes_and_factories_give_fresh_values():
    p = Point(1)
    with pytest.raises(FrozenRecordError):
        p.x = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del p.x
    assert Point(1).tags is not Point(1).tags
    assert p.cache is None


def test_replace_keeps_other_fields_and_remakes_those_init_does_not_take():
    p = Point(1, 2.0, {"a": 1}, note="n")
    object.__setattr__(p, "cache", "kept?")
    q = replace(p, x=5)
    assert (q.x, q.y, q.tags, q.note, q.cache) == (5, 2.0, {"a": 1}, "n", None)
    assert field_names(q) == ("x", "y", "tags", "note", "cache")
    assert field_names(Point, compared=True) == ("x", "y", "tags")
    assert is_record(q)
    assert not is_record(DataPoint(1))


def test_a_mutable_record_takes_assignments_and_is_not_hashable():
    @record(frozen=False)
    class Box:
        """A mutable record."""

        items: list = field(default_factory=list)

    box = Box()
    box.items = [1]
    assert box == Box([1])
    with pytest.raises(TypeError):
        hash(box)


def test_init_takes_and_refuses_arguments_as_the_dataclass_init_does():
    import inspect

    assert list(inspect.signature(Point).parameters) == list(inspect.signature(DataPoint).parameters)
    assert vars(Point(y=2.0, x=1)) == {"x": 1, "y": 2.0, "tags": {}, "note": "", "cache": None}
    assert Point.__init__.__qualname__ == "Point.__init__"
    for call in (lambda: Point(), lambda: Point(1, z=2), lambda: Point(1, 2.0, {}, "n", None),
                 lambda: Point(1, x=1)):
        with pytest.raises(TypeError) as ours:
            call()
        assert "Point.__init__()" in str(ours.value)


def test_fields_keep_their_order_and_bad_field_lists_are_refused():
    @record
    class Middle:
        """A field __init__ does not take between two it does."""

        a: int
        made: list = field(init=False, default_factory=list)
        b: int = 0

    assert list(vars(Middle(1, 2))) == ["a", "made", "b"]
    assert Middle(1).made is not Middle(1).made
    with pytest.raises(TypeError):
        @record
        class Unordered:
            """A field without a default after one with a default."""

            a: int = 0
            b: int
    with pytest.raises(TypeError):
        @record
        class Unset:
            """A field __init__ does not take, with nothing to set it from."""

            a: int = field(init=False)
