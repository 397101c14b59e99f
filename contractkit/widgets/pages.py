"""Rendered PDF pages, kept so that going back to a contract does not render it again."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets

from contractkit.model import Box, HiddenText
from contractkit.render import HIDDEN_TEXT_STROKE, draw_boxes, png_bytes, render_page
from contractkit.result import ClauseHit, ContractResult


class PageCache:
    """pdfplumber page images by (file, page), least recently used dropped past `maxsize`;
    highlights are drawn on copies, so one rendering serves every clause of a page."""

    def __init__(self, resolution: int = 72, maxsize: int = 64) -> None:
        self.resolution = resolution
        self.maxsize = maxsize
        self._pages: OrderedDict[tuple[str, int], Any] = OrderedDict()

    def page(self, file: str, page: int) -> Any:
        key = (file, page)
        if key in self._pages:
            self._pages.move_to_end(key)
        else:
            self._pages[key] = render_page(file, page, self.resolution)
            if len(self._pages) > self.maxsize:
                self._pages.popitem(last=False)
        return self._pages[key]

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
    contract without pages)."""
    if contract is None or hit is None or hit.page is None:
        image.value = b""
        image.layout.display = "none"
        return
    if isinstance(hit, HiddenText):
        boxes = [Box(hit.page, *hit.bbox)] if hit.bbox else []
        image.value = pages.highlighted_png(contract.file, hit.page, boxes, HIDDEN_TEXT_STROKE)
    else:
        image.value = pages.highlighted_png(contract.file, hit.page, hit.boxes)
    image.layout.display = None
