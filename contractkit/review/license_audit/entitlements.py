"""Licence entitlements read from the contract's text: what product, how many of which
metric, at what unit price; and the support rate.

Quantities come with a metric ("48 Cores", "500 Named Users", "forty-eight (48) processor
cores") and count as entitlements when a unit price follows in the same sentence ("at USD
6,250.00 each", "at a price of US$6,250 per core", "$120 per user", "at a unit price of
€90") or when licensing words lead into them ("licenses for 48 processor cores", "Licensed
Quantity: 10 servers"; no unit price then). Amounts of money are read by
`contractkit.detect.values.money`, so every currency form it knows works here.
"""

from __future__ import annotations

import re
from typing import Any

from contractkit.detect.values.money import Money, all_money

_METRIC_WORDS = {
    "core": "core",
    "processor core": "core",
    "cpu core": "core",
    "processor": "processor",
    "named user": "named_user",
    "concurrent user": "concurrent_user",
    "user": "user",
    "device": "device",
    "server": "server",
    "instance": "instance",
    "seat": "seat",
}
_METRIC = (
    r"named users?|concurrent users?|(?:processor |cpu )?cores?|processors?|users?|devices?"
    r"|servers?|instances?|seats?"
)
# "48 Cores", "1,000 named users", "forty-eight (48) processor cores"
_QUANTITY = re.compile(rf"(?<![\w.,$€£])\(?(\d{{1,3}}(?:,\d{{3}})+|\d+)\)?\s+({_METRIC})\b", re.I)
# Licensing words right before a quantity: an entitlement even without a price.
_LICENSED = re.compile(
    r"(?:\blicen[cs]ed\s+(?:quantity|for|to)|\blicen[cs]es?\s+(?:for|to|of)|\bquantity"
    r"|\bentitle\w*\s+to|\bsubscriptions?\s+(?:for|to|of)|\bnumber\s+of\s+licen[cs]es)"
    r"\W{0,3}(?:up\s+to\s+|a\s+total\s+of\s+|[a-z]+(?:-[a-z]+)?\s+)?$",
    re.I,
)
# After the amount: it is a price per unit of the metric.
_PER_UNIT = re.compile(
    rf"\s*(?:each\b|per\s+(?:unit|licen[cs]e|{_METRIC})\b|/\s*(?:unit|licen[cs]e|{_METRIC})\b)",
    re.I,
)
# Before the amount: "at", "at a (unit) price of", "unit price of", "price per core of".
_AT_PRICE = re.compile(
    rf"(?:\bat(?:\s+a)?(?:\s+unit)?(?:\s+(?:price|fee|rate)\s+of)?|\bunit\s+(?:price|fee)"
    rf"(?:\s*:|\s+(?:of|is))?|\b(?:price|fee)\s+per\s+(?:unit|licen[cs]e|{_METRIC})(?:\s*:|\s+(?:of|is))?)"
    r"\s*$",
    re.I,
)
# Where a sentence ends ("U.S. $" and "6,250.00" do not end one).
_SENTENCE_END = re.compile(r"(?<![A-Z])\.\s+(?=[A-Z(\d])")
_WINDOW = 250  # characters after a quantity in which its price may be stated
# The product: what "Software" means, else what a "Licensed Software" / "Program" does.
_PRODUCT_RES = (
    re.compile(r"[\"“]Software[\"”]\s+means\s+([^,;.]+)", re.I),
    re.compile(
        r"[\"“](?:Licensed\s+)?(?:Software|Programs?|Products?)[\"”]\s+(?:shall\s+)?means?"
        r"\s+([^,;.]+)",
        re.I,
    ),
)
_SUPPORT_RATE_RE = re.compile(r"\bsupport fees?\b[^.%]{0,60}?\(?(\d+(?:\.\d+)?)\s*%", re.I)


def normalise_metric(metric: str) -> str:
    words = " ".join(metric.lower().replace("_", " ").replace("-", " ").split()).rstrip("s")
    return _METRIC_WORDS.get(words, words.replace(" ", "_"))


def entitlements_from_text(text: str) -> list[dict[str, Any]]:
    """Licensed quantities the contract states ("48 Cores at USD 6,250.00 each"), each with
    its unit price and currency (None and "" when the contract states no price)."""
    product_match = next(filter(None, (pattern.search(text) for pattern in _PRODUCT_RES)), None)
    product = " ".join(product_match.group(1).split()) if product_match else ""
    flat = " ".join(text.split())
    quantities = list(_QUANTITY.finditer(flat))
    found = []
    for n, quantity in enumerate(quantities):
        sentence_end = _SENTENCE_END.search(flat, quantity.end())
        end = min(
            quantity.end() + _WINDOW,
            sentence_end.start() if sentence_end else len(flat),
            quantities[n + 1].start() if n + 1 < len(quantities) else len(flat),
        )
        price = _unit_price(flat, quantity.end(), end)
        lead_in = flat[max(0, quantity.start() - 60) : quantity.start()]
        if price is None and not _LICENSED.search(lead_in):
            continue
        found.append(
            {
                "product": product,
                "metric": normalise_metric(quantity.group(2)),
                "licensed": int(quantity.group(1).replace(",", "")),
                "unit_price": float(price.amount) if price else None,
                "currency": price.currency if price else "",
                "source": "contract",
            }
        )
    return found


def _unit_price(flat: str, start: int, end: int) -> Money | None:
    """The first amount in `flat[start:end]` stated as a price per unit (a `Money`), or None."""
    window = flat[start:end]
    for money in all_money(window):
        after = flat[start + money.end : start + money.end + 40]
        before = window[: money.start]
        if _PER_UNIT.match(after) or _AT_PRICE.search(before):
            return money.value
    return None


def support_rate_from_text(text: str) -> float | None:
    """The annual support fee as a fraction of the licence fee, if the contract states it."""
    match = _SUPPORT_RATE_RE.search(" ".join(text.split()))
    return float(match.group(1)) / 100 if match else None
