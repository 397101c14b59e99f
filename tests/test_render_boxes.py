"""Drawing a clause's box: the pixels of the picture, not only that a picture came back."""

from __future__ import annotations

import numpy as np
from conftest import SAMPLES

import contractkit
from contractkit.model import Box
from contractkit.render import draw_boxes

PDF = SAMPLES / "managed_services.pdf"
RESOLUTION = 144  # 2 pixels per point
SCALE = RESOLUTION / 72
SLACK = 3  # pixels: the 2-pixel stroke straddles the edge, plus rounding


def pixels(image) -> np.ndarray:
    return np.asarray(image.convert("RGB")).astype(int)


def stroke_coloured(rgb: np.ndarray) -> np.ndarray:
    """pdfplumber's default stroke: red over the page."""
    return (rgb[..., 0] > 180) & (rgb[..., 1] < 120) & (rgb[..., 2] < 120)


def test_a_clause_box_is_drawn_on_its_edges_and_nowhere_else():
    hit = contractkit.analyze(PDF).best("sla")  # "respond within two (2) hours", three lines
    document = contractkit.load(PDF)
    boxes = [b for b in hit.boxes if b.page == hit.page]
    assert len(boxes) >= 2
    elsewhere = Box(hit.page + 1, 70.0, 100.0, 300.0, 120.0)  # another page: not drawn here
    plain = pixels(document.to_image(hit.page, resolution=RESOLUTION).original)
    image = draw_boxes(document.to_image(hit.page, resolution=RESOLUTION), [*boxes, elsewhere])
    drawn = pixels(image.annotated)
    assert drawn.shape == plain.shape
    changed = (drawn != plain).any(axis=2)
    stroke = changed & stroke_coloured(drawn)
    assert stroke.sum() > 1000  # draw_boxes drew something

    edges = [tuple(round(v * SCALE) for v in b.bbox) for b in boxes]
    ys, xs = np.nonzero(stroke)
    on_an_edge = np.zeros(len(xs), dtype=bool)
    for x0, y0, x1, y1 in edges:
        within = (xs >= x0 - SLACK) & (xs <= x1 + SLACK) & (ys >= y0 - SLACK) & (ys <= y1 + SLACK)
        vertical = (abs(xs - x0) <= SLACK) | (abs(xs - x1) <= SLACK)
        horizontal = (abs(ys - y0) <= SLACK) | (abs(ys - y1) <= SLACK)
        on_an_edge |= within & (vertical | horizontal)
    assert on_an_edge.all(), "stroke pixels off every box edge"

    for x0, y0, x1, y1 in edges:  # each edge of each box is drawn along its length
        along_x, along_y = slice(x0 + SLACK, x1 - SLACK), slice(y0 + SLACK, y1 - SLACK)
        for name, band in (
            ("top", stroke[y0 - SLACK : y0 + SLACK + 1, along_x].any(axis=0)),
            ("bottom", stroke[y1 - SLACK : y1 + SLACK + 1, along_x].any(axis=0)),
            ("left", stroke[along_y, x0 - SLACK : x0 + SLACK + 1].any(axis=1)),
            ("right", stroke[along_y, x1 - SLACK : x1 + SLACK + 1].any(axis=1)),
        ):
            assert band.all(), (name, x0, y0, band.mean())

    ys, xs = np.nonzero(changed)  # nothing changed outside the boxes (fill inside, stroke on)
    inside = np.zeros(len(xs), dtype=bool)
    for x0, y0, x1, y1 in edges:
        inside |= (xs >= x0 - SLACK) & (xs <= x1 + SLACK) & (ys >= y0 - SLACK) & (ys <= y1 + SLACK)
    assert inside.all(), f"{(~inside).sum()} pixels changed outside the clause's boxes"
