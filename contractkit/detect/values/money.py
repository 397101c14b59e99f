"""Amounts of money with their currency: symbols, ISO codes and words ("$1,000,000",
"EUR 250.000,00", "CHF 100'000", "£2.5m", "ten thousand dollars")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from contractkit.detect.values.numbers import WORD_NUMBER, Found, words_to_number

__all__ = ["Money", "all_money", "parse_money"]


@dataclass(frozen=True, slots=True)
class Money:
    """An amount of money with its ISO 4217 currency code."""

    amount: Decimal
    currency: str

    def __str__(self) -> str:
        return f"{self.currency} {self.amount:,}"


_SYMBOLS = {
    "us$": "USD", "u.s.$": "USD", "usd$": "USD", "$": "USD", "c$": "CAD", "ca$": "CAD",
    "cad$": "CAD", "a$": "AUD", "au$": "AUD", "nz$": "NZD", "hk$": "HKD", "s$": "SGD",
    "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "rs.": "INR", "rs": "INR",
}  # fmt: skip
_CODES = "USD|EUR|GBP|CHF|CAD|AUD|JPY|CNY|RMB|INR|SEK|NOK|DKK|HKD|SGD|NZD|ZAR|ILS|PLN|BRL|MXN|KRW"
_CURRENCY_WORDS = {
    r"(?:u\.?\s?s\.?|united states|american)\s+dollars?": "USD",
    r"canadian\s+dollars?": "CAD",
    r"australian\s+dollars?": "AUD",
    r"dollars?": "USD",
    r"euros?": "EUR",
    r"pounds?\s+sterling|sterling|(?:british\s+)?pounds?": "GBP",
    r"swiss\s+francs?|francs?": "CHF",
    r"yen": "JPY",
    r"yuan|renminbi": "CNY",
    r"rupees?": "INR",
}
_CURRENCY_WORD_ALT = "|".join(_CURRENCY_WORDS)
_SYMBOL_ALT = r"US\s?\$|U\.S\.\s?\$|USD\s?\$|CAD?\s?\$|C\$|AU?\$|NZ\$|HK\$|S\$|\$|€|£|¥|₹|\bRs\.?"
_AMOUNT = r"\d{1,3}(?:[.,'’]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?"
_MULTIPLIER = r"(?:\s*(?:million|billion|thousand)\b|\s?(?:mio\.?|mn|mm|bn|m|k)\b)"
_MULTIPLIERS = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "mio": 10**6, "mio.": 10**6,
    "mn": 10**6, "mm": 10**6, "m": 10**6, "billion": 10**9, "bn": 10**9,
}  # fmt: skip

_MONEY_RE = re.compile(
    r"(?:"
    rf"(?P<sym>{_SYMBOL_ALT})\s?(?P<a1>{_AMOUNT})(?P<m1>{_MULTIPLIER})?"
    rf"|\b(?P<code>{_CODES})\s?(?P<a2>{_AMOUNT})(?P<m2>{_MULTIPLIER})?"
    rf"|(?<![\w.,])(?P<a3>{_AMOUNT})(?P<m3>{_MULTIPLIER})?\s?"
    rf"(?:(?P<code3>{_CODES})\b|(?P<word3>{_CURRENCY_WORD_ALT})\b)"
    rf"|(?P<w4>{WORD_NUMBER})\s+(?P<word4>{_CURRENCY_WORD_ALT})\b"
    rf"(?:\s*\(\s*(?:{_SYMBOL_ALT}|(?:{_CODES})\s?)?(?P<a4>{_AMOUNT})(?P<m4>{_MULTIPLIER})?\s*\))?"
    r")",
    re.IGNORECASE,
)


def _parse_amount(raw: str, has_multiplier: bool) -> Decimal | None:
    """'1,000,000' / '250.000,00' / '2.5' -> Decimal, telling thousands from decimals.

    The last separator is the decimal point when both kinds occur; a separator that repeats
    groups thousands; a lone separator followed by exactly three digits groups thousands
    too ("€1.000", "$1,000") unless a multiplier follows ("1.250 million"). Swiss
    apostrophes ("CHF 100'000") always group thousands.
    """
    raw = raw.replace("'", "").replace("’", "")
    if "," in raw and "." in raw:
        decimal_sep = "," if raw.rfind(",") > raw.rfind(".") else "."
        thousands_sep = "." if decimal_sep == "," else ","
        raw = raw.replace(thousands_sep, "").replace(decimal_sep, ".")
    else:
        sep = "," if "," in raw else "." if "." in raw else ""
        if sep and (raw.count(sep) > 1 or (len(raw.rsplit(sep, 1)[1]) == 3 and not has_multiplier)):
            raw = raw.replace(sep, "")
        elif sep:
            raw = raw.replace(sep, ".")
    try:
        return Decimal(raw)
    except InvalidOperation:
        return None


def _currency_of(match: re.Match[str]) -> str:
    if match.group("sym"):
        key = re.sub(r"\s", "", match.group("sym").lower())
        if key in _SYMBOLS:
            return _SYMBOLS[key]
        return "CAD" if key.startswith("c") else "AUD" if key.startswith("a") else "USD"
    code = match.group("code") or match.group("code3")
    if code:
        return {"RMB": "CNY"}.get(code.upper(), code.upper())
    word = (match.group("word3") or match.group("word4")).lower()
    return next(c for pattern, c in _CURRENCY_WORDS.items() if re.fullmatch(pattern, word))


def _money_from(match: re.Match[str]) -> Money | None:
    currency = _currency_of(match)
    for amount_group, multiplier_group in (("a1", "m1"), ("a2", "m2"), ("a3", "m3"), ("a4", "m4")):
        raw = match.group(amount_group)
        if raw:
            multiplier_word = (match.group(multiplier_group) or "").strip().lower()
            amount = _parse_amount(raw, bool(multiplier_word))
            if amount is None:
                return None
            if multiplier_word:
                # "£2.5m" is exactly 2,500,000: keep no spurious ".0" from the multiplication.
                amount = (amount * _MULTIPLIERS[multiplier_word]).quantize(Decimal(1))
            return Money(amount, currency)
    value = words_to_number(match.group("w4"))
    return Money(Decimal(value), currency) if value is not None else None


def all_money(text: str) -> list[Found[Money]]:
    """Every amount of money in `text`, with its span.

    A restatement in brackets right after an amount ("$10,000 (ten thousand dollars)") is
    the same amount, not a second one, and is dropped.
    """
    found: list[Found[Money]] = []
    for match in _MONEY_RE.finditer(text):
        money = _money_from(match)
        if money is None:
            continue
        if found and _is_restatement(text, found[-1], match.start(), money):
            continue
        found.append(Found(money, match.start(), match.end()))
    return found


def _is_restatement(text: str, previous: Found[Money], start: int, money: Money) -> bool:
    between = text[previous.end : start]
    return money == previous.value and re.fullmatch(r"\s*\(\s*", between) is not None


def parse_money(text: str) -> Money | None:
    """The first amount of money in `text`: "€1,000,000" -> Money(1000000, "EUR")."""
    found = all_money(text)
    return found[0].value if found else None
