"""Untrusted text made safe to show: file names and contract text on a terminal, in a
JSON line, in a spreadsheet cell.

File names come from the file system (a name that is not UTF-8 arrives holding lone
surrogates, Python's `surrogateescape`) and contract text from anyone; either may hold
control characters that a terminal obeys (ESC starts an escape sequence), that XML (so
Excel) cannot hold, or that turn the text around (U+202E, right-to-left override). Such a
character is shown as a visible escape (`\\x1b`, `\\u202e`; a byte that was not UTF-8 as
`\\xff`), so nothing is lost and nothing is obeyed.
"""

from __future__ import annotations

import json
import re
from typing import Any

# Directional formatting that reorders what is shown (embeddings, overrides, isolates).
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_SURROGATES = "\ud800-\udfff"
# What a terminal must not be sent raw: C0 (tab and newline too: a name on one line stays
# on it), DEL, C1, bidi controls, line/paragraph separators, lone surrogates.
_TERMINAL_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}\u2028\u2029{_SURROGATES}]")
# What an XML cell cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE, U+FFFE/U+FFFF, lone
# surrogates), and bidi controls, which make a cell read other than it is.
_CELL_UNSAFE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f{_BIDI}{_SURROGATES}\ufffe\uffff]")
# What JSON may hold but a terminal showing a JSON line must not get raw (C0 is escaped by
# `json.dumps` itself).
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{_BIDI}\u2028\u2029{_SURROGATES}]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: object) -> str:
    """`text` with every character a terminal would obey (or could not print) written as
    a visible escape: for names and text shown on a terminal or in a log line."""
    return _TERMINAL_UNSAFE.sub(_visible, str(text))


def display_name(path: object) -> str:
    """A file name as it may be shown: `escape_controls(path)`."""
    return escape_controls(path)


def cell_text(text: object) -> str:
    """`text` with what a spreadsheet cell cannot hold (or would show reordered) escaped;
    tab, line feed and carriage return stay."""
    return _CELL_UNSAFE.sub(_visible, str(text))


def json_line(data: Any, **options: Any) -> str:
    """`json.dumps(data, ensure_ascii=False)` with C1, bidi controls, line separators and
    lone surrogates as `\\uXXXX` escapes: the same JSON value, safe on a terminal and
    encodable as UTF-8 (a non-UTF-8 file name reads back as the name Python gave it)."""
    text = json.dumps(data, ensure_ascii=False, **options)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
