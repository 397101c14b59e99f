"""The user's CSV input for a licence audit: the deployment inventory, and entitlements
kept outside the contract."""

from __future__ import annotations

import csv
import io
import math
import os
from typing import Any

from contractkit.files import read_regular_text
from contractkit.review.license_audit.entitlements import normalise_metric


def read_table(path: str | os.PathLike[str], required: tuple[str, ...]) -> list[dict[str, Any]]:
    """Rows of a user's CSV with the `required` columns; ValueError names what is missing."""
    return parse_table(_read_csv(path), str(path), required)


MAX_TABLE_BYTES = 64 << 20  # an inventory of a million products is ~50 MB


def _read_csv(path: str | os.PathLike[str]) -> str:
    """A user's CSV file as text: a regular file only (a FIFO would block), bounded."""
    return read_regular_text(path, MAX_TABLE_BYTES, encoding="utf-8-sig")


def parse_table(text: str, source: str, required: tuple[str, ...]) -> list[dict[str, Any]]:
    """Rows of CSV `text` (named `source` in errors) with the `required` columns."""
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    columns = set(rows[0]) if rows else set()
    missing = [c for c in required if c not in columns]
    if missing:
        raise ValueError(
            f"{source}: missing column(s) {', '.join(missing)}; need {', '.join(required)}"
        )
    return rows


def _number(row: dict[str, Any], key: str, path: str) -> float:
    """A finite number from a user's CSV cell: `nan`, `inf` and 1e400 (read as inf) are
    refused, as they would make every sum "inf × nan"."""
    try:
        number = float(str(row[key]).replace(",", ""))
    except ValueError:
        raise ValueError(f"{path}: {key} {row[key]!r} is not a number") from None
    if not math.isfinite(number):
        raise ValueError(f"{path}: {key} {row[key]!r} is not a finite number")
    return number


INVENTORY_COLUMNS = ("product", "metric", "deployed", "unit_price")


def read_inventory(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Deployment inventory CSV: product, metric, deployed, unit_price (the list price)."""
    return parse_inventory(_read_csv(path), str(path))


def parse_inventory(text: str, source: str = "inventory") -> list[dict[str, Any]]:
    """The rows of an inventory CSV given as text (an upload); `source` names it in errors."""
    rows = parse_table(text, source, INVENTORY_COLUMNS)
    return [
        {
            "product": row["product"],
            "metric": row["metric"],
            "deployed": _number(row, "deployed", source),
            "unit_price": _number(row, "unit_price", source),
        }
        for row in rows
    ]


def read_entitlements(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Entitlements CSV: product, metric, licensed, unit_price (the contract price)."""
    rows = read_table(path, ("product", "metric", "licensed", "unit_price"))
    return [
        {
            "product": row["product"].strip(),
            "metric": normalise_metric(row["metric"]),
            "licensed": _number(row, "licensed", str(path)),
            "unit_price": _number(row, "unit_price", str(path)),
            "currency": row.get("currency", ""),
            "source": str(path),
        }
        for row in rows
    ]
