"""Playbooks: what a contract of one type should say, as YAML data.

A playbook lists rules. A *presence* rule names a clause type that is `required` or
`recommended`; a *check* rule names a weak term as a comparison on one attribute of a clause
type (`uptime_pct < 99.5`) or on a fact about the whole contract (`contract.framework ==
false`). Every rule carries its severity, the reason in plain words, what to ask the
supplier for, and where the default comes from.

A playbook may `extends:` another (a shipped name or a path): its rules are added, and a
rule with an id the base already has overrides only the keys it states, so tuning one
threshold is one line. `disabled: true` drops an inherited rule.

A playbook also sets `check_floor`, the presence score (0.5 = the detector's tuned
threshold) from which an absent clause is reported as a `check` (the detector is unsure:
look at the likeliest text) rather than as missing; it is inherited like a rule.

A playbook file is read by the package's one validated loader (`contractkit.datafiles`:
the bounded safe YAML loader, then the `PlaybookFile` schema for keys and types); what a
schema cannot say is checked here: `extends`, the merge with an inherited rule, clause
types and attributes the taxonomy knows, a check's syntax. Malformed playbooks raise
`PlaybookError` naming the file, the line and what is wrong; so does any YAML problem,
including an alias bomb, a recursive alias or a Python tag, and a file that is not a
regular file or is larger than `MAX_PLAYBOOK_BYTES`.
"""

from __future__ import annotations

import operator
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import Field, field_validator

from contractkit import datafiles, safeyaml
from contractkit.datafiles import Schema
from contractkit.detect.hits import UNSURE
from contractkit.detect.taxonomy import Taxonomy, load_taxonomy
from contractkit.result import PRESENT

SEVERITIES = ("high", "medium", "low", "info")
PRESENCE = ("required", "recommended")
# Facts about the whole contract that checks may name as `contract.<fact>`.
CONTRACT_FACTS = ("framework", "type")
OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}
MAX_PLAYBOOK_BYTES = safeyaml.MAX_FILE_BYTES  # the shipped ones are a few kB
# Presence scores in [CHECK_FLOOR, PRESENT) make a presence rule a `check`, not a missing clause:
# from where the detector reports the type's likeliest unit to point at.
CHECK_FLOOR = UNSURE
_CHECK_RE = re.compile(r"^\s*((?:contract\.)?[a-z_][a-z0-9_]*)\s*(<=|>=|==|!=|<|>)\s*(\S.*?)\s*$")
_ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]*$"

_RULE_REQUIRED = ("clause_type", "severity", "reason", "suggestion")


def taxonomy() -> Taxonomy:
    """The packaged clause taxonomy (parsed once per process by `load_taxonomy`): rules name
    its types and attributes."""
    return load_taxonomy()


class PlaybookError(ValueError):
    """A malformed playbook: `file`, `line` (1-based, or None) and what is wrong."""

    def __init__(self, file: str, line: int | None, problem: str) -> None:
        self.file, self.line, self.problem = file, line, problem
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True, slots=True)
class Check:
    """`attribute op value`; a `contract.` attribute is a fact about the whole contract."""

    attribute: str
    op: str
    value: Any
    text: str

    @property
    def on_contract(self) -> bool:
        return self.attribute.startswith("contract.")

    def fails(self, actual: Any) -> bool:
        """True when `actual` makes the term weak. `== null` asks whether it is unstated."""
        if self.value is None:
            return OPERATORS[self.op](actual, None)
        if actual is None:
            return False
        try:
            return OPERATORS[self.op](actual, self.value)
        except TypeError:  # e.g. a list where a number was expected: not this check's case
            return False


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    clause_type: str
    severity: str
    reason: str
    suggestion: str
    presence: str | None = None
    check: Check | None = None
    also: tuple[str, ...] = ()
    source: str = ""
    file: str = ""
    line: int | None = None

    @property
    def types(self) -> tuple[str, ...]:
        """The clause types that satisfy a presence rule (e.g. a cap also limits liability)."""
        return (self.clause_type, *self.also)


@dataclass(frozen=True, slots=True)
class Playbook:
    name: str
    contract_type: str | None
    rules: tuple[Rule, ...]
    source: str = ""
    files: tuple[str, ...] = field(default_factory=tuple)
    # presence from here up to PRESENT: a `check` finding instead of `missing_clause`
    check_floor: float = CHECK_FLOOR

    def __post_init__(self) -> None:
        problem = _floor_problem(self.check_floor)
        if problem:  # e.g. dataclasses.replace(playbook, check_floor=0.7)
            raise PlaybookError(self.files[-1] if self.files else self.name, None, problem)

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


def _floor_problem(value: Any) -> str | None:
    """What is wrong with a `check_floor` value, or None."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < PRESENT:
        return (
            f"check_floor must be a number between 0 and {PRESENT} (both excluded; presence"
            f" {PRESENT} is the detector's threshold), not {value!r}"
        )
    return None


# -- loading -------------------------------------------------------------------------


class RuleEntry(Schema):
    """One entry of a playbook's `rules` as written: a whole rule, or only the keys of an
    inherited rule (same id) that it overrides. What the entry must hold once merged with
    the rule it overrides (a severity, exactly one of presence and check, known clause
    types) is checked on the merged rule (`_rule`)."""

    id: str = Field(pattern=_ID_PATTERN)
    clause_type: str = ""
    also: list[str] = Field(default_factory=list)
    presence: str = ""
    check: str = ""
    severity: str = ""
    reason: str = ""
    suggestion: str = ""
    source: str = ""
    disabled: bool = False


class PlaybookFile(Schema):
    """The schema of a playbook file (`playbooks/*.yaml` or a user's)."""

    name: str
    contract_type: str = ""
    description: str = ""
    source: str = ""
    extends: str = ""
    check_floor: float = CHECK_FLOOR
    rules: list[RuleEntry] = Field(default_factory=list)

    @field_validator("check_floor")
    @classmethod
    def _floor_in_range(cls, value: float) -> float:
        problem = _floor_problem(value)
        if problem:
            raise ValueError(problem)
        return value


def _describer(data: datafiles.LineDict) -> Callable[[list[dict[str, Any]]], str]:
    """Pydantic's first problem with playbook `data` in the words playbook errors use:
    `rule 'a.b': unknown key 'treshold' (known: ...)`, `playbook: 'check_floor' must be a
    number, not 'soon'`."""

    def describe(errors: list[dict[str, Any]]) -> str:
        detail = errors[0]
        loc, kind = detail["loc"], detail["type"]
        if loc[:1] == ("rules",) and len(loc) >= 2:
            rule, key, schema = data["rules"][loc[1]], loc[2:], RuleEntry
            what = f"rule {rule.get('id', '?')!r}" if isinstance(rule, dict) else "rules"
        else:
            key, schema, what = loc, PlaybookFile, "playbook"
        if not key:  # a rule that is not a mapping
            return f"rules: each rule is a mapping, not {datafiles.shown(detail['input'])}"
        name = "".join(f"[{k}]" if isinstance(k, int) else k for k in key)
        if key == ("id",) and kind in ("missing", "string_pattern_mismatch"):
            return "rule: 'id' must be lowercase, e.g. saas.sla"
        if kind == "extra_forbidden":
            return f"{what}: unknown key {name!r} (known: {', '.join(schema.model_fields)})"
        if kind == "missing":
            return f"{what}: missing {name!r}"
        if expected := datafiles.expected(detail):
            return f"{what}: {name!r} must be {expected}, not {datafiles.shown(detail['input'])}"
        if kind == "value_error":  # the check_floor's range: its own words
            return str(detail["ctx"]["error"])
        return datafiles.problem_of(errors)

    return describe


def parse_check(text: str, clause_type: str, file: str = "", line: int | None = None) -> Check:
    """`uptime_pct < 99.5` → Check; names the attribute's clause type in errors."""
    match = _CHECK_RE.match(text)
    if not match:
        raise PlaybookError(
            file, line, f"check {text!r}: write 'attribute op value', e.g. 'uptime_pct < 99.5'"
        )
    attribute, op, raw = match.groups()
    try:
        value = safeyaml.load(raw)
    except yaml.YAMLError:
        raise PlaybookError(file, line, f"check {text!r}: {raw!r} is not a value") from None
    if attribute.startswith("contract."):
        if attribute.removeprefix("contract.") not in CONTRACT_FACTS:
            facts = ", ".join(f"contract.{f}" for f in CONTRACT_FACTS)
            raise PlaybookError(file, line, f"check {text!r}: unknown fact (known: {facts})")
    else:
        known = taxonomy()[clause_type].attributes
        if attribute not in known:
            raise PlaybookError(
                file,
                line,
                f"check {text!r}: {clause_type} has no attribute {attribute!r}"
                f" (known: {', '.join(known) or 'none'})",
            )
    if op in ("<", "<=", ">", ">=") and not isinstance(value, int | float):
        raise PlaybookError(file, line, f"check {text!r}: {op} needs a number, not {value!r}")
    return Check(attribute, op, value, text.strip())


def _rule(raw: dict[str, Any], base: Rule | None, file: str, line: int) -> Rule:
    """A complete rule from its own keys over those of the rule it overrides, if any."""
    merged: dict[str, Any] = {}
    if base is not None:
        merged = {
            "clause_type": base.clause_type,
            "also": list(base.also),
            "severity": base.severity,
            "reason": base.reason,
            "suggestion": base.suggestion,
            "source": base.source,
            "presence": base.presence,
            "check": base.check.text if base.check else None,
        }
        # a rule is either a presence rule or a check: stating one replaces the other
        if "check" in raw:
            merged["presence"] = None
        if "presence" in raw:
            merged["check"] = None
    merged.update(raw)
    rule_id = merged["id"]
    for key in _RULE_REQUIRED:
        if not merged.get(key):
            raise PlaybookError(file, line, f"rule {rule_id!r}: missing {key!r}")
    types = taxonomy()
    clause_type = merged["clause_type"]
    check_text = merged.get("check")
    contract_level = bool(check_text) and check_text.strip().startswith("contract.")
    if clause_type not in types and not contract_level:
        raise PlaybookError(file, line, f"rule {rule_id!r}: unknown clause type {clause_type!r}")
    for other in merged.get("also") or []:
        if other not in types:
            raise PlaybookError(file, line, f"rule {rule_id!r}: unknown clause type {other!r}")
    if merged["severity"] not in SEVERITIES:
        raise PlaybookError(
            file, line, f"rule {rule_id!r}: severity must be one of {', '.join(SEVERITIES)}"
        )
    presence = merged.get("presence")
    if bool(presence) == bool(check_text):
        raise PlaybookError(file, line, f"rule {rule_id!r}: give exactly one of presence, check")
    if presence and presence not in PRESENCE:
        raise PlaybookError(
            file, line, f"rule {rule_id!r}: presence must be one of {', '.join(PRESENCE)}"
        )
    return Rule(
        id=rule_id,
        clause_type=clause_type,
        severity=merged["severity"],
        reason=" ".join(merged["reason"].split()),
        suggestion=" ".join(merged["suggestion"].split()),
        presence=presence,
        check=parse_check(check_text, clause_type, file, line) if check_text else None,
        also=tuple(merged.get("also") or ()),
        source=merged.get("source") or "",
        file=file,
        line=line,
    )


def _shipped(name: str) -> Path | None:
    resource = resources.files("contractkit.review").joinpath("playbooks", f"{name}.yaml")
    return Path(str(resource)) if resource.is_file() else None


def shipped_playbooks() -> list[str]:
    """Names of the playbooks that come with contractkit (one per contract type, and common)."""
    folder = resources.files("contractkit.review").joinpath("playbooks")
    return sorted(
        p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml")
    )


def _resolve(reference: str, relative_to: Path | None) -> Path:
    shipped = _shipped(reference)
    if shipped is not None and not reference.endswith((".yaml", ".yml")):
        return shipped
    path = Path(reference)
    if not path.is_absolute() and relative_to is not None:
        path = relative_to.parent / path
    return path


def load_playbook(reference: str | os.PathLike[str], _seen: tuple[str, ...] = ()) -> Playbook:
    """A shipped playbook by name (`saas`) or a user's playbook file, with what it extends."""
    path = _resolve(str(reference), None) if not _seen else Path(reference)
    file = str(path)
    if file in _seen:
        raise PlaybookError(file, None, f"extends itself through {' → '.join(_seen)}")
    return _parse(datafiles.read_text(path, _unreadable), file, (*_seen, file))


def _unreadable(file: str, line: int | None, problem: str) -> PlaybookError:
    """A playbook file that cannot be read: the error names the shipped playbooks too."""
    if problem.startswith("cannot read"):
        problem = f"{problem}; shipped: {', '.join(shipped_playbooks())}"
    return PlaybookError(file, line, problem)


def parse_playbook(text: str, file: str = "<string>") -> Playbook:
    """Validate playbook YAML `text`; `file` names it in errors and anchors `extends`."""
    return _parse(text, file, (file,))


def _parse(text: str, file: str, seen: tuple[str, ...]) -> Playbook:
    data = datafiles.compose(text, file, PlaybookError)
    if data is None:
        raise PlaybookError(file, 1, "the playbook is empty")
    if not isinstance(data, datafiles.LineDict):
        raise PlaybookError(file, 1, "a playbook is a mapping with 'name' and 'rules'")
    playbook = datafiles.validate(data, PlaybookFile, file, PlaybookError, _describer(data))
    stated = playbook.model_fields_set
    base: Playbook | None = None
    if "extends" in stated:
        target = _resolve(playbook.extends, Path(file))
        try:
            base = load_playbook(target, seen)
        except PlaybookError as error:
            if error.file != str(target) or error.line is not None:
                raise
            raise PlaybookError(
                file, data.key_lines["extends"], f"extends {playbook.extends!r}: {error.problem}"
            ) from None
    if "rules" not in stated and base is None:
        raise PlaybookError(file, data.line, "playbook: missing 'rules'")
    rules: dict[str, Rule] = {rule.id: rule for rule in base.rules} if base else {}
    for entry, raw in zip(playbook.rules, data.get("rules", []), strict=True):
        if entry.disabled:
            rules.pop(entry.id, None)
            continue
        keys = entry.model_dump(include=entry.model_fields_set - {"disabled"})
        rules[entry.id] = _rule(keys, rules.get(entry.id), file, raw.line)
    if base is None:  # nothing inherited: a playbook's defaults
        base = Playbook(name="", contract_type=None, rules=())
    return Playbook(
        name=playbook.name,
        contract_type=playbook.contract_type if "contract_type" in stated else base.contract_type,
        rules=tuple(rules.values()),
        source=playbook.source if "source" in stated else base.source,
        files=(*base.files, file),
        check_floor=playbook.check_floor if "check_floor" in stated else base.check_floor,
    )


@cache
def shipped_playbook(contract_type: str) -> Playbook:
    """The shipped playbook for a contract type (`other` when there is none for it)."""
    return load_playbook(contract_type if _shipped(contract_type) else "other")
