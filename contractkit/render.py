"""Pictures of pages: a PDF page rendered by pdfplumber, with text boxes drawn on it.

Used by `Document.to_image`, `contractkit show` and the notebook widgets, so a clause is
drawn the same way everywhere.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from typing import Any

from contractkit.model import Box

HIGHLIGHT_STROKE_WIDTH = 2


def render_page(
    path: str | os.PathLike[str], page: int, resolution: int = 72, password: str = "", **kwargs: Any
) -> Any:
    """Page `page` (1-based) of the PDF at `path` as a pdfplumber `PageImage`."""
    import pdfplumber

    from contractkit.ingest.pdfplumber_engine import quiet_pdfminer

    with quiet_pdfminer(), pdfplumber.open(path, password=password) as pdf:
        return pdf.pages[page - 1].to_image(resolution=resolution, **kwargs)


# Text hidden from the reader is drawn in its own colour, never mistaken for a clause.
HIDDEN_TEXT_STROKE = (200, 0, 200)


def draw_boxes(image: Any, boxes: Iterable[Box], stroke: Any = None) -> Any:
    """Draw on `image` the boxes that sit on its page (in `stroke`, pdfplumber's default
    colour when None); returns the image for chaining."""
    page = image.page.page_number
    colour = {} if stroke is None else {"stroke": stroke, "fill": (*stroke, 40)}
    image.draw_rects(
        [box.bbox for box in boxes if box.page == page],
        stroke_width=HIGHLIGHT_STROKE_WIDTH,
        **colour,
    )
    return image


def png_bytes(image: Any) -> bytes:
    """The annotated picture as PNG bytes (for `ipywidgets.Image` or a file)."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
