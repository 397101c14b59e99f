"""Playbooks are YAML data: shipped per contract type, validated with file:line errors,
and extensible by users."""

from __future__ import annotations

import textwrap

import pytest
from conftest import SAMPLES

import contractkit
from contractkit.review import CONTRACT_TYPES, PlaybookError, load_playbook, shipped_playbooks


def test_one_shipped_playbook_per_contract_type_every_rule_sourced():
    assert set(CONTRACT_TYPES) <= set(shipped_playbooks())
    for name in CONTRACT_TYPES:
        playbook = load_playbook(name)
        assert playbook.contract_type == name
        assert playbook.rules, name
        for rule in playbook.rules:
            assert rule.source and rule.reason and rule.suggestion, rule.id


# The issue's thresholds: (playbook, clause type, attribute, a value it calls weak, one it
# accepts). Each is checked by what the review does with a clause stating the value.
ISSUE_THRESHOLDS = [
    ("saas", "sla", "uptime_pct", 99.0, 99.9),
    ("hardware_purchase", "warranty", "duration_months", 6, 24),
    ("hardware_purchase", "returns", "window_days", 7, 30),
    ("software_license", "audit_rights", "notice_days", 10, 45),
    ("software_license", "audit_rights", "max_per_year", 4, 1),
    ("daas_rental", "data_erasure", "certificate", False, True),
    ("daas_rental", "data_erasure", "deadline_days", 60, 14),
    ("saas", "notice_period_to_terminate_renewal", "days", 180, 60),
]


def weak_term_messages(playbook: str, clause_type: str, attributes: dict) -> list[str]:
    """The weak_term messages of a contract holding one clause of `clause_type` that states
    `attributes`, reviewed with `playbook`."""
    from contractkit.result import ClauseHit, ContractResult
    from contractkit.review import review_as
    from contractkit.review.contract_type import override_contract_type

    hit = ClauseHit(
        type=clause_type, text="The clause.", score=0.9, start=0, end=11, attributes=attributes
    )
    result = ContractResult(file="c.txt", engine="text", clauses=[hit], presence={clause_type: 0.9})
    review_as(result, override_contract_type(playbook))
    return [
        f.message for f in result.findings if f.kind == "weak_term" and f.clause_type == clause_type
    ]


@pytest.mark.parametrize(
    ("playbook", "clause_type", "attribute", "weak", "fine"),
    ISSUE_THRESHOLDS,
    ids=[f"{t[1]}.{t[2]}" for t in ISSUE_THRESHOLDS],
)
def test_the_shipped_playbooks_flag_the_issue_thresholds(
    playbook, clause_type, attribute, weak, fine
):
    flagged = weak_term_messages(playbook, clause_type, {attribute: weak})
    assert any(f"{attribute} = {weak}" in m for m in flagged), flagged
    accepted = weak_term_messages(playbook, clause_type, {attribute: fine})
    assert not any(f"{attribute} = " in m for m in accepted), accepted


def _write(tmp_path, text, name="mine.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip())
    return path


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("name: x\nrules:\n  - id: a\n    reason: a: b\n", 4, "not valid YAML: mapping values"),
        (
            "name: x\nrules:\n  - id: a.b\n    clause_type: sla\n    presence: required\n"
            "    severity: urgent\n    reason: r\n    suggestion: s\n",
            3,
            "severity must be one of high, medium, low, info",
        ),
        (
            "name: x\nrules:\n  - id: a.b\n    clause_type: sla\n    check: uptime < 99\n"
            "    severity: high\n    reason: r\n    suggestion: s\n",
            3,
            "sla has no attribute 'uptime' (known: uptime_pct",
        ),
        (
            "name: x\nrules:\n  - id: a.b\n    clause_type: sla\n    presence: required\n"
            "    severity: high\n    reason: r\n    suggestion: s\n    treshold: 3\n",
            9,
            "unknown key 'treshold'",
        ),
        (
            "name: x\nrules:\n  - id: a.b\n    clause_type: slaa\n    presence: required\n"
            "    severity: high\n    reason: r\n    suggestion: s\n",
            3,
            "unknown clause type 'slaa'",
        ),
        (
            "name: x\nrules:\n  - id: a.b\n    clause_type: sla\n    presence: required\n",
            3,
            "missing 'severity'",
        ),
        ("name: x\nextends: nosuch\n", 2, "extends 'nosuch': cannot read"),
        (
            "name: x\nextends: saas\n\ncheck_floor: 0.7\n",
            4,
            "check_floor must be a number between 0 and 0.5",
        ),
        ("name: x\nextends: saas\ncheck_floor: 0\n", 3, "check_floor must be a number between"),
        ("name: x\nextends: saas\ncheck_floor: soon\n", 3, "'check_floor' must be a number"),
        ("name: x\nextends: saas\ncheck_floor: true\n", 3, "'check_floor' must be a number"),
        ("name: x\nextends: saas\nrules:\n  - sla\n", 4, "rules: each rule is a mapping"),
        (
            "name: x\nrules:\n  - id: a.b\n    clause_type: sla\n    also: [1]\n",
            5,
            "rule 'a.b': 'also[0]' must be text, not 1",
        ),
        ("name: x\nextends: saas\nrules:\n  - id: A.B\n", 4, "'id' must be lowercase"),
    ],
)
def test_a_malformed_playbook_names_file_line_and_problem(tmp_path, text, line, problem):
    path = _write(tmp_path, text)
    with pytest.raises(PlaybookError) as caught:
        load_playbook(path)
    error = caught.value
    assert error.file == str(path)
    assert error.line == line
    assert problem in error.problem
    assert str(error).startswith(f"{path}:{line}: ")


def test_a_playbook_cannot_extend_itself_in_a_circle(tmp_path):
    _write(tmp_path, "name: a\nextends: b.yaml\n", "a.yaml")
    _write(tmp_path, "name: b\nextends: a.yaml\n", "b.yaml")
    with pytest.raises(PlaybookError, match="extends itself"):
        load_playbook(tmp_path / "a.yaml")


def test_a_user_playbook_extends_a_shipped_one(tmp_path):
    path = _write(
        tmp_path,
        """
        name: our hardware
        extends: hardware_purchase
        rules:
          - id: hw.warranty.duration      # tune one threshold, keep the rest of the rule
            check: duration_months < 24
          - id: hw.framework              # we buy one-off on purpose
            disabled: true
          - id: ours.insurance
            clause_type: insurance
            presence: required
            severity: low
            reason: Our insurer asks for it.
            suggestion: Ask for a certificate of insurance.
        """,
    )
    playbook = load_playbook(path)
    base = load_playbook("hardware_purchase")
    assert playbook.rule("hw.warranty.duration").check.value == 24
    assert playbook.rule("hw.warranty.duration").reason == base.rule("hw.warranty.duration").reason
    with pytest.raises(KeyError):
        playbook.rule("hw.framework")
    assert playbook.rule("common.liability.required")  # inherited through hardware → common
    assert len(playbook.rules) == len(base.rules)  # one dropped, one added

    result = contractkit.analyze(SAMPLES / "poor_supplier_terms.pdf", playbook=path)
    rules = {f.rule_id for f in result.findings}
    assert "ours.insurance" in rules and "hw.framework" not in rules
    assert result.contract_type["playbook"] == "our hardware"
