"""Turn a text PDF into an image-only "scanned" PDF (no text layer)."""

from __future__ import annotations

import pypdfium2 as pdfium
from fpdf import FPDF
from PIL import Image, ImageOps

from samplegen.layout import CREATION_DATE, PRODUCER

DPI = 200
SKEW_DEGREES = (0.35, -0.25, 0.2, -0.3)  # a slightly crooked feed, fixed per page
TONER = (28, 246)  # darkest and lightest grey a photocopier produces


def scanned_look(image: Image.Image, page_index: int) -> Image.Image:
    """Grey, slightly skewed page, as from an office scanner (deterministic)."""
    angle = SKEW_DEGREES[page_index % len(SKEW_DEGREES)]
    tilted = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    return ImageOps.autocontrast(tilted).point(
        lambda v: TONER[0] + v * (TONER[1] - TONER[0]) // 255
    )


def rasterize(pdf_bytes: bytes, dpi: int = DPI) -> bytes:
    """Render every page to a grayscale bitmap and put the bitmaps into a new PDF."""
    source = pdfium.PdfDocument(pdf_bytes)
    out = FPDF(unit="pt")
    out.set_creation_date(CREATION_DATE)
    out.set_producer(PRODUCER)
    out.set_auto_page_break(False)
    try:
        for index in range(len(source)):
            page = source[index]
            width, height = page.get_size()
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            image = scanned_look(bitmap.to_pil().convert("L"), index)
            out.add_page(format=(width, height))
            out.image(image, x=0, y=0, w=width, h=height)
    finally:
        source.close()
    return bytes(out.output())
