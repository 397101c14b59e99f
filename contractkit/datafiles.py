"""One validated loader for every YAML data file the package reads (taxonomy, playbooks,
contract types, cost models, the licence-audit factors).

A file is read with the bounded safe loader (`contractkit.safeyaml`: no alias bombs, no
recursive aliases, only YAML's own tags), built into plain data that remembers the line of
every mapping, key and list item (`LineDict`, `LineList`), and validated against the
file's schema, a pydantic model. Whatever is wrong (YAML, a wrong type, a missing or an
unknown key, a value a validator refuses) is one error naming the file and the line of
the offending entry: `DataFileError`, or the caller's own error type (`error=`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from contractkit import safeyaml
from contractkit.files import read_regular_text

__all__ = [
    "DataFileError",
    "LineDict",
    "LineList",
    "Schema",
    "compose",
    "expected",
    "line_at",
    "load_validated",
    "packaged",
    "problem_of",
    "read_text",
    "shown",
    "validate",
]

M = TypeVar("M", bound=BaseModel)
ErrorFactory = Callable[[str, "int | None", str], Exception]


class DataFileError(ValueError):
    """A malformed data file: `file`, `line` (1-based, or None) and what is wrong."""

    def __init__(self, file: str, line: int | None, problem: str) -> None:
        self.file, self.line, self.problem = file, line, problem
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {problem}")


class Schema(BaseModel):
    """Base of the data files' models: strict types, no unknown keys, immutable."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class LineDict(dict):
    """A mapping read from YAML that remembers the line of itself and of each key."""

    line: int
    key_lines: dict[str, int]


class LineList(list):
    """A list read from YAML that remembers the line of itself and of each item."""

    line: int
    item_lines: list[int]


def read_text(path: str | os.PathLike[str], error: ErrorFactory = DataFileError) -> str:
    """A user's data file: a regular file of at most `safeyaml.MAX_FILE_BYTES`, UTF-8."""
    try:
        return read_regular_text(path, safeyaml.MAX_FILE_BYTES)
    except OSError as exc:  # missing, a FIFO or device, larger than the bound
        reason = exc.strerror or str(exc).removeprefix(f"{path}: ")
        raise error(str(path), None, f"cannot read ({reason})") from None
    except UnicodeDecodeError as exc:
        raise error(str(path), None, f"not UTF-8 text ({exc.reason})") from None


def compose(text: str, file: str, error: ErrorFactory = DataFileError) -> Any:
    """The data of YAML `text`, bounded, with lines (`LineDict`, `LineList`); None when
    the document is empty. A YAML problem, a key that is not text or a duplicate key is
    `error(file, line, problem)`."""
    try:
        node = safeyaml.compose(text)
    except yaml.YAMLError as exc:
        problem = f"not valid YAML: {safeyaml.problem_text(exc)}"
        raise error(file, safeyaml.problem_line(exc), problem) from None
    return None if node is None else _construct(node, file, error)


def _construct(node: yaml.Node, file: str, error: ErrorFactory) -> Any:
    if isinstance(node, yaml.MappingNode):
        mapping = LineDict()
        mapping.line, mapping.key_lines = node.start_mark.line + 1, {}
        for key_node, value_node in node.value:
            key = _construct(key_node, file, error)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise error(file, line, f"key {key!r}: not text")
            if key in mapping:
                raise error(file, line, f"duplicate key {key!r}")
            mapping[key] = _construct(value_node, file, error)
            mapping.key_lines[key] = line
        return mapping
    if isinstance(node, yaml.SequenceNode):
        items = LineList(_construct(item, file, error) for item in node.value)
        items.line = node.start_mark.line + 1
        items.item_lines = [item.start_mark.line + 1 for item in node.value]
        return items
    try:
        return safeyaml.construct_scalar(node)
    except (yaml.YAMLError, ValueError) as exc:  # e.g. a date that is no date
        problem = safeyaml.problem_text(exc) if isinstance(exc, yaml.YAMLError) else exc
        raise error(
            file, node.start_mark.line + 1, f"{node.value!r} is not a value: {problem}"
        ) from None


def line_at(data: Any, loc: Sequence[int | str]) -> int | None:
    """The line of the deepest entry of `data` that `loc` (a path of keys and indexes)
    reaches: the key or item itself when it is there, else the mapping or list holding it
    (a missing key is reported where its mapping starts)."""
    line = getattr(data, "line", None)
    for step in loc:
        if isinstance(data, LineDict) and isinstance(step, str) and step in data:
            line, data = data.key_lines[step], data[step]
        elif isinstance(data, LineList) and isinstance(step, int) and 0 <= step < len(data):
            line, data = data.item_lines[step], data[step]
        else:
            break
    return line


_KINDS = {
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "bool_type": "true or false",
    "float_type": "a number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "none_required": "empty",
}


def _path(loc: Sequence[int | str]) -> str:
    text = ""
    for step in loc:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def shown(value: Any, limit: int = 80) -> str:
    """A value as an error message quotes it: its repr, cut to `limit` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def expected(detail: dict[str, Any]) -> str | None:
    """What the value had to be, in words ("a number", "text"), when one of pydantic's
    problems is a wrong type; None for any other problem."""
    return _KINDS.get(detail["type"])


def problem_of(errors: list[dict[str, Any]]) -> str:
    """The first of pydantic's problems (items of `ValidationError.errors()`) in plain
    words, naming the key path: `lines[0]: missing 'label'`, `weights.title: must be a
    number, not 'x'`."""
    detail = errors[0]
    loc = [step for step in detail["loc"] if not _is_tag(step)]
    kind = detail["type"]
    if kind == "missing" and loc:
        where, key = _path(loc[:-1]), loc[-1]
        return f"{where + ': ' if where else ''}missing {key!r}"
    if kind == "extra_forbidden" and loc:
        where, key = _path(loc[:-1]), loc[-1]
        return f"{where + ': ' if where else ''}unknown key {key!r}"
    where = _path(loc) or "the file"
    if kind in _KINDS:
        return f"{where}: must be {_KINDS[kind]}, not {shown(detail['input'])}"
    if kind in ("value_error", "assertion_error") and "error" in detail.get("ctx", {}):
        return f"{where}: {detail['ctx']['error']}"
    return f"{where}: {detail['msg']}"


def _is_tag(step: int | str) -> bool:
    # pydantic names a union member or a function validator in the location; not a key
    return isinstance(step, str) and (step.startswith("function-") or "[" in step)


def validate(
    data: Any,
    model: type[M],
    file: str,
    error: ErrorFactory = DataFileError,
    describe: Callable[[list[dict[str, Any]]], str] = problem_of,
) -> M:
    """`data` (from `compose`) as an instance of `model`; the first problem pydantic finds
    is `error(file, line, describe(problems))`, at the line of the offending entry.
    `describe` is given that problem and the others of its kind beside it (every missing
    key of one mapping, say), tags of union members and validators left out of `loc`."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = [
            {**e, "loc": tuple(s for s in e["loc"] if not _is_tag(s))}
            for e in exc.errors(include_url=False)
        ]
        first = errors[0]
        if first["type"] == "missing":  # a misspelt key is missing and unknown: say unknown
            first = next(
                (
                    e
                    for e in errors
                    if e["type"] == "extra_forbidden" and e["loc"][:-1] == first["loc"][:-1]
                ),
                first,
            )
        alike = [
            e for e in errors if e["type"] == first["type"] and e["loc"][:-1] == first["loc"][:-1]
        ]
        raise error(file, line_at(data, first["loc"]), describe(alike)) from None


def load_validated(
    source: str | os.PathLike[str] | Traversable,
    model: type[M],
    error: ErrorFactory = DataFileError,
    describe: Callable[[list[dict[str, Any]]], str] = problem_of,
) -> M:
    """Read, bound, compose and validate one YAML data file: a user's path (a regular
    file of at most `safeyaml.MAX_FILE_BYTES`) or a packaged resource."""
    if isinstance(source, str | os.PathLike):
        file, text = str(source), read_text(source, error)
    else:  # a packaged resource (importlib.resources)
        file, text = str(source), source.read_text(encoding="utf-8")
    data = compose(text, file, error)
    if data is None:
        raise error(file, 1, "the file is empty")
    return validate(data, model, file, error, describe)


def packaged(package: str, name: str) -> Traversable:
    """A data file shipped in `package` (e.g. `contractkit.review`, `costs.yaml`)."""
    return resources.files(package).joinpath(name)
