"""A large base is read on two cores (understand/phrasings.py, kb/forked.py): the
index must be the one a single reader makes, number for number, and anything that goes
wrong with the child must end in the single reader's result, never another one."""

from __future__ import annotations

import os
import time

import pytest

from bench.kbgen import grown_entries
from faqbot.kb.forked import Forked
from faqbot.records import replace
from faqbot.understand import phrasings
from faqbot.understand.prepare import build_index
from faqbot.understand.stored import to_data

SIZE = phrasings.TWO_CORES_MIN + 300


@pytest.fixture(scope="module")
def large(kb):
    return replace(kb, entries=grown_entries(kb, SIZE), index=None)


def _tables(tables: phrasings.Tables) -> dict[str, object]:
    return {name: getattr(tables, name) for name in (
        "stem_ids", "offsets", "owners", "texts", "joined_flats", "entry_ids", "answer_ids")}


def _reader(reader: phrasings.Reader) -> tuple[object, ...]:
    return dict(reader.numbers), list(reader.names), set(reader.vocabulary)


def test_two_cores_read_what_one_reads(large):
    one, two = phrasings.Reader(large), phrasings.Reader(large)
    alone = phrasings.read_all(large, one, two_cores=False)
    halves = phrasings.read_all(large, two)
    assert _tables(halves) == _tables(alone)
    assert two.numbers == one.numbers
    assert two.names == one.names
    assert two.vocabulary | set(two.word_numbers) == one.vocabulary | set(one.word_numbers)


def test_the_index_is_the_same_either_way(large):
    assert to_data(build_index(large)) == to_data(build_index(large, two_cores=False))


def _half_read(large):
    """The first half read by the parent, and the child's bytes for the second."""
    entries = large.entries
    half = range(len(entries) // 2, len(entries))
    reader, tables = phrasings.Reader(large), phrasings.Tables()
    phrasings._read(entries, range(half.start), reader, tables)
    return reader, tables, half, phrasings._encode(entries, half, phrasings.Reader(large))


def _damaged(data: bytes) -> list[bytes]:
    """Cut short, run on, zeroed, or random after the header: what a child killed or gone
    wrong could leave in the pipe."""
    middle = len(data) // 2
    return [b"", data[:40], data[:-1], data + b"\0", data[:middle] + bytes(len(data) - middle),
            bytes(len(data)), data[:80] + os.urandom(len(data) - 80)]


def test_damaged_bytes_from_the_child_change_nothing(large):
    reader, tables, half, data = _half_read(large)
    before_tables, before_reader = _tables(tables), _reader(reader)
    for broken in _damaged(data):
        assert not phrasings._merge(broken, large.entries, half, reader, tables)
        assert _tables(tables) == before_tables
        assert _reader(reader) == before_reader


def test_the_childs_bytes_merge_into_the_single_readers_tables(large):
    reader, tables, half, data = _half_read(large)
    assert phrasings._merge(data, large.entries, half, reader, tables)
    one = phrasings.Reader(large)
    assert _tables(tables) == _tables(phrasings.read_all(large, one, two_cores=False))
    assert reader.names == one.names


def test_a_child_returns_its_bytes():
    with Forked(lambda: b"x" * 1_000_000) as child:
        assert child.result() == b"x" * 1_000_000


def test_a_failing_child_returns_nothing():
    with Forked(lambda: bytes(1 // 0)) as child:
        assert child.result() is None


def test_leaving_early_stops_the_child():
    with Forked(lambda: time.sleep(600) or b"") as child:
        pid = child.pid
        assert pid
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)  # reaped already: no child of that number is left
    assert child.result() is None



def test_a_child_that_sends_nothing_in_time_is_stopped():
    with Forked(lambda: time.sleep(600) or b"") as child:
        pid = child.pid
        assert child.result(wait=0.2) is None
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, 0)
