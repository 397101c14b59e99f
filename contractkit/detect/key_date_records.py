"""The records of a contract's key dates (`KeyDate`, `Renewal`, `KeyDates`) and the sentence
helpers both readers of them share: `key_dates` (agreement and effective dates) and
`term_dates` (expiration and renewal)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

PERPETUAL = "perpetual"


@dataclass(frozen=True, slots=True)
class KeyDate:
    """One key date: ISO `value` ('perpetual' for an expiration that never comes; None
    when stated but not determinable), the words it was read from, its page, how it was
    computed and how sure the reading is."""

    value: str | None
    text: str
    page: int | None
    basis: str
    score: float

    @property
    def date(self) -> date | None:
        return date.fromisoformat(self.value) if self.value and self.value[0].isdigit() else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "text": self.text,
            "page": self.page,
            "basis": self.basis,
            "score": self.score,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> KeyDate | None:
        if data is None:
            return None
        return cls(data["value"], data["text"], data["page"], data["basis"], data["score"])


@dataclass(frozen=True, slots=True)
class Renewal:
    """How the contract renews: automatically or not, for how long (months), how often at
    most, and the notice (days) that stops it; `text` is the sentence it was read from."""

    auto_renew: bool
    term_months: float | None
    max_renewals: int | None
    notice_days: float | None
    text: str
    page: int | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "auto_renew": self.auto_renew,
            "term_months": self.term_months,
            "max_renewals": self.max_renewals,
            "notice_days": self.notice_days,
            "text": self.text,
            "page": self.page,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Renewal | None:
        if data is None:
            return None
        return cls(
            data["auto_renew"],
            data["term_months"],
            data["max_renewals"],
            data["notice_days"],
            data["text"],
            data["page"],
        )


@dataclass(frozen=True, slots=True)
class KeyDates:
    """The key dates of one contract (any may be None: the contract does not state it)."""

    agreement_date: KeyDate | None = None
    effective_date: KeyDate | None = None
    expiration_date: KeyDate | None = None
    renewal: Renewal | None = None

    def to_dict(self) -> dict[str, Any]:
        """The scan JSON's `dates` object."""
        return {
            "agreement_date": self.agreement_date.to_dict() if self.agreement_date else None,
            "effective_date": self.effective_date.to_dict() if self.effective_date else None,
            "expiration_date": self.expiration_date.to_dict() if self.expiration_date else None,
            "renewal": self.renewal.to_dict() if self.renewal else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> KeyDates:
        data = data or {}
        return cls(
            KeyDate.from_dict(data.get("agreement_date")),
            KeyDate.from_dict(data.get("effective_date")),
            KeyDate.from_dict(data.get("expiration_date")),
            Renewal.from_dict(data.get("renewal")),
        )


PageOf = Callable[[int], "int | None"]

# ---------------------------------------------------------------------------- sentences

_BREAK = re.compile(
    r"[.;](?=\s{1,8}[A-Z(\"“\d])|\n[ \t]{0,8}\n|\n(?=[ \t]{0,8}\(?[a-z0-9]{1,4}[.)]\s)"
)


# "an initial term of two\n(2) years": a number in words with its digits wrapped onto the
# next line looks like a list item "(2) ..." but is no break
_NUMBER_WRAPPED = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|ninety|hundred)\n[ \t]{0,8}\(\d{1,3}\)",
    re.IGNORECASE,
)


def sentence_span(text: str, start: int, end: int, reach: int = 500) -> tuple[int, int]:
    """The span of the sentence around text[start:end] (looked for within `reach`)."""
    lo = max(0, start - reach)
    # the breaks that end by `start`, each seeing the text after it (". The" at `start`)
    cuts = [m.end() for m in _BREAK.finditer(text, lo, min(len(text), start + 10))
            if m.end() <= start and not _NUMBER_WRAPPED.search(text, max(0, m.start() - 12),
                                                                  m.start() + 8)]  # fmt: skip
    s = cuts[-1] if cuts else lo
    e = min(len(text), end + reach)
    for right in _BREAK.finditer(text, end, e):
        if not _NUMBER_WRAPPED.search(text, max(0, right.start() - 12), right.start() + 8):
            e = right.end()
            break
    while s < e and text[s].isspace():
        s += 1
    return s, e


def one_line(text: str) -> str:
    return " ".join(text.split())
