"""Typed attributes of a clause by its type: a notice period in days, an uptime percentage,
a liability cap in money.

`extract_attributes(clause_type, text)` dispatches to one small extractor per clause type
through a registry; each extractor declares the keys it can return (`ATTRIBUTE_KEYS`), which
the taxonomy's `attributes:` lists must match. Keys are snake_case and carry their unit
(`_days`, `_months`, `_hours`, `_pct`). The extractors live in one module per taxonomy
family (`service_levels`, `licensing`, ...) and read the generic values of
`contractkit.detect.values` (durations, percentages, money, ...) in their context.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

# The family modules register their extractors on import.
from contractkit.detect.attributes import (  # noqa: F401
    commercial,
    data,
    delivery_acceptance,
    document_info,
    general,
    liability,
    licensing,
    restrictive_covenants,
    service_levels,
    term_termination,
    warranties_returns,
)
from contractkit.detect.attributes._registry import ATTRIBUTE_KEYS, EXTRACTORS, Extractor
from contractkit.textutil import blank_long_runs

__all__ = ["ATTRIBUTE_KEYS", "EXTRACTORS", "Extractor", "extract_attributes"]


def extract_attributes(clause_type: str, text: str) -> dict[str, Any]:
    """Typed attributes of a clause of `clause_type` (a taxonomy id) found in `text`.

    Only attributes the text states are returned ({} for types without an extractor);
    booleans are returned whenever the extractor can decide them. Values are JSON-native
    (money amounts become int, or float when fractional) because they go straight into the
    scan result.
    """
    extractor = EXTRACTORS.get(clause_type)
    if extractor is None:
        return {}
    # Column-aligned PDF text pads words with runs of spaces; the extractors' context
    # windows count characters, so fold each run to one space (line breaks stay).
    text = _HORIZONTAL_SPACE.sub(" ", blank_long_runs(text))
    return {key: _json_native(v) for key, v in extractor(text).items() if v is not None}


_HORIZONTAL_SPACE = re.compile(r"[^\S\n]{2,}|[\t\u00a0]")


def _json_native(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
