"""Page sizes (issue 20): a PDF may declare a page of 200 x 200 inches, or of 10^9 points.
Every picture of a page (`Document.to_image`, `contractkit show`, the widgets' page cache,
OCR) is drawn within `MAX_PAGE_PIXELS`, at a lower resolution when it must; a page too
large even at `MIN_RENDER_RESOLUTION` is `TooLarge`, never a MemoryError.

Memory is shown by a limit: the picture is drawn in a worker process that is killed past a
resident-memory bound (`workers.run_limited`), which a page drawn at full size passes.
"""

from __future__ import annotations

import io
import math

import numpy as np
import pytest
from bad_files import CONTRACT_TEXT, FIXED_DATE, scan_image
from conftest import require_tesseract
from fpdf import FPDF
from PIL import Image

import contractkit
from contractkit import workers
from contractkit.cli import main
from contractkit.errors import TooLarge
from contractkit.limits import MAX_PAGE_PIXELS, MIN_RENDER_RESOLUTION, render_resolution
from contractkit.model import HiddenText
from contractkit.render import draw_boxes, render_page
from contractkit.result import ContractResult
from contractkit.widgets.pages import PageCache, show_on_page

POSTER = 14_400.0  # the largest page PDF 1.7 allows without UserUnit: 200 inches a side
ABSURD = 1e9


def huge_pdf(width: float, height: float | None = None, size: float = 11, pages: int = 1) -> bytes:
    """Pages of `width` x `height` pt holding the warranty clause in `size` pt Helvetica."""
    height = width if height is None else height
    pdf = FPDF(unit="pt", format=(width, height))
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_font("Helvetica", size=size)
    pdf.set_auto_page_break(False)
    for _ in range(pages):
        pdf.add_page()
        pdf.set_xy(72, 72)
        pdf.multi_cell(min(width - 144, size * 40), size * 1.3, CONTRACT_TEXT * 4)
    return bytes(pdf.output())


def huge_scan_pdf(width: float, text_page_first: bool = False) -> bytes:
    """An image-only page of `width` x `width` pt: a scan stretched over it."""
    pdf = FPDF(unit="pt", format=(width, width))
    pdf.set_creation_date(FIXED_DATE)
    if text_page_first:
        pdf.set_font("Helvetica", size=11)
        pdf.add_page(format=(612, 792))
        pdf.multi_cell(468, 14, CONTRACT_TEXT * 4)
    pdf.add_page()
    buffer = io.BytesIO()
    scan_image().save(buffer, format="PNG")
    pdf.image(buffer, x=0, y=0, w=width, h=width)
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def poster(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("pages") / "poster.pdf"
    path.write_bytes(huge_pdf(POSTER, size=200))
    return path


@pytest.fixture(scope="module")
def absurd(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("pages") / "absurd.pdf"
    path.write_bytes(huge_pdf(ABSURD))
    return path


# -- the one rule ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "height", "asked"),
    [
        (612, 792, 72),  # Letter: as asked
        (612, 792, 300),
        (POSTER, POSTER, 72),
        (POSTER, POSTER, 300),
        (2384, 3370, 300),  # A0 for OCR
        (1e6, 1, 72),  # a thin strip: its 1-pixel side is rounded up
        (72, 1e5, 72),
        (36_000, 36_000, 72),  # the largest square page: at the lowest resolution
    ],
)
def test_a_page_is_drawn_as_asked_or_as_fine_as_the_pixel_budget_allows(width, height, asked):
    dpi = render_resolution(width, height, asked)
    pixels = math.ceil(width * dpi / 72) * math.ceil(height * dpi / 72)
    assert MIN_RENDER_RESOLUTION <= dpi <= asked and pixels <= MAX_PAGE_PIXELS
    if math.ceil(width * asked / 72) * math.ceil(height * asked / 72) <= MAX_PAGE_PIXELS:
        assert dpi == asked
    else:  # no coarser than it must be: 2 % more would pass the budget
        finer = dpi * 1.02
        assert math.ceil(width * finer / 72) * math.ceil(height * finer / 72) > MAX_PAGE_PIXELS


@pytest.mark.parametrize(
    ("width", "height"), [(ABSURD, ABSURD), (ABSURD, 1), (40_000, 40_000), (math.inf, 1), (0, 1)]
)
def test_a_page_too_large_to_draw_is_too_large_and_says_why(width, height):
    with pytest.raises(TooLarge, match=r"page 7 measures .* pt"):
        render_resolution(width, height, 72, what="page 7")


# -- Document.to_image, `contractkit show` ----------------------------------------------------


def pixels(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("RGB")).astype(int)


def test_a_poster_page_is_drawn_within_the_budget_with_its_clause_boxed_on_it(poster):
    document = contractkit.load(poster, engine="pdfium")
    start = document.find("The Supplier warrants")
    boxes = document.locate(start, start + 200)
    assert boxes and {b.page for b in boxes} == {1}
    image = document.to_image(1, resolution=100)
    width, height = image.original.size
    assert width * height <= MAX_PAGE_PIXELS and image.resolution < 100
    plain = pixels(image.original)
    drawn = pixels(draw_boxes(image, boxes).annotated)
    stroke = (drawn != plain).any(axis=2) & (drawn[..., 0] > 180) & (drawn[..., 1] < 120)
    assert stroke.sum() > 500
    # the boxes sit where the clause's ink is on the reduced picture: every stroke pixel on
    # an edge of a box scaled by the picture's own scale, every edge drawn
    scale, slack = width / POSTER, 3
    edges = [tuple(round(v * scale) for v in b.bbox) for b in boxes]
    ys, xs = np.nonzero(stroke)
    on_an_edge = np.zeros(len(xs), dtype=bool)
    for x0, y0, x1, y1 in edges:
        within = (xs >= x0 - slack) & (xs <= x1 + slack) & (ys >= y0 - slack) & (ys <= y1 + slack)
        edge = (abs(xs - x0) <= slack) | (abs(xs - x1) <= slack)
        edge |= (abs(ys - y0) <= slack) | (abs(ys - y1) <= slack)
        on_an_edge |= within & edge
    assert on_an_edge.all(), "stroke pixels off the clause's boxes"
    ink = plain.sum(axis=2) < 200  # the black text of the page
    for x0, y0, x1, y1 in edges:
        assert ink[y0:y1, x0:x1].sum() > 0.05 * (x1 - x0) * (y1 - y0)  # the box holds words


def _render_size(path: str) -> tuple[int, int]:
    return render_page(path, 1, 100).original.size


def _resident_bytes() -> int:
    import os

    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_drawing_a_poster_page_stays_under_a_memory_limit_it_would_pass_at_full_size(poster):
    # at 100 dpi the page is 20,000 x 20,000 pixels: 1.6 GB as PDFium's bitmap alone
    limit = _resident_bytes() + (768 << 20)
    [(_, outcome)] = list(workers.run_limited(_render_size, [(0, str(poster))], 1, 300, limit))
    assert not isinstance(outcome, Exception), outcome
    assert outcome[0] * outcome[1] <= MAX_PAGE_PIXELS


def test_an_absurd_page_is_read_and_its_picture_is_too_large(absurd, tmp_path, capsys):
    for engine in ("pdfium", "pdfplumber"):
        # the layout's memory follows the words, not the page (PDFium's float positions
        # this far out are coarse: the words may come in a jumbled order)
        document = contractkit.load(absurd, engine=engine)
        assert "Supplier warrants" in document.text
        assert document.pages[0].width == ABSURD
    with pytest.raises(TooLarge, match="even at 10 dpi"):
        document.to_image(1)
    out = tmp_path / "page.png"
    assert main(["show", str(absurd), "--type", "warranty", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "too_large: page 1 measures 1e+09 x 1e+09 pt" in err and "Traceback" not in err
    assert not out.exists()


def test_show_draws_a_poster_page_at_the_resolution_that_fits(poster, tmp_path, capsys):
    out = tmp_path / "page.png"
    assert main(["show", str(poster), "--type", "warranty", "--out", str(out)]) == 0
    with Image.open(out) as picture:
        assert picture.width * picture.height <= MAX_PAGE_PIXELS


# -- the widgets' page cache ----------------------------------------------------------------


def test_the_page_cache_keeps_at_most_its_pixels(tmp_path):
    path = tmp_path / "posters.pdf"
    path.write_bytes(huge_pdf(POSTER, size=200, pages=3))
    cache = PageCache(max_pixels=MAX_PAGE_PIXELS + 1)
    for page in (1, 2, 3):
        image = cache.page(str(path), page)
        assert image.original.width * image.original.height <= MAX_PAGE_PIXELS
        assert cache.pixels <= cache.max_pixels
    assert len(cache) == 1  # each poster page fills the budget: only the last one kept
    small = PageCache(max_pixels=5_000_000)  # a smaller budget draws pages smaller too
    assert small.page(str(path), 1).original.width ** 2 <= 5_000_000


def test_the_explorer_shows_why_a_page_cannot_be_drawn(absurd):
    import ipywidgets as widgets

    result = contractkit.analyze(absurd, engine="pdfium")
    hit = result.best("warranty")
    assert isinstance(result, ContractResult) and hit is not None and hit.page == 1
    image = widgets.Image(format="png")
    show_on_page(image, PageCache(), result, hit)  # no exception in a widget callback
    assert image.layout.display is None
    with Image.open(io.BytesIO(image.value)) as picture:
        assert picture.width * picture.height < 100_000  # a note, not the page
    hidden = HiddenText("x", "white text", page=1, bbox=(72.0, 72.0, 200.0, 90.0))
    show_on_page(image, PageCache(), result, hidden)
    assert bytes(image.value).startswith(b"\x89PNG")


# -- OCR ----------------------------------------------------------------------------------------


def test_ocr_of_a_poster_scan_is_read_under_a_memory_limit(tmp_path):
    require_tesseract()
    path = tmp_path / "poster-scan.pdf"
    path.write_bytes(huge_scan_pdf(POSTER))
    # at OCR's 300 dpi the page is 60,000 pixels a side: 3.6 GB in grey
    document = contractkit.load(
        path, engine="pdfium", max_memory=_resident_bytes() + (768 << 20), timeout=300
    )
    assert document.engine == "ocr" and "SCANNED" in document.text
    words = document.pages[0].words
    # boxes in the page's points: the scan's text starts 120 of its 1240 pixels in
    assert min(w.x0 for w in words) == pytest.approx(120 / 1240 * POSTER, rel=0.1)


def test_ocr_leaves_a_page_too_large_to_draw_unread_and_says_so(tmp_path):
    require_tesseract()
    alone = tmp_path / "absurd-scan.pdf"
    alone.write_bytes(huge_scan_pdf(ABSURD))
    with pytest.raises(TooLarge, match="not read by OCR"):
        contractkit.load(alone, engine="pdfium")
    mixed = tmp_path / "text-then-absurd-scan.pdf"
    mixed.write_bytes(huge_scan_pdf(ABSURD, text_page_first=True))
    document = contractkit.load(mixed, engine="pdfium")
    assert "twelve (12) months" in document.text
    notes = [w for w in document.warnings if w.startswith("page 2")]
    assert len(notes) == 1 and "not read by OCR" in notes[0], document.warnings
