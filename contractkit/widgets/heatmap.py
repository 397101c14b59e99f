"""Contracts × clause types as a picture: which contract has which clause, where the
clause it has is weak (a playbook's weak-term finding names its type), and where the
detector is unsure whether it is there (a playbook's `check` finding names its type).

Labels are file names and names from YAML: drawn as they are (`PLAIN_TEXT`), never parsed
as mathtext (`$\\frac$` in a file name is not a formula, and matplotlib's parser would
raise on it) nor sent to TeX whatever the user's rcParams say, with what a font cannot
draw (control characters, a byte of a name that is not UTF-8) shown as a visible escape.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING

import pandas as pd

from contractkit.detect.taxonomy import load_taxonomy
from contractkit.result import ContractResult
from contractkit.safetext import escape_controls
from contractkit.textutil import shorten

if TYPE_CHECKING:  # matplotlib is imported when a picture is drawn, not with the widgets
    from matplotlib.figure import Figure

MISSING, CHECK, WEAK, PRESENT = "missing", "check", "weak", "present"
STATE_COLOURS = {MISSING: "#f4f4f4", CHECK: "#64b5f6", WEAK: "#f9a825", PRESENT: "#2e7d32"}
NAME_LIMIT = 40  # CUAD file names run to 90 characters and would squeeze the picture
# Keyword arguments for every matplotlib text drawn from data: shown as written.
PLAIN_TEXT = {"parse_math": False, "usetex": False}


def presence_matrix(results: Sequence[ContractResult]) -> pd.DataFrame:
    """Rows: readable contracts (file names, shortened); columns: clause types at least one
    of them has (`ContractResult.has`) or has a `check` finding on, in taxonomy order;
    cells: PRESENT, WEAK (present, with a weak-term finding on the type), CHECK (the
    detector unsure, a check finding on the type) or MISSING."""
    readable = [r for r in results if r.ok]
    seen = {t for r in readable for t in r.present_types}
    seen |= {f.clause_type for r in readable for f in r.findings if f.kind == "check"}
    columns = [type_id for type_id in taxonomy_order() if type_id in seen]
    return pd.DataFrame(
        [[clause_state(r, t) for t in columns] for r in readable],
        index=[shorten(os.path.basename(r.file), NAME_LIMIT) for r in readable],
        columns=columns,
    )


@cache
def taxonomy_order() -> tuple[str, ...]:
    """The packaged taxonomy's clause types in file order, read once (parsing the YAML took
    0.3–0.7 s, on every redraw of a heatmap)."""
    return tuple(load_taxonomy())


def clause_state(result: ContractResult, clause_type: str) -> str:
    """PRESENT, WEAK, CHECK or MISSING: the contract's state for one clause type, as the
    checklist states it."""
    kinds = {f.kind for f in result.findings if f.clause_type == clause_type}
    if not result.has(clause_type):
        return CHECK if "check" in kinds else MISSING
    return WEAK if "weak_term" in kinds else PRESENT


def heatmap_png(matrix: pd.DataFrame) -> bytes:
    """The matrix drawn as coloured cells with contract and clause-type labels (PNG)."""
    from matplotlib import rc_context
    from matplotlib.colors import ListedColormap
    from matplotlib.figure import Figure

    states = list(STATE_COLOURS)
    codes = matrix.apply(lambda column: column.map(states.index)).to_numpy(dtype=float)
    width = 2.5 + 0.22 * max(len(matrix.columns), 1)
    height = 1.8 + 0.25 * max(len(matrix.index), 1)
    with rc_context({"text.usetex": False}):  # labels need no TeX installed
        figure = Figure(figsize=(width, height), dpi=100)  # no pyplot: no global state
        axes = figure.add_subplot()
        if codes.size:
            axes.imshow(
                codes,
                cmap=ListedColormap(list(STATE_COLOURS.values())),
                vmin=0,
                vmax=len(states) - 1,
            )
        axes.set_xticks(
            range(len(matrix.columns)),
            plain_labels(matrix.columns),
            rotation=90,
            fontsize=7,
            **PLAIN_TEXT,
        )
        axes.set_yticks(
            range(len(matrix.index)), plain_labels(matrix.index), fontsize=7, **PLAIN_TEXT
        )
        axes.set_title(
            "clause types: green = present, amber = weak, blue = unsure (check), light = missing",
            fontsize=8,
            **PLAIN_TEXT,
        )
        figure.tight_layout()
        return figure_png(figure)


def plain_labels(labels: Iterable[object]) -> list[str]:
    """Labels as a font can draw them: control characters and lone surrogates (a name that
    is not UTF-8) as visible escapes; to be drawn with `PLAIN_TEXT`."""
    return [escape_controls(label) for label in labels]


def figure_png(figure: Figure) -> bytes:
    """A matplotlib figure as PNG bytes, without the version stamp (the same chart, the same
    bytes, whichever matplotlib drew it)."""
    from matplotlib import rc_context

    buffer = io.BytesIO()
    with rc_context({"text.usetex": False}):
        figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
