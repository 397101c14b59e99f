"""Delivery and acceptance: lead times, acceptance windows, deemed acceptance."""

from __future__ import annotations

from typing import Any

from contractkit.detect.attributes._common import _has, _period_near
from contractkit.detect.attributes._registry import extractor


@extractor("acceptance", keys=("window_days", "deemed_acceptance"))
def _acceptance(text: str) -> dict[str, Any]:
    window = _period_near(text, r"\b(?:accept|reject|test|inspect)\w*", 100, 60)
    return {
        "window_days": window.days if window else None,
        "deemed_acceptance": _has(text, r"\bdeemed\b[^.;]{0,40}\baccept"),
    }


@extractor("delivery", keys=("lead_time_days",))
def _delivery(text: str) -> dict[str, Any]:
    lead = _period_near(text, r"\b(?:deliver|ship|dispatch|lead\s+time)\w*", 200, 60)
    return {"lead_time_days": lead.days if lead else None}
