"""Per-document bounds: contracts are untrusted input."""

from __future__ import annotations

import math
import numbers
import time

from contractkit.errors import ParseTimeout, TooLarge

DEFAULT_MAX_PAGES = 1000
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
DEFAULT_TIMEOUT = 300.0  # seconds of parsing, checked page by page (150 pages take ~80 s)
DEFAULT_OCR_PAGE_TIMEOUT = 60.0  # seconds of Tesseract per scanned page (a dense one: ~5 s)
# A page picture (the CLI's `show`, the widgets, OCR) holds at most this many pixels: about
# 100 MB as PDFium's 4-byte bitmap. A4 at 300 dpi is 8.7 MP, A2 at 300 dpi 35 MP (drawn at
# 254 dpi); a page a PDF may declare, 200 x 200 inches, would be 3.6 GP at 300 dpi.
MAX_PAGE_PIXELS = 25_000_000
# A page that would have to be drawn below this is refused (TooLarge): the largest square
# page drawn is 36,000 pt (500 inches) a side.
MIN_RENDER_RESOLUTION = 10.0  # dpi


def check_seconds(value: object, name: str = "timeout") -> float | None:
    """A time limit as given by a caller: None (no limit) or a finite number of seconds
    above 0; ValueError for anything else (`nan` would switch a limit off unnoticed: every
    comparison with it is false)."""
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Real)
        or not math.isfinite(value)
        or value <= 0
    ):
        raise ValueError(
            f"{name} must be a finite number of seconds above 0 (None: no limit), not {value!r}"
        )
    return float(value)


def check_bytes(value: object, name: str = "max_memory") -> int | None:
    """A memory or size limit: None (no limit) or a finite number of bytes, 1 or more."""
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Real)
        or not math.isfinite(value)
        or value < 1
    ):
        raise ValueError(
            f"{name} must be a number of bytes, 1 or more (None: no limit), not {value!r}"
        )
    return int(value)


class Deadline:
    """Raises `ParseTimeout` once `timeout` seconds have passed since creation."""

    def __init__(self, timeout: float | None, path: str) -> None:
        timeout = check_seconds(timeout)
        self._end = None if timeout is None else time.monotonic() + timeout
        self._timeout = timeout
        self._path = path

    def check(self) -> None:
        if self._end is not None and time.monotonic() > self._end:
            raise ParseTimeout(
                f"parsing took longer than the {self._timeout:g} s limit", path=self._path
            )


def render_resolution(
    width: float,
    height: float,
    resolution: float,
    max_pixels: int = MAX_PAGE_PIXELS,
    what: str = "the page",
) -> float:
    """The resolution (dpi) to draw a `width` x `height` pt page at: the `resolution` asked
    for, or less so that the picture holds at most `max_pixels` pixels (each side rounded up,
    as PDFium sizes its bitmap). `TooLarge` (naming `what`) when even
    `MIN_RENDER_RESOLUTION` would be too many pixels, or the size is not a size. The one
    place that decides how large a page picture may be (render, page cache, OCR)."""
    if not (math.isfinite(resolution) and resolution > 0):
        raise ValueError(f"a resolution is a number of dpi above 0, not {resolution!r}")
    if not all(math.isfinite(v) and v > 0 for v in (width, height)):
        raise TooLarge(f"{what} measures {width:g} x {height:g} pt: it cannot be drawn")

    def pixels(dpi: float) -> int:
        return math.ceil(width * dpi / 72) * math.ceil(height * dpi / 72)

    dpi = float(resolution)
    if pixels(dpi) <= max_pixels:
        return dpi
    dpi = 72 * math.sqrt(max_pixels / (width * height))
    # a side rounded up to whole pixels may still carry it over (a thin, long page)
    while dpi >= MIN_RENDER_RESOLUTION and (count := pixels(dpi)) > max_pixels:
        dpi *= 0.999 * max_pixels / count
    if dpi < MIN_RENDER_RESOLUTION:
        raise TooLarge(
            f"{what} measures {width:g} x {height:g} pt ({width / 72:g} x {height / 72:g}"
            f" inches): even at {MIN_RENDER_RESOLUTION:g} dpi its picture would exceed the"
            f" {max_pixels / 1e6:g} megapixel limit"
        )
    return dpi
