"""What every contractkit widget is: a panel showing a list of scanned contracts.

A panel owns its controls, redraws itself in `show()` whenever `results` is set, and can be
fed by another panel with `traitlets.dlink((source, "results"), (panel, "results"))`.
`ContractPanel` shows one contract of them at a time (explorer, checklist, licence audit).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence

import ipywidgets as widgets
import traitlets

from contractkit.result import ContractResult, ScanResults


class ResultsPanel(widgets.VBox):
    """A vertical box of controls over `results` (kernel-side only, never sent to the page)."""

    results = traitlets.List(help="the ContractResults this panel shows")

    def __init__(
        self,
        children: Sequence[widgets.Widget],
        results: Iterable[ContractResult] = (),
        **kwargs,
    ) -> None:
        super().__init__(children=list(children), **kwargs)
        self.results = list(results)
        self.show(self.scan_results)
        self.observe(lambda change: self.show(ScanResults(change.new)), "results")

    @property
    def scan_results(self) -> ScanResults:
        """`results` with the `.contracts` / `.clauses` DataFrames."""
        return ScanResults(self.results)

    def show(self, results: ScanResults) -> None:
        """Redraw every control for `results`."""
        raise NotImplementedError

    def __repr__(self) -> str:
        # The default repr lists every child's state (PNG bytes included); notebooks
        # compare this text, so it says only what the panel shows.
        return f"{type(self).__name__}({len(self.results)} contracts)"


class ContractPanel(ResultsPanel):
    """A panel showing one contract of `results` at a time, the one picked in `contract`.

    Subclasses create `self.contract` with `contract_dropdown()` and place it among their
    children before calling this initialiser, and draw a contract in `show_contract()`."""

    contract: widgets.Dropdown

    def __init__(self, children: Sequence[widgets.Widget], results: Iterable[ContractResult]):
        self.contract.observe(lambda _: self.show_contract(self.current), "value")
        super().__init__(children, results)

    @property
    def current(self) -> ContractResult | None:
        index = self.contract.value
        return None if index is None else self.results[index]

    def select(self, file: str) -> None:
        """Show the contract whose path is or ends with `file`."""
        matches = [
            index
            for label, index in self.contract.options
            if self.results[index].file.endswith(file)
        ]
        if not matches:
            raise KeyError(f"no contract named {file!r} in {type(self).__name__}")
        self.contract.value = matches[0]

    def shows(self, result: ContractResult) -> bool:
        """Whether this panel lists `result` in its dropdown (all of them by default)."""
        return True

    def show(self, results: ScanResults) -> None:
        self.contract.options = [
            (contract_label(r), i) for i, r in enumerate(results) if self.shows(r)
        ]
        select_first(self.contract, lambda _: self.show_contract(self.current))

    def show_contract(self, contract: ContractResult | None) -> None:
        """Redraw every control for one contract (None: nothing to show)."""
        raise NotImplementedError


def contract_dropdown() -> widgets.Dropdown:
    """The Contract picker of a `ContractPanel`: values are indexes into `results`."""
    return widgets.Dropdown(description="Contract", layout={"width": "640px"})


def select_first(
    control: widgets.Dropdown | widgets.Select, redraw: Callable[[object], None]
) -> None:
    """Select the first option; redraw even when it was selected already (no change event)."""
    first = control.options[0][1] if control.options else None
    if control.value == first:
        redraw(first)
    else:
        control.value = first


def contract_label(result: ContractResult) -> str:
    """`name — N pages, M clauses` (or the error code): a contract as dropdowns list it."""
    name = os.path.basename(result.file)
    if result.error:
        return f"{name} — {result.error.code}"
    return f"{name} — {result.pages} pages, {len(result.clauses)} clauses"
