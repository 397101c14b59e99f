"""The clause taxonomy: clause types as data (taxonomy.yaml), loaded and validated.

The YAML is the single place where clause types, their CUAD mapping, attributes and
detection cues live; this module turns it into immutable objects and refuses a file it
cannot trust, naming the file, the line, the entry and the problem, so a typo in a cue
fails at load time instead of silently never matching. A user's taxonomy is read as a
user's playbook is: a regular file of at most `safeyaml.MAX_FILE_BYTES`, through the
bounded safe loader (`contractkit.safeyaml`: no alias bombs, no recursive aliases, no
tags beyond YAML's own).

A `regex` cue is a pattern string, or a mapping `{pattern: ..., label: ...}` whose label
says in plain words what the pattern looks for; explanations show the label, or for a
bare pattern an automatic reading of it (`cue_labels.readable_pattern`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import Field, field_validator, model_validator

from contractkit import datafiles, safeyaml
from contractkit.datafiles import Schema
from contractkit.detect.clause_type import (
    CUAD_CATEGORIES,
    ClauseType,
    Cues,
    Taxonomy,
    TaxonomyError,
    cuad_id,
)
from contractkit.files import read_regular_text

__all__ = [
    "CUAD_CATEGORIES",
    "ClauseType",
    "Cues",
    "Taxonomy",
    "TaxonomyError",
    "cuad_id",
    "load_taxonomy",
]

GRANULARITIES = frozenset({"phrase", "sentence"})
MAX_LABEL_CHARS = 80  # a regex cue's label: a short reason, not a paragraph
ATTRIBUTE_SCOPES = frozenset({"sentence", "section"})
CUE_KINDS = ("headings", "phrases", "regex", "negative")

_REQUIRED_FIELDS = ("id", "name", "description", "family", "cuad", "granularity", "attributes")
_ALLOWED_FIELDS = frozenset({*_REQUIRED_FIELDS, "cues", "attribute_scope"})
_TOP_LEVEL_FIELDS = frozenset({"version", "families", "clause_types"})
_SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")


DEFAULT_RESOURCE = "taxonomy.yaml"


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Load and validate a taxonomy file; the packaged taxonomy.yaml when `path` is None."""
    if path is None:
        return _packaged_taxonomy()
    path = Path(path)
    try:
        text = read_regular_text(path, safeyaml.MAX_FILE_BYTES)
    except OSError as exc:  # missing, a FIFO or device, larger than the bound
        reason = exc.strerror or str(exc).removeprefix(f"{path}: ")
        raise TaxonomyError(f"{path}: cannot read taxonomy file: {reason}") from None
    except UnicodeDecodeError as exc:
        raise TaxonomyError(
            f"{path}: cannot read taxonomy file: not UTF-8 ({exc.reason})"
        ) from None
    return parse_taxonomy(text, source=str(path))


@cache
def _packaged_taxonomy() -> Taxonomy:
    """The packaged file, parsed once per process (half a second): the detector, the review and
    the heatmap all read it, and a `Taxonomy` is read-only."""
    resource = resources.files("contractkit.detect").joinpath(DEFAULT_RESOURCE)
    return parse_taxonomy(resource.read_text(encoding="utf-8"), source=str(resource))


# ----------------------------------------------------------------------------- the schema


class _RegexCueSchema(Schema):
    """One `regex` cue: a bare pattern (text) or a mapping with its pattern and label."""

    pattern: str
    label: str | None  # None only for a bare pattern: a mapping gives its label

    @model_validator(mode="before")
    @classmethod
    def _bare_pattern(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"pattern": value, "label": None}
        if isinstance(value, dict) and "label" in value and value["label"] is None:
            raise ValueError("'label' is empty (give the words, or write the bare pattern)")
        return value

    @field_validator("label")
    @classmethod
    def _short_label(cls, label: str | None) -> str | None:
        if label is None:
            return None
        if not label.strip() or label != label.strip():
            raise ValueError(f"label {label!r} is empty or padded")
        if len(label) > MAX_LABEL_CHARS:
            raise ValueError(
                f"label {datafiles.shown(label)} is {len(label)} characters long "
                f"(at most {MAX_LABEL_CHARS})"
            )
        # explanations quote the label with “ ”: one inside would end the quote early
        if "\n" in label or "“" in label or "”" in label:
            raise ValueError(f"label {label!r} holds a line break or a “ ” quote mark")
        return label


class _CuesSchema(Schema):
    headings: list[str] | None = None
    phrases: list[str] | None = None
    regex: list[_RegexCueSchema] | None = None
    negative: list[str] | None = None


class _EntrySchema(Schema):
    id: str
    name: str
    description: str
    family: str
    cuad: str | None
    granularity: str
    attributes: list[str]
    cues: _CuesSchema | None = None
    attribute_scope: str = "sentence"
    states: list[str] | None = None
    presence_needs_states: bool = False


class _TaxonomySchema(Schema):
    """The shape of taxonomy.yaml; what it cannot say (snake_case ids, known families,
    cue spelling, CUAD names) is checked entry by entry in `_parse_entry`."""

    version: int | str | None = None
    families: dict[str, str] = Field(min_length=1)
    clause_types: list[_EntrySchema] = Field(min_length=1)

    @field_validator("families")
    @classmethod
    def _snake_case_families(cls, families: dict[str, str]) -> dict[str, str]:
        for family_id, description in families.items():
            if not _SNAKE.match(family_id):
                raise ValueError(f"family id {family_id!r} is not snake_case")
            if not description.strip():
                raise ValueError(f"family {family_id!r} needs a description")
        return families


def _error(file: str, line: int | None, problem: str) -> TaxonomyError:
    return TaxonomyError(f"{file}:{line}: {problem}" if line else f"{file}: {problem}")


def _describe(data: Any) -> Callable[[list[dict[str, Any]]], str]:
    """Pydantic's problems with taxonomy `data` in the words the taxonomy has always used."""

    def describe(errors: list[dict[str, Any]]) -> str:
        first, kind = errors[0], errors[0]["type"]
        loc = first["loc"]
        keys = ", ".join(repr(e["loc"][-1]) for e in errors)
        if loc[:1] != ("clause_types",) or len(loc) < 2:  # the top level
            if kind == "extra_forbidden":
                return f"unknown key(s) {keys} (allowed: {', '.join(sorted(_TOP_LEVEL_FIELDS))})"
            if kind == "missing":
                return f"missing field(s) {keys}"
            if loc == ("families",) and kind != "value_error":
                return "'families' must be a non-empty mapping id -> description"
            if loc == ("clause_types",):
                return "'clause_types' must be a non-empty list"
            return datafiles.problem_of(errors)
        index, rest = loc[1], loc[2:]
        entry = data["clause_types"][index]
        where = _where("", index, entry.get("id") if isinstance(entry, dict) else None)[2:]
        value = first["input"]
        if not rest:
            return f"{where}: must be a mapping, got {value!r}"
        if rest[0] == "cues" and len(rest) == 2 and kind == "extra_forbidden":
            return f"{where}: unknown cue kind(s) {keys} (allowed: {', '.join(CUE_KINDS)})"
        if rest[:2] == ("cues", "regex") and len(rest) >= 3:
            return f"{where}: {_regex_cue_problem(errors, rest)}"
        if rest[0] == "cues":
            what = "'cues' must be a mapping" if len(rest) == 1 else f"cues.{rest[1]} must be"
            return f"{where}: {what} a list of strings, got {value!r}".replace(
                "mapping a list of strings", "mapping"
            )
        if kind == "extra_forbidden":
            return f"{where}: unknown key(s) {keys} (allowed: {', '.join(sorted(_ALLOWED_FIELDS))})"
        if kind == "missing":
            return f"{where}: missing field(s) {keys}"
        if rest[0] == "attributes" and len(rest) == 1:
            return f"{where}: 'attributes' must be a list, got {value!r}"
        if rest[0] == "attributes":
            return f"{where}: attribute {value!r} is not a snake_case name"
        return f"{where}: {rest[0]!r} must be a non-empty string, got {value!r}"

    return describe


def _regex_cue_problem(errors: list[dict[str, Any]], rest: tuple[Any, ...]) -> str:
    """Pydantic's problem with one `regex` cue (`rest`: cues, regex, its index[, key])."""
    first, kind = errors[0], errors[0]["type"]
    item = f"cues.regex[{rest[2]}]"
    keys = ", ".join(repr(e["loc"][-1]) for e in errors)
    if len(rest) == 3 and kind in ("model_type", "model_attributes_type"):
        return (
            f"{item} must be a pattern (text) or a mapping with 'pattern' and 'label', "
            f"got {datafiles.shown(first['input'])}"
        )
    if kind == "extra_forbidden":
        return f"{item}: unknown key(s) {keys} (allowed: 'label', 'pattern')"
    if kind == "missing":
        return f"{item}: missing {keys} (a mapping gives both 'pattern' and 'label')"
    if kind in ("value_error", "assertion_error") and "error" in first.get("ctx", {}):
        return f"{item}: {first['ctx']['error']}"
    key = f"{item}.{rest[3]}" if len(rest) > 3 else item
    what = datafiles.expected(first) or first["msg"]
    return f"{key} must be {what}, got {datafiles.shown(first['input'])}"


def parse_taxonomy(text: str, source: str = "<string>") -> Taxonomy:
    """Validate taxonomy YAML `text`; `source` names it in error messages, with the line."""
    data = datafiles.compose(text, source, _error)
    if not isinstance(data, dict):
        raise TaxonomyError(f"{source}: top level must be a mapping with 'clause_types'")
    datafiles.validate(data, _TaxonomySchema, source, _error, _describe(data))
    families = dict(data["families"])
    types: list[ClauseType] = []
    seen_ids: dict[str, int] = {}
    lines = data["clause_types"].item_lines
    for index, entry in enumerate(data["clause_types"]):
        at = f"{source}:{lines[index]}"  # file:line
        clause_type = _parse_entry(entry, index, families, at)
        # A CUAD type's id must be cuad_id(its category) (checked in _cuad), so unique ids
        # also mean no CUAD category is claimed twice.
        if clause_type.id in seen_ids:
            raise TaxonomyError(
                f"{_where(at, index, clause_type.id)}: duplicate id "
                f"(first defined at entry #{seen_ids[clause_type.id]})"
            )
        seen_ids[clause_type.id] = index
        types.append(clause_type)
    return Taxonomy(types, families, source)


# ----------------------------------------------------------------------------- validation


def _where(source: str, index: int, type_id: object = None) -> str:
    label = f" ({type_id!r})" if isinstance(type_id, str) else ""
    return f"{source}: clause type #{index}{label}"


def _parse_entry(
    entry: dict[str, Any], index: int, families: dict[str, str], source: str
) -> ClauseType:
    """One entry of the right shape (`_EntrySchema`) checked for what the shape cannot say."""
    where = _where(source, index, entry.get("id"))
    type_id = _text(entry, "id", where)
    if not _SNAKE.match(type_id):
        raise TaxonomyError(f"{where}: id {type_id!r} is not snake_case")
    family = _text(entry, "family", where)
    if family not in families:
        raise TaxonomyError(f"{where}: unknown family {family!r} (declared: {', '.join(families)})")
    granularity = _text(entry, "granularity", where)
    if granularity not in GRANULARITIES:
        raise TaxonomyError(
            f"{where}: granularity must be one of {sorted(GRANULARITIES)}, got {granularity!r}"
        )
    scope = entry.get("attribute_scope", "sentence")
    if scope not in ATTRIBUTE_SCOPES:
        raise TaxonomyError(
            f"{where}: attribute_scope must be one of {sorted(ATTRIBUTE_SCOPES)}, got {scope!r}"
        )
    return ClauseType(
        id=type_id,
        name=_text(entry, "name", where),
        description=_text(entry, "description", where).strip(),
        family=family,
        cuad=_cuad(entry.get("cuad"), type_id, where),
        granularity=granularity,
        attributes=_attributes(entry["attributes"], where),
        cues=_cues(entry.get("cues") or {}, where),
        attribute_scope=scope,
        states=_states(entry.get("states"), where),
        presence_needs_states=_presence_needs_states(entry, where),
    )


def _text(entry: dict[str, Any], key: str, where: str) -> str:
    value = entry[key]
    if not value.strip():
        raise TaxonomyError(f"{where}: {key!r} must be a non-empty string, got {value!r}")
    return value


def _cuad(value: str | None, type_id: str, where: str) -> str | None:
    if value is None:
        return None
    if value not in CUAD_CATEGORIES:
        raise TaxonomyError(f"{where}: 'cuad' {value!r} is not a CUAD category name")
    # CUAD types carry CUAD's name as their id; only ids outside CUAD may differ.
    if cuad_id(value) != type_id:
        raise TaxonomyError(
            f"{where}: a type mapped to CUAD {value!r} must have id {cuad_id(value)!r}"
        )
    return value


def _attributes(value: list[str], where: str) -> tuple[str, ...]:
    for name in value:
        if not _SNAKE.match(name):
            raise TaxonomyError(f"{where}: attribute {name!r} is not a snake_case name")
    if len(set(value)) != len(value):
        raise TaxonomyError(f"{where}: duplicate attribute names in {value!r}")
    return tuple(value)


def _cues(raw: dict[str, Any], where: str) -> Cues:
    # a regex cue is a bare pattern or {pattern, label} (its shape checked by the schema)
    regex = raw.get("regex") or []
    patterns = [cue if isinstance(cue, str) else cue["pattern"] for cue in regex]
    labels = tuple(None if isinstance(cue, str) else cue["label"] for cue in regex)
    lists = {
        kind: _cue_list(patterns if kind == "regex" else raw.get(kind), kind, where)
        for kind in CUE_KINDS
    }
    for kind in ("headings", "phrases", "negative"):
        for phrase in lists[kind]:
            _check_phrase(phrase, kind, where)
    for pattern in lists["regex"]:
        _check_regex(pattern, where)
    clash = sorted(set(lists["phrases"]) & set(lists["negative"]))
    if clash:
        raise TaxonomyError(f"{where}: cue(s) both positive and negative: {clash}")
    return Cues(**lists, regex_labels=labels)


def _presence_needs_states(entry: dict[str, Any], where: str) -> bool:
    needs = bool(entry.get("presence_needs_states", False))
    if needs and not entry.get("states"):
        raise TaxonomyError(f"{where}: presence_needs_states without any states")
    return needs


def _states(value: list[str] | None, where: str) -> tuple[str, ...]:
    patterns = tuple(value or ())
    duplicates = sorted({p for p in patterns if patterns.count(p) > 1})
    if duplicates:
        raise TaxonomyError(f"{where}: duplicate states entries {duplicates}")
    for pattern in patterns:
        _check_regex(pattern, where)
    return patterns


def _cue_list(value: list[str] | None, kind: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    duplicates = sorted({v for v in value if value.count(v) > 1})
    if duplicates:
        raise TaxonomyError(f"{where}: duplicate cues.{kind} entries {duplicates}")
    return tuple(value)


def _check_phrase(phrase: str, kind: str, where: str) -> None:
    if not phrase.strip() or phrase != phrase.strip():
        raise TaxonomyError(f"{where}: cues.{kind} entry {phrase!r} is empty or padded")
    if phrase != phrase.lower():
        raise TaxonomyError(f"{where}: cues.{kind} entry {phrase!r} must be lowercase")
    # An ellipsis or a regex operator in a plain phrase would be matched literally, never
    # as intended: such cues belong in `regex`.
    if "..." in phrase or "…" in phrase or re.search(r"[\\*+?\[\]{}|^$]", phrase):
        raise TaxonomyError(
            f"{where}: cues.{kind} entry {phrase!r} looks like a pattern; put it in cues.regex"
        )


def _check_regex(pattern: str, where: str) -> None:
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise TaxonomyError(f"{where}: bad regex {pattern!r}: {exc}") from exc
    # A pattern that matches the empty string would fire on every sentence.
    if compiled.fullmatch(""):
        raise TaxonomyError(f"{where}: regex {pattern!r} matches the empty string")
    # Escapes such as \S or \B are case-significant operators, not letters to match.
    literal = re.sub(r"\\.", "", pattern)
    if literal != literal.lower():
        raise TaxonomyError(f"{where}: regex {pattern!r} must be written lowercase")
