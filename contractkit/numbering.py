"""List-numbering arithmetic: Roman numerals, letters and decimal sequences.

One place for what both the Word engine (rendering a list number in Word's formats) and
the outline (which enumerator comes before which: "(iv)" before "(v)", "1.1" before
"1.2") need to count with.
"""

from __future__ import annotations

__all__ = [
    "continues",
    "format_number",
    "letter_before",
    "letters",
    "number_key",
    "predecessors",
    "roman",
    "roman_value",
]

_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip
_ROMAN_DIGITS = {letters: value for value, letters in _ROMAN if len(letters) == 1}
# Contract lists count "(i)" to "(xxxix)": a longer Roman-looking token ("(l)", "(c)",
# "(d)", "(m)") is a letter.
LIST_ROMAN_MAX = 39


def roman(value: int, *, upper: bool = False) -> str:
    """`value` in Roman numerals: 14 -> "xiv" ("XIV" when `upper`); "" for 0."""
    out = ""
    for number, numeral in _ROMAN:
        count, value = divmod(value, number)
        out += numeral * count
    return out.upper() if upper else out


def roman_value(token: str, maximum: int = LIST_ROMAN_MAX) -> int | None:
    """The value of a Roman numeral written the usual way ("iv", not "iiii"), either case,
    when it is 1 to `maximum`; None otherwise."""
    lower = token.lower()
    if not lower or any(c not in _ROMAN_DIGITS for c in lower):
        return None
    values = [_ROMAN_DIGITS[c] for c in lower]
    total = sum(-v if v < after else v for v, after in zip(values, [*values[1:], 0], strict=True))
    if not 1 <= total <= maximum or roman(total) != lower:
        return None
    return total


def letters(value: int, *, upper: bool = False) -> str:
    """Word's list letters: a..z, then aa..zz, aaa..: the letter repeated."""
    letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
    return letter.upper() if upper else letter


def letter_before(letter: str) -> str:
    """The letter before `letter` in the alphabet, same case: "i" -> "h"."""
    return chr(ord(letter) - 1)


def format_number(value: int, fmt: str) -> str:
    """A list number in one of Word's number formats (unknown formats: decimal)."""
    if fmt == "none":
        return ""
    if fmt in ("lowerLetter", "upperLetter"):
        return letters(value, upper=fmt == "upperLetter")
    if fmt in ("lowerRoman", "upperRoman"):
        return roman(value, upper=fmt == "upperRoman")
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def number_key(number: str) -> str:
    """One spelling per number: "1.1." is "1.1", "b)" and "b." are "(b)"."""
    core = number.rstrip(".")
    if core.endswith(")") and "(" not in core:
        core = core[:-1]
    if core.startswith("(") or core[:1].isdigit():
        return core
    return f"({core})"


def continues(key: str, seen: set[str]) -> bool:
    """A first item ("1", "1.1", "(a)", "(i)") or the next after one already seen (keys
    as `number_key` spells them)."""
    return any(p is None or p in seen for p in predecessors(key))


def predecessors(key: str) -> list[str | None]:
    """What comes before `key` in its list (None: `key` starts a list). "(v)" has two
    readings: after "(iv)" or after "(u)"."""
    if key[0].isdigit() and key.endswith(")"):  # "12.5(d)" comes after "12.5(c)"
        head, _, token = key[:-1].rpartition("(")
        return [p and head + p for p in predecessors(f"({token})")]
    if key[0].isdigit():
        head, _, last = key.rpartition(".")
        n = int(last)
        return [None] if n <= 1 else [f"{head}.{n - 1}" if head else str(n - 1)]
    token = key[1:-1]
    if token.isdigit():
        n = int(token)
        return [None] if n <= 1 else [f"({n - 1})"]
    out: list[str | None] = []
    if (n := roman_value(token)) is not None:
        out.append(None if n == 1 else f"({roman(n - 1, upper=token.isupper())})")
    if len(token) == 1:
        out.append(None if token in "aA" else f"({letter_before(token)})")
    return out or [None]
