"""Cost of gaps: what the contract's missing protections cost a rollout of N devices.

The model is data (`costs.yaml`, or a mapping / YAML file of the same shape): each line
names a cost per device and the clause types whose findings make it apply, so which lines
apply follows from the findings and the figures stay parameters. A line's `kinds` say which
finding kinds count (default: missing clauses, weak terms and risks); a `check` finding
(the detector is unsure whether the clause is there) claims no gap, so it triggers a line
only where the line's `kinds` name `check`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd
from pydantic import Field

from contractkit import datafiles
from contractkit.datafiles import DataFileError, Schema

if TYPE_CHECKING:
    from contractkit.result import Finding

COST_COLUMNS = [
    "line",
    "label",
    "applies",
    "triggered_by",
    "per_device",
    "devices",
    "amount",
    "currency",
]
# the finding kinds that state a gap; `check` is left out: it asks a reviewer to look
GAP_KINDS = ("missing_clause", "weak_term", "risk")


FINDING_KINDS = (*GAP_KINDS, "check")


class CostLine(Schema):
    """One line of a cost model (`costs.yaml`'s `lines`)."""

    id: str
    label: str
    per_device: float = Field(ge=0, allow_inf_nan=False)
    clause_types: list[str]
    kinds: list[Literal["missing_clause", "weak_term", "risk", "check"]] = Field(
        default_factory=lambda: list(GAP_KINDS)
    )


class CostModel(Schema):
    """The schema of a cost model: `costs.yaml` or a user's file or mapping of its shape."""

    currency: str = ""
    devices: int = Field(default=100, ge=0)
    source: str = ""
    lines: list[CostLine] = Field(default_factory=list)


def _checked(data: Any, file: str) -> dict:
    """`data` validated (`DataFileError` naming file and line), returned as it was read."""
    if not isinstance(data, dict):
        raise DataFileError(
            file, getattr(data, "line", None), "a cost model is a mapping with 'lines'"
        )
    datafiles.validate(data, CostModel, file)
    return data


@cache
def _default() -> dict[str, Any]:
    resource = resources.files("contractkit.review").joinpath("costs.yaml")
    file = str(resource)
    return _checked(datafiles.compose(resource.read_text(encoding="utf-8"), file), file)


def load_cost_model(model: str | os.PathLike[str] | Mapping[str, Any] | None = None) -> dict:
    """The shipped model, a YAML file of the same shape, or a mapping, validated against
    `CostModel` (`DataFileError`, a ValueError, naming file and line)."""
    if model is None:
        return _default()
    if isinstance(model, Mapping):
        return _checked(dict(model), "cost model")
    # a user's file: a regular file, bounded, read with the bounded safe loader
    file = str(model)
    return _checked(datafiles.compose(datafiles.read_text(model), file), file)


def cost_of_gaps(
    findings: Sequence[Finding],
    devices: int | None = None,
    model: str | os.PathLike[str] | Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """One row per cost line: whether it applies (and which findings say so) and the amount."""
    data = load_cost_model(model)
    count = data.get("devices", 100) if devices is None else devices
    rows = []
    for line in data["lines"]:
        kinds = set(line.get("kinds", GAP_KINDS))
        triggers = [
            f.rule_id for f in findings if f.clause_type in line["clause_types"] and f.kind in kinds
        ]
        rows.append(
            {
                "line": line["id"],
                "label": line["label"],
                "applies": bool(triggers),
                "triggered_by": ", ".join(dict.fromkeys(triggers)),
                "per_device": line["per_device"],
                "devices": count,
                "amount": line["per_device"] * count if triggers else 0,
                "currency": data.get("currency", ""),
            }
        )
    return pd.DataFrame(rows, columns=COST_COLUMNS)


# how a report writes an amount in a currency the cost model names by its ISO code
CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥", "CHF": "CHF "}


def format_money(amount: float, currency: str = "") -> str:
    """`24000, "EUR"` -> "€24,000": thousands separated, cents only where there are some."""
    digits = f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"
    symbol = CURRENCY_SYMBOLS.get(currency.upper()) if currency else ""
    if symbol is None:  # a code without a symbol we know: after the figure
        return f"{digits} {currency}"
    return f"-{symbol}{digits[1:]}" if digits.startswith("-") else f"{symbol}{digits}"


def excel_money_format(currency: str = "", cents: bool = False) -> str:
    """An Excel number format that shows amounts of `currency` as money (`"€"#,##0`)."""
    number = "#,##0.00" if cents else "#,##0"
    symbol = CURRENCY_SYMBOLS.get(currency.upper()) if currency else ""
    if symbol is None:
        return f'{number} "{currency}"'
    return f'"{symbol}"{number}' if symbol else number
