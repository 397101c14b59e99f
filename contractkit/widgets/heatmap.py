"""Contracts × clause types as a picture: which contract has which clause.

States are data so the review engine can add "weak" (present but below the playbook)."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence

import pandas as pd

from contractkit.detect.taxonomy import load_taxonomy
from contractkit.result import ContractResult, shorten

MISSING, PRESENT = "missing", "present"
STATE_COLOURS = {MISSING: "#f4f4f4", PRESENT: "#2e7d32"}
NAME_LIMIT = 40  # CUAD file names run to 90 characters and would squeeze the picture


def presence_matrix(results: Sequence[ContractResult]) -> pd.DataFrame:
    """Rows: readable contracts (file names, shortened); columns: clause types at least one
    of them has (`ContractResult.has`), in taxonomy order; cells: PRESENT or MISSING."""
    readable = [r for r in results if r.ok]
    found = {r.file: set(r.present_types) for r in readable}
    seen = set().union(*found.values()) if found else set()
    columns = [type_id for type_id in load_taxonomy() if type_id in seen]
    return pd.DataFrame(
        [[PRESENT if t in types else MISSING for t in columns] for types in found.values()],
        index=[shorten(os.path.basename(file), NAME_LIMIT) for file in found],
        columns=columns,
    )


def heatmap_png(matrix: pd.DataFrame) -> bytes:
    """The matrix drawn as coloured cells with contract and clause-type labels (PNG)."""
    from matplotlib.colors import ListedColormap
    from matplotlib.figure import Figure

    states = list(STATE_COLOURS)
    codes = matrix.apply(lambda column: column.map(states.index)).to_numpy(dtype=float)
    width = 2.5 + 0.22 * max(len(matrix.columns), 1)
    height = 1.8 + 0.25 * max(len(matrix.index), 1)
    figure = Figure(figsize=(width, height), dpi=100)  # no pyplot: no global state
    axes = figure.add_subplot()
    if codes.size:
        axes.imshow(
            codes, cmap=ListedColormap(list(STATE_COLOURS.values())), vmin=0, vmax=len(states) - 1
        )
    axes.set_xticks(range(len(matrix.columns)), matrix.columns, rotation=90, fontsize=7)
    axes.set_yticks(range(len(matrix.index)), matrix.index, fontsize=7)
    axes.set_title("clause types found: dark = present", fontsize=8)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
