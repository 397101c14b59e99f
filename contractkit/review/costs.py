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
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import pandas as pd
import yaml

from contractkit import safeyaml
from contractkit.files import read_regular_text

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


@cache
def _default() -> dict[str, Any]:
    return yaml.safe_load(resources.files("contractkit.review").joinpath("costs.yaml").read_text())


def load_cost_model(model: str | os.PathLike[str] | Mapping[str, Any] | None = None) -> dict:
    """The shipped model, a YAML file of the same shape, or a mapping; lines are checked."""
    if model is None:
        return _default()
    if isinstance(model, Mapping):
        data = dict(model)
    else:  # a user's file: a regular file, bounded, read with the bounded safe loader
        try:
            data = safeyaml.load(read_regular_text(model, safeyaml.MAX_FILE_BYTES))
        except yaml.YAMLError as error:
            line = safeyaml.problem_line(error)
            where = f"{model}:{line}" if line else str(model)
            raise ValueError(f"{where}: not valid YAML: {safeyaml.problem_text(error)}") from None
        if not isinstance(data, dict):
            raise ValueError(f"{model}: a cost model is a mapping with 'lines'")
    for index, line in enumerate(data.get("lines", [])):
        missing = {"id", "label", "per_device", "clause_types"} - set(line)
        if missing:
            raise ValueError(f"cost model line {index + 1}: missing {', '.join(sorted(missing))}")
    return data


def cost_of_gaps(
    findings: list[Mapping[str, Any]],
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
            f["rule_id"]
            for f in findings
            if f["clause_type"] in line["clause_types"] and f["kind"] in kinds
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
