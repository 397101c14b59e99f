"""Pictures of pages: a PDF page rendered by pdfplumber, with text boxes drawn on it.

Used by `Document.to_image`, `contractkit show` and the notebook widgets, so a clause is
drawn the same way everywhere; `debug_layout` draws what layout analysis found on a page
(`Document.debug_layout`). A page is drawn at the resolution asked for unless its
picture would pass `MAX_PAGE_PIXELS` (a PDF may declare a page of 200 x 200 inches, or
more): then at the resolution that fits (`limits.render_resolution`), and a page too large
even at `MIN_RENDER_RESOLUTION` is `TooLarge`. Boxes land on their words whatever the
resolution (pdfplumber scales them by the picture's own width).
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from contractkit.limits import MAX_PAGE_PIXELS, render_resolution
from contractkit.pdfminer_logs import quiet_pdfminer

if TYPE_CHECKING:
    from contractkit.model import Box, Page

HIGHLIGHT_STROKE_WIDTH = 2


def render_page(
    path: str | os.PathLike[str],
    page: int,
    resolution: float = 72,
    password: str = "",
    max_pixels: int = MAX_PAGE_PIXELS,
    **kwargs: Any,
) -> Any:
    """Page `page` (1-based) of the PDF at `path` as a pdfplumber `PageImage`, drawn at
    `resolution` dpi or, for a page whose picture would hold more than `max_pixels`
    pixels, at the lower resolution that fits (the image's `resolution` says which);
    `TooLarge` for a page too large to draw."""
    import pdfplumber

    resolution = render_resolution(
        *page_size(path, page, password), resolution, max_pixels, what=f"page {page}"
    )
    with quiet_pdfminer(), pdfplumber.open(path, password=password) as pdf:
        return pdf.pages[page - 1].to_image(resolution=resolution, **kwargs)


def page_size(path: str | os.PathLike[str], page: int, password: str = "") -> tuple[float, float]:
    """Width and height (pt) of page `page` (1-based) as PDFium draws it (its crop box,
    turned by its rotation): what the size of its picture follows."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(os.fspath(path), password=password or None)
    try:
        handle = document[page - 1]
        try:
            return handle.get_size()
        finally:
            handle.close()
    finally:
        document.close()


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


# What layout found on a page, one colour each (a legend: label -> RGB), none of them the
# hidden-text magenta or pdfplumber's default red and blue.
PARAGRAPH_STROKE = (40, 100, 255)  # blue
TABLE_STROKE = (0, 150, 0)  # green
TABLE_CELL_STROKE = (150, 215, 150)  # pale green
FURNITURE_STROKE = (255, 140, 0)  # orange: running headers, footers, page numbers
GUTTER_STROKE = (0, 190, 190)  # teal: the gutter between two columns
LAYOUT_COLOURS = {
    "paragraph": PARAGRAPH_STROKE,
    "table": TABLE_STROKE,
    "table cell": TABLE_CELL_STROKE,
    "header / footer / page number": FURNITURE_STROKE,
    "column gutter": GUTTER_STROKE,
}
_NO_FILL = (0, 0, 0, 0)


def debug_layout(image: Any, page: Page) -> Any:
    """Draw on `image` (a pdfplumber `PageImage` of `page`) what layout analysis found:
    paragraph boxes, tables and their cells, furniture lines and, on a page read as two
    columns, the gutter between them (a vertical line down the columns' height), each in
    its `LAYOUT_COLOURS` colour; returns the image for chaining, like pdfplumber's
    `debug_tablefinder`."""
    image.draw_rects(page.paragraph_boxes, fill=_NO_FILL, stroke=PARAGRAPH_STROKE, stroke_width=1)
    for table in page.tables:
        cells = [cell for row in table.rows for cell in row]
        image.draw_rects(cells, fill=_NO_FILL, stroke=TABLE_CELL_STROKE, stroke_width=1)
        image.draw_rect(
            table.bbox, fill=_NO_FILL, stroke=TABLE_STROKE, stroke_width=HIGHLIGHT_STROKE_WIDTH
        )
    image.draw_rects(
        [line.bbox for line in page.furniture if line.words],
        fill=(*FURNITURE_STROKE, 40),
        stroke=FURNITURE_STROKE,
        stroke_width=HIGHLIGHT_STROKE_WIDTH,
    )
    if page.column_gutter is not None:
        x = page.column_gutter
        top, bottom = _column_extent(page, x) or (0.0, page.height)
        image.draw_line(((x, top), (x, bottom)), stroke=GUTTER_STROKE, stroke_width=2)
    return image


def _column_extent(page: Page, gutter: float) -> tuple[float, float] | None:
    """Top and bottom of the body lines that keep to one side of the gutter."""
    sides = [
        line
        for line in page.body_lines
        if line.words and (line.bbox[2] <= gutter or line.x0 >= gutter)
    ]
    if not sides:
        return None
    return min(line.top for line in sides), max(line.bottom for line in sides)


def png_bytes(image: Any) -> bytes:
    """The annotated picture as PNG bytes (for `ipywidgets.Image` or a file)."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
