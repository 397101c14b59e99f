"""General clauses: force majeure (termination after a long event), governing law."""

from __future__ import annotations

from typing import Any

from contractkit.detect.attributes._common import _period_near
from contractkit.detect.attributes._registry import extractor
from contractkit.detect.values import parse_jurisdiction


@extractor("force_majeure", keys=("termination_days",))
def _force_majeure(text: str) -> dict[str, Any]:
    period = _period_near(text, r"\b(?:terminat|continu|exceed|persist|last)\w*", 100, 80)
    return {"termination_days": period.days if period else None}


@extractor("governing_law", keys=("jurisdiction",))
def _governing_law(text: str) -> dict[str, Any]:
    return {"jurisdiction": parse_jurisdiction(text)}
