"""Per-document bounds: contracts are untrusted input."""

from __future__ import annotations

import math
import numbers
import time

from contractkit.errors import ParseTimeout

DEFAULT_MAX_PAGES = 1000
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
DEFAULT_TIMEOUT = 300.0  # seconds of parsing, checked page by page (150 pages take ~80 s)
DEFAULT_OCR_PAGE_TIMEOUT = 60.0  # seconds of Tesseract per scanned page (a dense one: ~5 s)


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
