"""Cells for spreadsheets (CSV, Excel) that show contract text as text, never as a formula,
and hold only what the format can hold."""

from __future__ import annotations

from contractkit.safetext import cell_text

# Spreadsheet apps run cells that start with these as formulas: contract text is untrusted.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A cell a spreadsheet will show as text, never evaluate as a formula: control
    characters XML cannot hold (so neither can .xlsx), bidi controls and bytes of a name
    that was not UTF-8 become visible escapes (`safetext.cell_text`), and a formula's
    leading character is quoted with an apostrophe."""
    text = cell_text(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text
