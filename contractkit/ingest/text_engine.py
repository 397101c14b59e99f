"""Plain-text contracts: the text is the reading text; there are no pages or boxes.

The encoding is read from a byte-order mark first (UTF-8, UTF-16, UTF-32), then tried as
UTF-8; otherwise `charset-normalizer` names it, among the encodings contracts are written
in. Windows-1252 stays the choice for Western text unless another encoding reads clearly
better (a Czech cp1250 or a Russian cp1251 text does), because on short Western texts the
detector's guesses (cp1250, cp437) are no better than chance and lose "ï" or "€". Text
that decodes to control characters is binary data and rejected (`unsupported`).
"""

from __future__ import annotations

import codecs
import unicodedata

from contractkit.errors import EmptyDocument, UnsupportedFormat
from contractkit.limits import Deadline
from contractkit.model import Document

# Longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# What charset-normalizer may answer: the encodings contracts are written in (legacy DOS
# and Mac code pages out: on short texts they win on chance and garble Western text).
_CANDIDATES = (
    *(f"cp{n}" for n in range(1250, 1259)),
    *(f"iso8859_{n}" for n in (1, 2, 4, 5, 7, 9, 13, 15)),
    "koi8_r",
    "koi8_u",
    "cp932",
    "shift_jis",
    "euc_jp",
    "gb18030",
    "big5",
    "euc_kr",
    "cp949",
)
_WIDE = ("utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be")
_WESTERN = "cp1252"
# how much less chaotic (charset-normalizer's mess ratio) another reading must be
_CLEARLY_BETTER = 0.03
# control characters (other than layout ones) in more than this share of the text: binary
_MAX_CONTROL_SHARE = 0.01
_LAYOUT = frozenset("\t\n\r\x0b\x0c")
_SAMPLE = 65_536  # characters / bytes examined by the checks and the detector


def read_text(
    name: str, data: bytes, password: str | None, max_pages: int, deadline: Deadline
) -> Document:
    text, encoding, guessed = _decode(data)
    if text is None or _looks_binary(text):
        raise UnsupportedFormat("binary data in a .txt file", path=name)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n\n")
    if not text.strip():
        raise EmptyDocument("the text file contains only whitespace", path=name)
    warnings = [f"not UTF-8; decoded as {encoding}"] if guessed else []
    return Document(
        path=name,
        engine="text",
        pages=[],
        text=text,
        warnings=warnings,
        metadata={"encoding": encoding},
    )


def _decode(data: bytes) -> tuple[str | None, str, bool]:
    """(text or None for binary, encoding, whether the encoding was guessed)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, False
            except UnicodeDecodeError:
                return None, encoding, False
    if b"\x00" in data[:8192]:  # UTF-16/32 without a mark, or binary
        match = _detect(data, _WIDE)
        text = None if match is None else _decoded(data, match.encoding)
        if text is not None and not _looks_binary(text):
            return text, match.encoding, True
    try:  # (with NULs: the control-character check in read_text then judges it)
        return data.decode("utf-8"), "utf-8-sig", False
    except UnicodeDecodeError:
        return _decode_8bit(data)


def _decode_8bit(data: bytes) -> tuple[str | None, str, bool]:
    from charset_normalizer.md import mess_ratio

    try:
        western = data.decode(_WESTERN)
    except UnicodeDecodeError:  # one of the five bytes cp1252 leaves undefined
        western = None
    match = _detect(data, _CANDIDATES)
    if western is not None and (
        match is None
        or match.encoding == _WESTERN
        or match.chaos + _CLEARLY_BETTER > mess_ratio(western[:_SAMPLE], maximum_threshold=1.0)
    ):
        return western, _WESTERN, True
    if match is not None:
        return _decoded(data, match.encoding), match.encoding, True
    return data.decode("latin-1"), "latin-1", True  # decodes every byte string


def _detect(data: bytes, encodings: tuple[str, ...]):  # -> CharsetMatch | None
    from charset_normalizer import from_bytes

    return from_bytes(data, cp_isolation=list(encodings)).best()


def _decoded(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _looks_binary(text: str) -> bool:
    sample = text[:_SAMPLE]
    control = sum(
        c not in _LAYOUT and unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") for c in sample
    )
    return control > _MAX_CONTROL_SHARE * max(len(sample), 1)
