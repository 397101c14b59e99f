"""Restrictive covenants: the duration of non-competes and non-solicits, the response window of
a right of first refusal, offer or negotiation."""

from __future__ import annotations

from typing import Any

from contractkit.detect.attributes._common import _first, _is_notice, _restriction_period
from contractkit.detect.attributes._registry import extractor
from contractkit.detect.values import all_durations


@extractor(
    "non_compete",
    "no_solicit_of_customers",
    "no_solicit_of_employees",
    keys=("duration_months",),
)
def _restriction_duration(text: str) -> dict[str, Any]:
    period = _restriction_period(text)
    return {"duration_months": period.months if period else None}


@extractor("rofr_rofo_rofn", keys=("response_days",))
def _rofr(text: str) -> dict[str, Any]:
    window = _first(
        all_durations(text),
        lambda f: f.value.unit in ("day", "business_day", "week") and not _is_notice(text, f),
    )
    return {"response_days": window.days if window else None}
