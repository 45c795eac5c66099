"""Entries with nothing wrong are read in one pass (validate._read_plain_entry); the
full check (_read_entry) must agree with it on each, and take over for anything odd."""

from pathlib import Path

import pytest
import yaml

from faqbot.kb import validate
from faqbot.kb.files import yaml_files
from faqbot.kb.loader import CHECKOUT_KB

ODD_ENTRIES = [
    "id: a\nquestion: q\nanswer: x\nalternates: [b, '']",  # an empty alternate
    "id: a\nquestion: q\nanswer: x\nalternates: !!set {b: null}",
    "id: Not-Kebab\nquestion: q\nanswer: x",
    "id: a\nquestion: q\nanswer: x\nanswr: typo",
    "id: a\nquestion: q\nanswer: x\nid: b",
    "id: a\nquestion: [q]\nanswer: x",
    "id: a\nanswer: x",
    "id: a\nquestion: q\nanswer: '   '",
    "id: a\nquestion: q\nanswer: 5",
    "? [a]\n: b\nid: a\nquestion: q\nanswer: x",
]


def _entry_nodes(file: Path) -> list[yaml.Node]:
    root = yaml.compose(file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    for key, value in root.value:
        if key.value == "entries":
            return list(value.value)
    return []


def test_the_one_pass_reader_and_the_full_check_agree_on_every_shipped_entry():
    nodes = [(file, node) for file in yaml_files(CHECKOUT_KB) for node in _entry_nodes(file)]
    assert len(nodes) > 20
    for file, node in nodes:
        fast, full = validate._Collected(), validate._Collected()
        assert validate._read_plain_entry(node, file.name, "Topic", fast)
        validate._read_entry(node, file.name, "Topic", full)
        assert fast.entries == full.entries
        assert full.problems == []


@pytest.mark.parametrize("text", ODD_ENTRIES)
def test_anything_odd_is_left_to_the_full_check(text):
    found = validate._Collected()
    assert not validate._read_plain_entry(yaml.compose(text, Loader=yaml.SafeLoader), "f.yaml", "T", found)
    assert found.entries == []
