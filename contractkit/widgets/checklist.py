"""Missing-clause checklist: one contract against a playbook, and what its gaps cost.

Each clause type a playbook requires or recommends is present, weak (present, but a
weak-term finding names it), unsure (a `check` finding: the detector is not sure it is
there, so a reader should look at the likeliest text) or missing; clicking it shows the
evidence (the clause boxed on its page, or what to ask the supplier for). The cost of gaps
follows the findings (a check is not a gap), for a device count and per-device costs the
reader sets.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
import pandas as pd

from contractkit.result import ClauseHit, ContractResult, Finding
from contractkit.review import review_as
from contractkit.review.contract_type import CONTRACT_TYPES, override_contract_type
from contractkit.review.costs import cost_of_gaps, load_cost_model
from contractkit.review.evidence import present
from contractkit.review.findings import SEVERITY_ORDER
from contractkit.review.playbook import (
    Playbook,
    Rule,
    load_playbook,
    shipped_playbook,
    shipped_playbooks,
    taxonomy,
)
from contractkit.scan import analyze
from contractkit.widgets.base import ContractPanel, contract_dropdown
from contractkit.widgets.heatmap import CHECK, MISSING, PRESENT, WEAK
from contractkit.widgets.markup import clause_span_html, definition_list, escape, table_html
from contractkit.widgets.pages import PageCache, show_on_page

AUTO = "auto"
STATE_STYLES = {PRESENT: "success", WEAK: "warning", MISSING: "danger", CHECK: "info"}
STATE_MARKS = {PRESENT: "✓", WEAK: "!", MISSING: "✗", CHECK: "?"}
STATE_TEXTS = {PRESENT: "present", WEAK: "weak", MISSING: "missing", CHECK: "unsure — check"}


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One clause type a playbook asks for, and how the contract stands on it."""

    clause_type: str
    presence: str  # required | recommended
    state: str  # PRESENT | WEAK | CHECK | MISSING
    findings: tuple[Finding, ...]  # the missing-clause, check or weak-term findings
    # clause indexes: the likeliest text of a check, or the weak clauses first, then the
    # present ones
    evidence: tuple[int, ...]

    @property
    def label(self) -> str:
        name = taxonomy()[self.clause_type].name
        return f"{STATE_MARKS[self.state]} {name} ({self.presence}): {STATE_TEXTS[self.state]}"


def reviewed_under(result: ContractResult, playbook: str, contract_type: str) -> ContractResult:
    """`result` reviewed with another playbook or contract type (AUTO: as analyzed), on a
    copy so the panels sharing `result` keep theirs. Only findings and type are re-derived
    (the reading text is not at hand, so the copy's licence entitlements are not read)."""
    if not result.ok or (playbook == AUTO and contract_type == AUTO):
        return result
    kind = (
        dict(result.contract_type or override_contract_type("other"))
        if contract_type == AUTO
        else override_contract_type(contract_type)
    )
    copy = dataclasses.replace(result, findings=[], license_audit=None)
    return review_as(copy, kind, None if playbook == AUTO else playbook)


def checklist_items(result: ContractResult, playbook: Playbook) -> list[ChecklistItem]:
    """The playbook's presence rules as checklist items (one per clause type, required
    first), each stated from `result`'s findings under that playbook."""
    rules: dict[str, Rule] = {}
    for rule in sorted(
        (r for r in playbook.rules if r.presence), key=lambda r: r.presence != "required"
    ):
        rules.setdefault(rule.clause_type, rule)
    return [_item(result, rule) for rule in rules.values()]


def _item(result: ContractResult, rule: Rule) -> ChecklistItem:
    own = [f for f in result.findings if f.rule_id == rule.id]  # the presence rule's
    missing = [f for f in own if f.kind != "check"]
    unsure = [f for f in own if f.kind == "check"]
    weak = [f for f in result.findings if f.kind == "weak_term" and f.clause_type in rule.types]
    state = MISSING if missing else CHECK if unsure else WEAK if weak else PRESENT
    cited = [i for f in (*unsure, *weak) for i in f.cited]
    evidence = tuple(dict.fromkeys(cited + present(result, rule.types)))
    return ChecklistItem(
        rule.clause_type, rule.presence or "", state, tuple(missing or unsure or weak), evidence
    )


class MissingClauseChecklist(ContractPanel):
    """Pick a contract (and, if need be, a playbook or contract type): the checklist of the
    clauses the playbook asks for, evidence on click, and the cost of the gaps.

    `contracts` may be scanned results or paths; `pages` is shared with an explorer so a page
    is rendered once; `cost_model` is a cost-model mapping or YAML file (default: shipped)."""

    def __init__(
        self,
        contracts: Iterable[ContractResult | str | os.PathLike[str]] = (),
        pages: PageCache | None = None,
        cost_model: str | os.PathLike[str] | Mapping[str, Any] | None = None,
    ) -> None:
        self.pages = PageCache() if pages is None else pages  # an empty cache is falsy
        self.model = load_cost_model(cost_model)
        self.reviewed: ContractResult | None = None
        self.items: list[ChecklistItem] = []
        self.buttons: dict[str, widgets.Button] = {}
        self.contract = contract_dropdown()
        self.playbook = widgets.Dropdown(
            options=[("auto (from the contract type)", AUTO), *_pairs(shipped_playbooks())],
            description="Playbook",
        )
        self.contract_type = widgets.Dropdown(
            options=[("auto (as detected)", AUTO), *_pairs(CONTRACT_TYPES)], description="Type"
        )
        self.summary = widgets.HTML()
        self.checklist = widgets.VBox(layout={"width": "470px", "flex": "0 0 auto"})
        self.evidence = widgets.HTML(layout={"width": "470px"})
        self.page = widgets.Image(format="png", layout={"border": "1px solid #ccc"})
        self.devices = widgets.IntSlider(
            value=self.model.get("devices", 100), min=1, max=2000, description="Devices"
        )
        self.per_device = {
            line["id"]: widgets.FloatText(
                value=line["per_device"],
                description=f"{line['id'].replace('_', ' ')} per device",
                style={"description_width": "initial"},
                layout={"width": "300px"},
            )
            for line in self.model["lines"]
        }
        self.costs = widgets.HTML()
        self.cost_total = widgets.HTML()
        self.summary.add_class("contractkit-checklist-summary")
        self.checklist.add_class("contractkit-checklist")
        self.evidence.add_class("contractkit-checklist-evidence")
        self.page.add_class("contractkit-checklist-page")
        self.cost_total.add_class("contractkit-cost-total")
        for control in (self.playbook, self.contract_type):
            control.observe(lambda _: self.show_contract(self.current), "value")
        for control in (self.devices, *self.per_device.values()):
            control.observe(lambda _: self._show_costs(), "value")
        super().__init__(
            [
                widgets.HBox([self.contract, self.playbook, self.contract_type]),
                self.summary,
                widgets.HBox([self.checklist, widgets.VBox([self.evidence, self.page])]),
                widgets.HTML("<b>Cost of gaps</b>"),
                widgets.HBox([self.devices, *self.per_device.values()]),
                self.costs,
                self.cost_total,
            ],
            [c if isinstance(c, ContractResult) else analyze(c) for c in contracts],
        )
        self.add_class("contractkit-checklist-panel")

    # -- what is shown --------------------------------------------------------------------

    def item(self, clause_type: str) -> widgets.Button:
        """The checklist button of one clause type (KeyError if the playbook omits it)."""
        return self.buttons[clause_type]

    @property
    def states(self) -> dict[str, str]:
        """Clause type → PRESENT, WEAK, CHECK or MISSING, as the checklist shows them."""
        return {item.clause_type: item.state for item in self.items}

    @property
    def cost_model(self) -> dict[str, Any]:
        """The cost model with the per-device costs as edited."""
        lines = [
            {**line, "per_device": self.per_device[line["id"]].value}
            for line in self.model["lines"]
        ]
        return {**self.model, "lines": lines}

    @property
    def cost_table(self) -> pd.DataFrame:
        findings = self.reviewed.findings if self.reviewed else []
        return cost_of_gaps(findings, devices=self.devices.value, model=self.cost_model)

    @property
    def total_cost(self) -> float:
        return float(self.cost_table["amount"].sum())

    # -- redrawing --------------------------------------------------------------------

    def show_contract(self, contract: ContractResult | None) -> None:
        self.reviewed = None if contract is None else self._review(contract)
        if self.reviewed is None or not self.reviewed.ok:
            self.items = []
            error = contract.error if contract is not None else None
            self.summary.value = definition_list([(error.code, error.message)]) if error else ""
        else:
            self.items = checklist_items(self.reviewed, self._playbook(self.reviewed))
            self.summary.value = _summary_html(self.reviewed, self.items)
        self.buttons = {item.clause_type: self._button(item) for item in self.items}
        self.checklist.children = list(self.buttons.values())
        first = next((i for i in self.items if i.state != PRESENT), None)
        self.show_evidence(first.clause_type if first else None)
        self._show_costs()

    def show_evidence(self, clause_type: str | None) -> None:
        """The clause behind one checklist item on its page, or what is missing and why."""
        item = next((i for i in self.items if i.clause_type == clause_type), None)
        hit = None
        if item is not None and item.evidence:
            hit = self.reviewed.clauses[item.evidence[0]]
        self.evidence.value = "" if item is None else _evidence_html(item, hit)
        show_on_page(self.page, self.pages, self.reviewed, hit)

    def _review(self, contract: ContractResult) -> ContractResult:
        return reviewed_under(contract, self.playbook.value, self.contract_type.value)

    def _playbook(self, reviewed: ContractResult) -> Playbook:
        if self.playbook.value == AUTO:
            return shipped_playbook(reviewed.contract_type["label"])
        return load_playbook(self.playbook.value)

    def _button(self, item: ChecklistItem) -> widgets.Button:
        button = widgets.Button(
            description=item.label,
            button_style=STATE_STYLES[item.state],
            tooltip=f"{item.clause_type}: {STATE_TEXTS[item.state]}",
            layout={"width": "460px"},
        )
        button.on_click(lambda _: self.show_evidence(item.clause_type))
        return button

    def _show_costs(self) -> None:
        table = self.cost_table
        applied = table[table["applies"]]
        self.costs.value = table_html(
            applied[["label", "triggered_by", "per_device", "devices", "amount"]]
        )
        currency = self.model.get("currency", "")
        self.cost_total.value = (
            f"<b>Cost of gaps: {escape(currency)} {self.total_cost:,.0f}</b> for"
            f" {self.devices.value} devices ({len(applied)} of {len(table)} cost lines apply)"
        )

    def __repr__(self) -> str:
        contract = self.current
        shown = os.path.basename(contract.file) if contract else None
        counts = {s: sum(i.state == s for i in self.items) for s in STATE_STYLES}
        playbook = (self.reviewed.contract_type or {}).get("playbook") if self.reviewed else None
        return (
            f"MissingClauseChecklist({len(self.results)} contracts, showing={shown!r},"
            f" {playbook=}, {counts}, cost={self.model.get('currency', '')} {self.total_cost:,.0f})"
        )


def _pairs(names: Iterable[str]) -> list[tuple[str, str]]:
    """Dropdown options as (label, value) pairs: ipywidgets reads a list mixing pairs and
    plain names as values only."""
    return [(name, name) for name in names]


def _summary_html(result: ContractResult, items: list[ChecklistItem]) -> str:
    kind = result.contract_type or {}
    checks = sum(i.state == CHECK for i in items)
    gaps = sum(i.state in (WEAK, MISSING) for i in items)
    status = f"{len(items) - gaps - checks} of {len(items)} in order, {gaps} to fix"
    if checks:  # the detector is unsure of these: neither in order nor a gap yet
        status += f", {checks} to check"
    return definition_list(
        [
            ("type", f"{kind.get('label')} ({kind.get('explanation')})"),
            ("playbook", kind.get("playbook")),
            ("checklist", status),
        ]
    )


def _evidence_html(item: ChecklistItem, hit: ClauseHit | None) -> str:
    facts: list[tuple[str, object]] = [("state", f"{STATE_TEXTS[item.state]} ({item.presence})")]
    for f in sorted(item.findings, key=lambda f: SEVERITY_ORDER[f.severity]):
        facts += [(f"{f.severity} {f.kind}", f.message), ("ask for", f.suggestion)]
    if hit is None:
        return definition_list(facts)
    facts.append(("page", hit.page or "— (text contract)"))
    return definition_list(facts) + clause_span_html(hit)
