"""A plain-text contract written by an attacker: markup and a spreadsheet formula as clause
text, markup in its file name. Everything a widget shows of it must stay text."""

from __future__ import annotations

from pathlib import Path

HOSTILE_NAME = "hostile <img src=x onerror=alert(2)>.txt"
IMG_PAYLOAD = "<img src=x onerror=alert(1)>"
SCRIPT_PAYLOAD = "<script>alert(1)</script>"
FORMULA_PAYLOAD = '=HYPERLINK("http://x","y")'

HOSTILE_TEXT = f"""SUPPLY AGREEMENT

1. Governing Law. This Agreement is governed by the laws of {IMG_PAYLOAD} the State of Ohio. \
{SCRIPT_PAYLOAD}

2. Warranty.

{FORMULA_PAYLOAD} The Supplier warrants the Products for 12 months from delivery.
"""


def write_hostile_contract(folder: Path) -> Path:
    path = folder / HOSTILE_NAME
    path.write_text(HOSTILE_TEXT, encoding="utf-8")
    return path
