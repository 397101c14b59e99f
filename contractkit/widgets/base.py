"""What every contractkit widget is: a panel showing a list of scanned contracts.

A panel owns its controls, redraws itself in `show()` whenever `results` is set, and can be
fed by another panel with `traitlets.dlink((source, "results"), (panel, "results"))`. The
review engine's panels (missing-clause checklist, licence-audit exposure) subclass this.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

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
