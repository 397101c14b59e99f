"""One YAML loader for every YAML file a user hands the package (playbooks, cost models):
safe, and bounded.

`yaml.SafeLoader` refuses Python tags, but not a "billion laughs": a few hundred bytes
of anchors and aliases (`&a [*b, *b, ...]`) that name a structure of billions of nodes,
which any code walking the data (validation, `repr`, `json.dumps`) expands. Nor does it
refuse an alias inside its own anchor (`&a [*a]`): a structure that contains itself, on
which the same code recurses until it fails. `BoundedLoader` counts, while composing, how
many nodes the document stands for with every alias expanded, and stops at `MAX_NODES`;
it refuses recursive aliases and tags outside YAML's standard ones. Errors are
`yaml.YAMLError`s with the mark (line) where it stopped, like any other YAML problem.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError

# Far above any playbook (the largest shipped one is a few hundred nodes), far below
# what takes noticeable time or memory to walk.
MAX_NODES = 100_000
MAX_FILE_BYTES = 1 << 20  # a user's YAML file (playbook, cost model): a few kB in practice
STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in (
        *("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge"),
        *("binary", "omap", "pairs", "set"),
    )
)


class BoundedLoader(yaml.SafeLoader):
    """`yaml.SafeLoader` that refuses documents standing for more than `max_nodes` nodes
    once aliases are expanded, recursive aliases and non-standard tags."""

    max_nodes = MAX_NODES

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self._expanded: dict[int, int] = {}  # id(node) -> nodes it stands for, expanded

    def compose_document(self) -> yaml.Node:
        self._expanded = {}
        return super().compose_document()

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            target = self.anchors.get(event.anchor)
            if target is not None and id(target) not in self._expanded:
                raise ComposerError(
                    None, None, f"alias *{event.anchor} refers to itself", event.start_mark
                )
            return super().compose_node(parent, index)
        start = self.peek_event().start_mark
        node = super().compose_node(parent, index)
        if node.tag not in STANDARD_TAGS:
            raise ConstructorError(None, None, f"tag {node.tag!r} is not allowed", start)
        size = 1
        if isinstance(node, yaml.SequenceNode):
            size += sum(self._expanded[id(child)] for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            size += sum(
                self._expanded[id(key)] + self._expanded[id(value)] for key, value in node.value
            )
        if size > self.max_nodes:
            raise ComposerError(
                None,
                None,
                f"the document stands for more than {self.max_nodes} values once its aliases"
                " are expanded (an alias bomb?)",
                start,
            )
        self._expanded[id(node)] = size
        return node


def compose(text: str) -> yaml.Node | None:
    """The node graph of YAML `text`, bounded (`BoundedLoader`)."""
    loader = BoundedLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def load(text: Any) -> Any:
    """`yaml.safe_load`, bounded (`BoundedLoader`): the data of YAML `text` (or a stream)."""
    return yaml.load(text, Loader=BoundedLoader)  # a SafeLoader subclass


def construct_scalar(node: yaml.ScalarNode) -> Any:
    """The value of one scalar node as the safe loader reads it."""
    return BoundedLoader("").construct_object(node)


def problem_line(error: yaml.YAMLError) -> int | None:
    """The 1-based line a YAML error points at, if it does."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return mark.line + 1 if mark is not None else None


def problem_text(error: yaml.YAMLError) -> str:
    """What a YAML error says went wrong, without the position (given separately)."""
    parts = [getattr(error, "context", None), getattr(error, "problem", None)]
    return "; ".join(p for p in parts if p) or str(error)
