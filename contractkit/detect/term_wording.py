"""The wording the contract's term and its renewal are read from: which sentences speak of
the contract's own term (not a warranty's, a payment's or a lease's), and notice periods
("ninety (90) days' written notice", "at least 3 months before the end of the term").
`term_dates` (the end of the term) and `renewal` (how it renews) both read them.
"""

from __future__ import annotations

import re

from contractkit.detect.values import Duration, all_durations

__all__ = ["NOTICE_AFTER", "NOT_THE_CONTRACT", "TERM_SUBJECT", "notice_duration"]

TERM_SUBJECT = re.compile(
    r"\b(?:initial\s+(?:term|period)|(?:the\s+)?term\b|this\s+(?:[\w-]+\s+){0,4}(?:agreement|"
    r"contract|amendment)\s+(?:shall|will|is|commence|begin|continue|remain|expire|terminate|"
    r"become|be|and)|contract\s+period|duration|"
    r"remain\s+in\s+(?:full\s+)?(?:force|effect)|continue\s+in\s+(?:full\s+)?(?:force|effect))",
    re.IGNORECASE,
)
NOT_THE_CONTRACT = re.compile(
    r"\b(?:confidential\w*|surviv\w*|warrant\w*|non-?compet\w*|royalty\s+term|patent|lease\s+term|"
    r"employment|option\s+period|payment|invoice|deliver\w*|shipment|whereas|(?:contract|calendar|"
    r"financial|fiscal|lease|license|licence)\s+year)\b",
    re.IGNORECASE,
)
NOTICE_AFTER = re.compile(
    r"^\s{0,3}\)?['’]?s?\s{0,3}(?:(?:prior|advance|written|of)\s+){0,3}(?:notice|notification)\b|"
    r"^\s{0,3}\)?\s{0,3}(?:prior\s+to|before|in\s+advance)",
    re.IGNORECASE,
)


def notice_duration(text: str) -> Duration | None:
    """The notice period in `text`: a duration followed by "notice" or "prior to"/"before"
    ("ninety (90) days' written notice", "at least 3 months before the end of the term")."""
    for found in all_durations(text):
        if found.value.unit in ("day", "business_day", "week", "month", "year") and (
            NOTICE_AFTER.search(text[found.end : found.end + 40])
        ):
            return found.value
    return None
