"""Visual debugging of layout (issue 18): `doc.debug_layout(n)` draws the column gutter,
page furniture, paragraphs and tables layout found, each in its colour, where they sit.

The pictures are real renders of tests/layout_pdf.py's pages, read by both engines; the
pixels of each colour are found in them, as the explorer's hidden-text test does.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import contractkit
from contractkit.render import (
    FURNITURE_STROKE,
    GUTTER_STROKE,
    LAYOUT_COLOURS,
    PARAGRAPH_STROKE,
    TABLE_CELL_STROKE,
    TABLE_STROKE,
)

ENGINES = ["pdfplumber", "pdfium"]
SLACK = 3  # pixels: a box's stroke is 1-2 px wide, its edges rounded to whole pixels


def _pixels(image, colour: tuple[int, int, int]) -> np.ndarray:
    """`(x, y)` of the picture's pixels in `colour`, one row each."""
    rgb = np.asarray(image.annotated.convert("RGB"), dtype=int)
    ys, xs = np.nonzero(np.abs(rgb - np.array(colour)).max(axis=2) <= 30)
    return np.column_stack([xs, ys])


def _near_box(points: np.ndarray, bbox, scale: float = 1.0) -> np.ndarray:
    x0, top, x1, bottom = (v * scale for v in bbox)
    xs, ys = points[:, 0], points[:, 1]
    return (xs >= x0 - SLACK) & (xs <= x1 + SLACK) & (ys >= top - SLACK) & (ys <= bottom + SLACK)


def test_the_colours_are_a_legend_of_distinct_colours():
    assert len(set(LAYOUT_COLOURS.values())) == len(LAYOUT_COLOURS) == 5
    assert GUTTER_STROKE in LAYOUT_COLOURS.values()


def test_layout_keeps_the_gutter_it_read_the_columns_by(layout_doc):
    two_columns, one_column, closing = layout_doc.pages
    # Columns at x 20-100 mm and 110-190 mm: the gutter lies between 100 and 110 mm.
    assert 100 * 72 / 25.4 < two_columns.column_gutter < 110 * 72 / 25.4
    assert one_column.column_gutter is None and closing.column_gutter is None


def test_paragraph_boxes_keep_to_their_column(layout_doc):
    page = layout_doc.pages[0]
    gutter = page.column_gutter
    boxes = page.paragraph_boxes
    # The title, then three paragraphs in each column, in reading order.
    assert len(boxes) == 7
    title, *columns = boxes
    assert title[0] < gutter < title[2]
    assert all(box[2] <= gutter for box in columns[:3])
    assert all(box[0] >= gutter for box in columns[3:])
    assert [box[1] for box in columns[:3]] == sorted(box[1] for box in columns[:3])
    # Furniture and table rows are not paragraphs.
    table_page = layout_doc.pages[1]
    (table,) = table_page.tables
    assert len(table_page.paragraph_boxes) == 1  # the hyphenated paragraph
    assert table_page.paragraph_boxes[0][3] < table.bbox[1]


def test_the_gutter_is_drawn_down_the_columns_and_nowhere_else(layout_doc):
    page = layout_doc.pages[0]
    picture = layout_doc.debug_layout(1)
    assert picture.resolution == 72  # one pixel per point
    teal = _pixels(picture, GUTTER_STROKE)
    assert len(teal), "the gutter is drawn"
    assert np.all(np.abs(teal[:, 0] - page.column_gutter) <= 2)
    columns = page.paragraph_boxes[1:]
    top, bottom = min(b[1] for b in columns), max(b[3] for b in columns)
    ys = set(teal[:, 1].tolist())
    assert min(ys) <= top + SLACK and max(ys) >= bottom - SLACK
    assert len(ys) >= bottom - top - SLACK  # a line, not a few dots
    assert not len(_pixels(layout_doc.debug_layout(2), GUTTER_STROKE)), "one column: no gutter"


def test_the_gutter_lands_on_its_x_at_any_resolution(layout_doc):
    page = layout_doc.pages[0]
    picture = layout_doc.debug_layout(1, resolution=144)
    assert picture.annotated.size[0] == pytest.approx(2 * page.width, abs=2)
    teal = _pixels(picture, GUTTER_STROKE)
    assert len(teal) and np.all(np.abs(teal[:, 0] - 2 * page.column_gutter) <= 3)


def test_a_ruled_table_is_boxed_in_the_table_colour(layout_doc):
    page = layout_doc.pages[1]
    (table,) = page.tables
    picture = layout_doc.debug_layout(2)
    green = _pixels(picture, TABLE_STROKE)
    assert len(green), "the table is drawn"
    assert np.all(_near_box(green, table.bbox)), "only around the table"
    x0, top, x1, bottom = table.bbox
    xs, ys = green[:, 0], green[:, 1]
    on_side = {
        "top": np.abs(ys - top) <= SLACK,
        "bottom": np.abs(ys - bottom) <= SLACK,
        "left": np.abs(xs - x0) <= SLACK,
        "right": np.abs(xs - x1) <= SLACK,
    }
    assert all(side.sum() > 10 for side in on_side.values()), "all four sides"
    # Not filled: inside the border the table's own text shows through.
    inside = (xs > x0 + SLACK) & (xs < x1 - SLACK) & (ys > top + SLACK) & (ys < bottom - SLACK)
    assert not inside.any()
    # Its cells in their paler colour, at the boundaries between rows.
    cells = _pixels(picture, TABLE_CELL_STROKE)
    assert np.all(_near_box(cells, table.bbox))
    for row in table.rows[1:]:
        assert (np.abs(cells[:, 1] - row[0][1]) <= SLACK).sum() > 50


def test_headers_and_footers_are_drawn_in_the_furniture_colour(layout_doc):
    for page in layout_doc.pages:
        furniture = page.furniture
        assert {line.kind for line in furniture} == {"header", "page_number"}
        orange = _pixels(layout_doc.debug_layout(page.number), FURNITURE_STROKE)
        near = [_near_box(orange, line.bbox) for line in furniture]
        assert all(n.sum() > 20 for n in near), "each furniture line is boxed"
        assert np.all(np.logical_or.reduce(near)), "and nothing else"


def test_paragraphs_are_drawn_in_their_colour(layout_doc):
    page = layout_doc.pages[0]
    blue = _pixels(layout_doc.debug_layout(1), PARAGRAPH_STROKE)
    near = [_near_box(blue, box) for box in page.paragraph_boxes]
    assert all(n.sum() > 20 for n in near)
    assert np.all(np.logical_or.reduce(near))


def test_debug_layout_needs_pages():
    doc = contractkit.load(
        Path(__file__).parent.parent / "sample_contracts/software_license_audit.docx"
    )
    with pytest.raises(ValueError, match="only PDF"):
        doc.debug_layout(1)


def test_debug_layout_of_a_page_the_document_lacks(layout_doc):
    with pytest.raises(ValueError, match="no page 0"):
        layout_doc.debug_layout(0)
