"""Reading YAML as nodes with line numbers, using only the safe loader.

The loader validates the node tree itself, so every problem can name its line, and a
document never gets the chance to construct anything but plain text, lists and maps.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import yaml

try:  # the C loader is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

STD = "tag:yaml.org,2002:"
_STR = STD + "str"

TYPE_NAMES = {
    "str": "text", "int": "a number", "float": "a number", "bool": "true/false",
    "null": "nothing", "seq": "a list", "map": "a mapping", "timestamp": "a date",
}


# What YAML itself refuses to read (it would only say "position 412"): found first, so the
# message can name the line and column.
_UNREADABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# What a knowledge base may not hold in any text, raw or written as a YAML escape ("\e",
# "\x1b", "\u202e"): C0 and C1 controls (tab and newline aside), DEL, and the bidi marks
# and overrides that reorder what is shown. Anything else is shown as written.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# A double-quoted scalar's escapes, or an unsafe character written as itself.
_ESCAPE_OR_UNSAFE = re.compile(
    r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)|" + UNSAFE.pattern, re.DOTALL)
_SIMPLE_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n",
                   "v": "\v", "f": "\f", "r": "\r", "e": "\x1b", "N": "\x85"}
_CONTROL_NAMES = {0: "NULL", 7: "BELL", 8: "BACKSPACE", 11: "VERTICAL TAB", 12: "FORM FEED",
                  13: "CARRIAGE RETURN", 27: "ESCAPE", 127: "DELETE", 0x85: "NEXT LINE",
                  0x9B: "CONTROL SEQUENCE INTRODUCER"}


class SafeLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader, telling text from other scalars without trying every pattern.

    A quoted scalar is always text, and a plain one only needs the patterns for its first
    character (numbers, true/false, null and dates start with a few): nearly 9 in 10
    scalars of a knowledge base resolve at once (10,000 entries: compose 0.83 -> 0.78 s)."""

    # The first characters a plain scalar needs to be anything but text; None when a
    # pattern would have to be tried on every scalar (one for any first character, or
    # tags by place in the document: PyYAML's safe loader has neither).
    TEXT_UNLESS = (frozenset(_BaseLoader.yaml_implicit_resolvers)
                   if None not in _BaseLoader.yaml_implicit_resolvers
                   and not _BaseLoader.yaml_path_resolvers else None)

    def resolve(self, kind, value, implicit):  # type: ignore[no-untyped-def]  # noqa: ANN001
        starts = self.TEXT_UNLESS
        if (kind is yaml.ScalarNode and starts is not None
                and (not implicit[0] or value[:1] not in starts)):
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)


@dataclass(frozen=True)
class NodeProblem(Exception):
    """A node that cannot be used: message plus 1-based line."""

    line: int
    message: str


# Printable ASCII, tab and newline: a text of nothing else holds no character either
# pattern above looks for, which bytes.translate tells faster than a search (a 23 MB
# file: 65 -> 25 ms each).
_PLAIN_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n"


def _plain_ascii(text: str) -> bool:
    return text.isascii() and not text.encode("ascii").translate(None, _PLAIN_ASCII)


def clean(text: str) -> bool:
    """Whether parse and unsafe_texts would find nothing in `text`: no character YAML
    cannot read, none a text may not hold, and no escape that could write one."""
    return "\\" not in text and (
        _plain_ascii(text) or not (_UNREADABLE.search(text) or UNSAFE.search(text)))


def parse(text: str, path: str) -> yaml.Node | None:
    """Compose one YAML document into nodes; raise NodeProblem on syntax errors, on a
    character YAML cannot hold, and on aliases."""
    bad = None if _plain_ascii(text) else _UNREADABLE.search(text)
    if bad:
        line, column = _place(text, bad.start())
        raise NodeProblem(line, f"{character_name(bad.group())} at column {column}: control "
                                "characters are not allowed in YAML; remove it")
    try:
        root = yaml.compose(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or exc.context or "unreadable YAML"
        if exc.context and exc.problem:
            start = exc.context_mark.line + 1 if exc.context_mark else line
            what += f" ({exc.context} that starts at line {start})"
        raise NodeProblem(line, f"YAML syntax error: {what}") from None
    except yaml.YAMLError as exc:
        raise NodeProblem(1, f"YAML syntax error: {exc}") from None
    # An alias needs an anchor: without both marks in the text there is none to look for.
    if root is not None and "&" in text and "*" in text and _repeats_a_node(root):
        raise _alias_problem(text)
    return root


def _place(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of `text[index]`."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def character_name(char: str) -> str:
    """`U+001B (ESCAPE)`: how to name a character nobody can see."""
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(ord(char), "")
    if not name and unicodedata.category(char) == "Cc":
        name = "a control character"
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def _nodes(root: yaml.Node) -> Iterator[yaml.Node]:
    """Every node of the tree once each, depth first (aliases are the same node again)."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.extend((value, key))


def _repeats_a_node(root: yaml.Node) -> bool:
    """Whether some node is reached twice: what an alias (`*name`) composes to."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
    return False


def _alias_problem(text: str) -> NodeProblem:
    """Where the first alias is (only looked for once one is known to be there)."""
    for event in yaml.parse(text, Loader=SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            return NodeProblem(event.start_mark.line + 1,
                               f"YAML alias '*{event.anchor}' is not allowed: write the text out "
                               "in full (aliases can make a small file expand without limit)")
    return NodeProblem(1, "YAML aliases are not allowed: write the text out in full")


def unsafe_texts(root: yaml.Node, text: str) -> list[NodeProblem]:
    """Every text holding a control character or an escape sequence, raw or written as
    a YAML escape, at the line where it is written: a knowledge base is shown to
    patients, so its texts must be plain. (Call on a tree `parse` accepted: no aliases.)"""
    # A text holds such a character only if the file does, or writes an escape: files
    # with neither (nearly all) skip the walk over every node (0.3 s of 10,000 entries).
    if "\\" not in text and (_plain_ascii(text) or not UNSAFE.search(text)):
        return []
    problems = []
    for node in _nodes(root):
        if isinstance(node, yaml.ScalarNode) and UNSAFE.search(node.value):
            problems.append(_unsafe_problem(node, text))
    return problems


def _unsafe_problem(node: yaml.ScalarNode, text: str) -> NodeProblem:
    start, end = node.start_mark.index, node.end_mark.index
    for m in _ESCAPE_OR_UNSAFE.finditer(text, start, end):
        written = m.group()
        if written.startswith("\\"):
            if node.style != '"':
                continue
            char = _unescape(written)
            if char is None or not UNSAFE.fullmatch(char):
                continue
            how = f'written as "{written}"'
        else:
            char, how = written, "written as itself"
        line, column = _place(text, m.start())
        return NodeProblem(line, f"{character_name(char)} {how} at column {column}: {_PLAIN}")
    char = UNSAFE.search(node.value).group()
    return NodeProblem(line_of(node), f"{character_name(char)} in this text: {_PLAIN}")


_PLAIN = "control characters and escape sequences are not allowed in texts; remove it"


def _unescape(written: str) -> str | None:
    code = written[1:]
    if code[0] in "xuU":
        return chr(int(code[1:], 16)) if int(code[1:], 16) < 0x110000 else None
    return _SIMPLE_ESCAPES.get(code)


def line_of(node: yaml.Node) -> int:
    """The 1-based line a node starts on."""
    return node.start_mark.line + 1


def kind_of(node: yaml.Node) -> str:
    """A short name for what the node holds ('text', 'a list', ...)."""
    tag = node.tag or ""
    if tag.startswith(STD):
        return TYPE_NAMES.get(tag[len(STD) :], tag[len(STD) :])
    return tag


def check_tag(node: yaml.Node) -> None:
    """Refuse any tag beyond plain YAML (`!!python/object` and friends above all)."""
    tag = node.tag or ""
    bare = tag[len(STD) :] if tag.startswith(STD) else None
    if bare is None or bare not in TYPE_NAMES:
        shown = f"!!{bare}" if bare else tag
        raise NodeProblem(line_of(node), f"tag {shown} is not allowed (plain YAML only)")


def as_text(node: yaml.Node, what: str, *, allow_empty: bool = False) -> str:
    """The node's text, or a NodeProblem saying what it should have been."""
    if node.tag != _STR or not isinstance(node, yaml.ScalarNode):
        check_tag(node)  # a tag beyond plain YAML is named as such
        raise NodeProblem(line_of(node), f"{what} must be text, not {kind_of(node)}")
    value = node.value
    if not allow_empty and not value.strip():
        raise NodeProblem(line_of(node), f"{what} is empty")
    return own_copy(value)


def own_copy(value: str) -> str:
    """An equal string that is not the node's. The texts kept would otherwise stay where
    the parser put them, scattered among the node tree's objects, and keep its memory
    from being returned: a 10,000-entry load kept +216 MiB resident for ~51 MiB of live
    objects, +80 MiB with copies (and loaded faster)."""
    return value.encode("utf-8", "surrogatepass").decode("utf-8", "surrogatepass")


def own_copies(values: list[str]) -> list[str]:
    """own_copy of each, made by one join and split (a text holding the separator, which
    only an escape can write, is copied alone)."""
    if len(values) < 2:
        return list(map(own_copy, values))
    copies = "\x00".join(values).split("\x00")
    return copies if len(copies) == len(values) else list(map(own_copy, values))


def as_text_list(node: yaml.Node, what: str) -> list[str]:
    """A list of non-empty texts; a single text is accepted as a one-item list."""
    check_tag(node)
    if isinstance(node, yaml.ScalarNode) and node.tag == _STR:
        return [as_text(node, what)]
    if not isinstance(node, yaml.SequenceNode):
        raise NodeProblem(line_of(node), f"{what} must be a list of text, not {kind_of(node)}")
    return [as_text(item, f"each item of {what}") for item in node.value]


def key_lines(node: yaml.Node) -> dict[str, int]:
    """The line each key of a mapping node stands on."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): line_of(k) for k, _ in node.value}


def peek(node: yaml.Node, key: str) -> str | None:
    """A mapping's plain-text value for `key`, read without validating anything else."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key and isinstance(v, yaml.ScalarNode):
                return str(v.value)
    return None


def as_list(node: yaml.Node, what: str) -> list[yaml.Node]:
    """The items of a sequence node."""
    check_tag(node)
    if not isinstance(node, yaml.SequenceNode):
        raise NodeProblem(line_of(node), f"{what} must be a list, not {kind_of(node)}")
    return list(node.value)


def as_mapping(node: yaml.Node, what: str) -> dict[str, yaml.Node]:
    """A mapping's items keyed by text; duplicate keys are an error, not last-one-wins."""
    check_tag(node)
    if not isinstance(node, yaml.MappingNode):
        raise NodeProblem(line_of(node), f"{what} must be a mapping, not {kind_of(node)}")
    out: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        key = as_text(key_node, "a key")
        if key in out:
            raise NodeProblem(line_of(key_node), f"duplicate key '{key}' in {what}")
        out[key] = value_node
    return out
