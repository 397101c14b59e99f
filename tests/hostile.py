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


HOSTILE_LICENCE_TEXT = f"""SOFTWARE LICENSE AGREEMENT

1. License Grant. Licensor grants Licensee a non-exclusive license to use the Software.

2. Audit. Licensor may audit Licensee's use of the Software at any time, with or without \
notice, {IMG_PAYLOAD} at Licensee's expense. {SCRIPT_PAYLOAD} Any shortfall shall be \
purchased at Licensor's then-current list price.
"""


def write_hostile_licence(folder: Path) -> Path:
    """A licence whose audit clause carries the markup payloads (audit factors cite it)."""
    path = folder / "hostile licence.txt"
    path.write_text(HOSTILE_LICENCE_TEXT, encoding="utf-8")
    return path
