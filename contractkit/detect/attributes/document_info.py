"""Document information: the term that sets the expiration date."""

from __future__ import annotations

from typing import Any

from contractkit.detect.attributes._common import _first, _is_notice, _near
from contractkit.detect.attributes._registry import extractor
from contractkit.detect.values import all_durations


@extractor("expiration_date", keys=("term_months",))
def _expiration(text: str) -> dict[str, Any]:
    term = _first(
        all_durations(text),
        lambda f: (
            f.value.unit in ("month", "year")
            and _near(text, f, r"\bterm\b|\bcontinue\b|\bremain\b|\bexpire|\bperiod\b", 100, 60)
            and not _is_notice(text, f)
        ),
    )
    return {"term_months": term.months if term else None}
