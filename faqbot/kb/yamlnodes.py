"""Reading YAML as nodes with line numbers, using only the safe loader.

The loader validates the node tree itself, so every problem can name its line, and a
document never gets the chance to construct anything but plain text, lists and maps.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

try:  # the C loader is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

_STD = "tag:yaml.org,2002:"
TYPE_NAMES = {
    "str": "text", "int": "a number", "float": "a number", "bool": "true/false",
    "null": "nothing", "seq": "a list", "map": "a mapping", "timestamp": "a date",
}


@dataclass(frozen=True)
class NodeProblem(Exception):
    """A node that cannot be used: message plus 1-based line."""

    line: int
    message: str


def parse(text: str, path: str) -> yaml.Node | None:
    """Compose one YAML document into nodes; raise NodeProblem on syntax errors."""
    try:
        return yaml.compose(text, Loader=_SafeLoader)
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


def line_of(node: yaml.Node) -> int:
    """The 1-based line a node starts on."""
    return node.start_mark.line + 1


def kind_of(node: yaml.Node) -> str:
    """A short name for what the node holds ('text', 'a list', ...)."""
    tag = node.tag or ""
    if tag.startswith(_STD):
        return TYPE_NAMES.get(tag[len(_STD) :], tag[len(_STD) :])
    return tag


def check_tag(node: yaml.Node) -> None:
    """Refuse any tag beyond plain YAML (`!!python/object` and friends above all)."""
    tag = node.tag or ""
    bare = tag[len(_STD) :] if tag.startswith(_STD) else None
    if bare is None or bare not in TYPE_NAMES:
        shown = f"!!{bare}" if bare else tag
        raise NodeProblem(line_of(node), f"tag {shown} is not allowed (plain YAML only)")


def as_text(node: yaml.Node, what: str, *, allow_empty: bool = False) -> str:
    """The node's text, or a NodeProblem saying what it should have been."""
    check_tag(node)
    if not isinstance(node, yaml.ScalarNode) or node.tag != _STD + "str":
        raise NodeProblem(line_of(node), f"{what} must be text, not {kind_of(node)}")
    value = node.value
    if not allow_empty and not value.strip():
        raise NodeProblem(line_of(node), f"{what} is empty")
    return value


def as_text_list(node: yaml.Node, what: str) -> list[str]:
    """A list of non-empty texts; a single text is accepted as a one-item list."""
    check_tag(node)
    if isinstance(node, yaml.ScalarNode) and node.tag == _STD + "str":
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
