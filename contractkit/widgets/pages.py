"""Rendered PDF pages, kept so that going back to a contract does not render it again.

The cache is bounded by pages and by pixels: each page is drawn within
`MAX_PAGE_PIXELS` (a huge page at a lower resolution, see `contractkit.render`), and the
pages kept hold at most `max_pixels` in all, so a portfolio of poster-sized pages cannot
fill the kernel's memory.
"""

from __future__ import annotations

import io
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets

from contractkit.errors import TooLarge
from contractkit.limits import MAX_PAGE_PIXELS
from contractkit.model import Box, HiddenText
from contractkit.render import HIDDEN_TEXT_STROKE, draw_boxes, png_bytes, render_page
from contractkit.result import ClauseHit, ContractResult

# Pixels of all the pages a cache keeps (~300 MB as a PageImage's two RGB copies): about a
# hundred Letter pages at 72 dpi, two pages drawn at the full `MAX_PAGE_PIXELS`.
MAX_CACHE_PIXELS = 2 * MAX_PAGE_PIXELS


class PageCache:
    """pdfplumber page images by (file, page), least recently used dropped past `maxsize`
    pages or `max_pixels` pixels in all (the page last drawn is always kept); highlights
    are drawn on copies, so one rendering serves every clause of a page."""

    def __init__(
        self, resolution: float = 72, maxsize: int = 64, max_pixels: int = MAX_CACHE_PIXELS
    ) -> None:
        self.resolution = resolution
        self.maxsize = maxsize
        self.max_pixels = max_pixels
        self._pages: OrderedDict[tuple[str, int], Any] = OrderedDict()

    def page(self, file: str, page: int) -> Any:
        """The `PageImage` of `page` of `file` (`TooLarge` for a page too large to draw)."""
        key = (file, page)
        if key in self._pages:
            self._pages.move_to_end(key)
        else:
            self._pages[key] = render_page(
                file, page, self.resolution, max_pixels=min(self.max_pixels, MAX_PAGE_PIXELS)
            )
            while len(self._pages) > 1 and (
                len(self._pages) > self.maxsize or self.pixels > self.max_pixels
            ):
                self._pages.popitem(last=False)
        return self._pages[key]

    @property
    def pixels(self) -> int:
        """Pixels of the pages kept."""
        return sum(image.original.width * image.original.height for image in self._pages.values())

    def highlighted_png(
        self, file: str, page: int, boxes: Sequence[Box], stroke: Any = None
    ) -> bytes:
        """PNG of `page` of `file` with those of `boxes` that sit on it drawn."""
        return png_bytes(draw_boxes(self.page(file, page).copy(), boxes, stroke))

    def __len__(self) -> int:
        return len(self._pages)


def show_on_page(
    image: widgets.Image,
    pages: PageCache,
    contract: ContractResult | None,
    hit: ClauseHit | HiddenText | None,
) -> None:
    """Show `hit` (a clause, or text hidden from the reader, in its own colour) boxed on its
    page in `image`; hide `image` when there is no page to show (nothing chosen, or a
    contract without pages); a page too large to draw is a picture saying so."""
    if contract is None or hit is None or hit.page is None:
        image.value = b""
        image.layout.display = "none"
        return
    try:
        if isinstance(hit, HiddenText):
            boxes = [Box(hit.page, *hit.bbox)] if hit.bbox else []
            image.value = pages.highlighted_png(contract.file, hit.page, boxes, HIDDEN_TEXT_STROKE)
        else:
            image.value = pages.highlighted_png(contract.file, hit.page, hit.boxes)
    except TooLarge as error:
        image.value = message_png(error.message)
    image.layout.display = None


def message_png(message: str, width: int = 460) -> bytes:
    """A small picture holding `message` (wrapped), shown where a page cannot be."""
    import textwrap

    from PIL import Image, ImageDraw

    lines = textwrap.wrap(message, width=width // 7) or [""]
    picture = Image.new("RGB", (width, 16 * len(lines) + 16), "white")
    draw = ImageDraw.Draw(picture)
    for row, line in enumerate(lines):
        draw.text((8, 8 + 16 * row), line, fill=(160, 0, 0))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()
