"""Cells for spreadsheets (CSV, Excel) that show contract text as text, never as a formula."""

from __future__ import annotations

# Spreadsheet apps run cells that start with these as formulas: contract text is untrusted.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A cell a spreadsheet will show as text, never evaluate as a formula."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text
