"""Contract explorer: one contract's clauses by type, each shown on its page and as text."""

from __future__ import annotations

import os
from collections.abc import Iterable

import ipywidgets as widgets
import pandas as pd

from contractkit.model import HiddenText
from contractkit.result import ClauseHit, ContractResult
from contractkit.scan import analyze
from contractkit.widgets.base import ContractPanel, contract_dropdown, select_first
from contractkit.widgets.markup import (
    attributes_text,
    clause_span_html,
    definition_list,
    table_html,
)
from contractkit.widgets.pages import PageCache, show_on_page

# The page picture and the clause column keep their width; the clause-type table takes the rest.
_FIXED = {"flex": "0 0 auto"}
_FIXED_COLUMN = {"width": "470px", **_FIXED}


class ContractExplorer(ContractPanel):
    """Pick a contract, then a clause: its page with the clause boxed, and its text.

    `contracts` may be scanned results or paths (analyzed here, one by one)."""

    def __init__(
        self,
        contracts: Iterable[ContractResult | str | os.PathLike[str]] = (),
        pages: PageCache | None = None,
    ) -> None:
        self.pages = PageCache() if pages is None else pages  # an empty cache is falsy
        self.contract = contract_dropdown()
        self.clause_types = widgets.HTML()
        self.clauses = widgets.Select(description="Clause", rows=14, layout={"width": "460px"})
        self.clause_text = widgets.HTML(layout={"width": "460px"})
        self.page = widgets.Image(format="png", layout={"border": "1px solid #ccc", **_FIXED})
        self.page.add_class("contractkit-page")
        self.clause_text.add_class("contractkit-clause-text")
        self.clauses.observe(lambda change: self._show_clause(change.new), "value")
        super().__init__(
            [
                self.contract,
                widgets.HBox(
                    [
                        widgets.VBox([self.clauses, self.clause_text], layout=_FIXED_COLUMN),
                        self.page,
                        self.clause_types,
                    ]
                ),
            ],
            [c if isinstance(c, ContractResult) else analyze(c) for c in contracts],
        )
        self.add_class("contractkit-explorer")

    # -- what is shown --------------------------------------------------------------

    @property
    def current_clause(self) -> ClauseHit | None:
        contract, index = self.current, self.clauses.value
        if contract is None or index is None or index < 0:
            return None
        return contract.clauses[index]

    @property
    def current_hidden_text(self) -> HiddenText | None:
        """The hidden text chosen in the list (listed after the clauses), if any."""
        contract, index = self.current, self.clauses.value
        if contract is None or index is None or index >= 0:
            return None
        return contract.hidden_text[-index - 1]

    # -- redrawing --------------------------------------------------------------------

    def show_contract(self, contract: ContractResult | None) -> None:
        clauses = contract.clauses if contract else []
        order = sorted(range(len(clauses)), key=lambda i: (clauses[i].type, -clauses[i].score))
        hidden = contract.hidden_text if contract else []
        self.clauses.options = [(_clause_label(clauses[i]), i) for i in order] + [
            (_hidden_label(item), -i - 1) for i, item in enumerate(hidden)
        ]
        self.clause_types.value = _clause_types_html(clauses)
        if contract is not None and contract.error:
            self.clause_text.value = definition_list(
                [(contract.error.code, contract.error.message)]
            )
        select_first(self.clauses, self._show_clause)

    def _show_clause(self, index: int | None) -> None:
        contract, hit = self.current, None
        if contract is not None and index is not None:
            hit = contract.clauses[index] if index >= 0 else contract.hidden_text[-index - 1]
        if isinstance(hit, HiddenText):
            self.clause_text.value = _hidden_html(hit)
        elif hit is not None:
            self.clause_text.value = _clause_html(hit)
        elif contract is None or not contract.error:
            self.clause_text.value = ""
        show_on_page(self.page, self.pages, contract, hit)

    def __repr__(self) -> str:
        contract, hit = self.current, self.current_clause
        shown = os.path.basename(contract.file) if contract else None
        clause = f"{hit.type} p.{hit.page}" if hit else None
        return f"ContractExplorer({len(self.results)} contracts, showing={shown!r}, {clause=})"


def _clause_label(hit: ClauseHit) -> str:
    where = f"p.{hit.page}" if hit.page else "text"
    return " · ".join(
        filter(None, [hit.type, f"{hit.score:.2f}", where, attributes_text(hit.attributes)])
    )


def _hidden_label(item: HiddenText) -> str:
    where = f"p.{item.page}" if item.page else "text"
    return f"⚠ hidden from the reader · {where} · {item.text[:40]}"


def _hidden_html(item: HiddenText) -> str:
    return definition_list(
        [
            ("hidden text", item.text),
            ("why", f"{item.reason}; left out of detection and review"),
        ]
    )


def _clause_types_html(clauses: list[ClauseHit]) -> str:
    """One row per clause type: how many hits, the best confidence, pages, attributes."""
    if not clauses:
        return ""
    frame = pd.DataFrame(
        {
            "type": c.type,
            "score": c.score,
            "page": c.page,
            "attributes": attributes_text(c.attributes),
        }
        for c in clauses
    )
    grouped = frame.groupby("type", sort=True).agg(
        hits=("score", "size"),
        best=("score", "max"),
        pages=("page", lambda p: ", ".join(str(int(v)) for v in sorted(set(p.dropna())))),
        attributes=("attributes", lambda a: "; ".join(sorted({v for v in a if v}))),
    )
    grouped["best"] = grouped["best"].map("{:.2f}".format)
    return table_html(grouped.reset_index())


def _clause_html(hit: ClauseHit) -> str:
    facts = [("section", hit.section or "—"), ("why", hit.explanation or "—")]
    if hit.attributes:
        facts.append(("attributes", attributes_text(hit.attributes)))
    return clause_span_html(hit) + definition_list(facts)
