"""How fast OCR is on the cores, against Tesseract run by hand (issue 19).

N pages of text (default 6) are taken from CUAD contracts (`cuad_sample.cuad_pdfs(30)` in
order, their pages in order, pages with under 1,500 characters of text layer skipped),
rendered at 300 dpi in grey with pypdfium2 and kept as PNG images; each image is wrapped
as a one-page image-only PDF (fpdf2, lossless, 300 dpi: the page has its original size;
drawn again at 300 dpi it differs from the image by resampling only), and all N as one
N-page image-only PDF. Then, in one run, side by side:
  (a) the `tesseract` command, one thread (`OMP_THREAD_LIMIT=1`), over the N page images
      one after another, asked for what the engine asks (`-l eng --psm 3`, TSV words);
  (a') the same with Tesseract's own threads (`OMP_THREAD_LIMIT` unset), for reference;
  (b) `contractkit.scan` of the N one-page PDFs, `workers=2`, pdfium engine, OCR on, no
      result store (every page read), the pipeline loaded beforehand;
  (c) `contractkit.scan` of the one N-page PDF alone, `workers=2`, the same way.
Each is timed once (the scans after a one-page warm-up scan); it reports seconds, pages
per second and the ratios (b) / (a) and (c) / (a), the issue's target being ≤ 0.75 on 2
cores, and checks that every page was read by OCR. The load average is printed: timings
move with what else runs on the machine.

Run: .venv/bin/python benchmarks/ocr_speed.py [--pages N] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytesseract
from cuad_sample import cuad_pdfs
from fpdf import FPDF
from PIL import Image

import contractkit
from contractkit.ingest.ocr import _TESSERACT_ARGS, DPI

MIN_CHARS = 1500


def page_images(n: int, out: Path) -> list[Path]:
    """`n` dense CUAD pages at `DPI`, grey, as PNG files in `out`."""
    images: list[Path] = []
    for pdf_path in cuad_pdfs(30):
        pdf = pdfium.PdfDocument(pdf_path)
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                text = page.get_textpage().get_text_range()
                if len(text.strip()) >= MIN_CHARS:
                    image = page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
                    path = out / f"page{len(images) + 1:02d}.png"
                    image.save(path)
                    images.append(path)
                page.close()
                if len(images) == n:
                    return images
        finally:
            pdf.close()
    raise SystemExit(f"only {len(images)} pages of {MIN_CHARS}+ characters found")


def image_only_pdf(images: list[Path], path: Path) -> Path:
    """The images as the pages of an image-only PDF, each page its image's size at `DPI`,
    the pixels kept losslessly (fpdf2 embeds a PNG as it is; PIL's PDF writer would make
    a JPEG of it, and Tesseract would read other pixels than in (a))."""
    pdf = FPDF(unit="pt")
    for image in images:
        with Image.open(image) as picture:
            width, height = (side * 72 / DPI for side in picture.size)
        pdf.add_page(format=(width, height))
        pdf.image(str(image), x=0, y=0, w=width, h=height)
    pdf.output(str(path))
    return path


def tesseract_by_hand(images: list[Path], out: Path, one_thread: bool) -> float:
    """Seconds for the `tesseract` command over `images`, one after another."""
    env = dict(os.environ)
    env.pop("OMP_THREAD_LIMIT", None)
    if one_thread:
        env["OMP_THREAD_LIMIT"] = "1"
    command = pytesseract.pytesseract.tesseract_cmd
    start = time.perf_counter()
    for image in images:
        subprocess.run(
            [command, str(image), str(out / image.stem), "-l", "eng", *_TESSERACT_ARGS],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    return time.perf_counter() - start


def timed_scan(paths: list[Path], workers: int) -> tuple[float, int]:
    """Seconds for `contractkit.scan(paths)` and the number of pages read by OCR."""
    start = time.perf_counter()
    results = contractkit.scan(paths, engine="pdfium", workers=workers, cache=None, timeout=None)
    seconds = time.perf_counter() - start
    for result in results:
        if not result.ok or result.engine != "ocr":
            raise SystemExit(f"{result.file}: not read by OCR ({result.error})")
    return seconds, sum(result.pages for result in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=6, help="page images (default 6)")
    parser.add_argument("--workers", type=int, default=2, help="scan workers (default 2)")
    args = parser.parse_args()
    n = args.pages
    with tempfile.TemporaryDirectory(prefix="ocr-speed-") as folder:
        out = Path(folder)
        images = page_images(n, out)
        singles = [image_only_pdf([image], image.with_suffix(".pdf")) for image in images]
        long_pdf = image_only_pdf(images, out / "long.pdf")
        from contractkit.nlp import default_pipeline

        default_pipeline()  # a long-running process has it loaded
        print(f"load average before: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
        one_thread = tesseract_by_hand(images, out, one_thread=True)
        own_threads = tesseract_by_hand(images, out, one_thread=False)
        timed_scan(singles[:1], 1)  # warm-up: the first scan's imports and caches
        batch, batch_pages = timed_scan(singles, args.workers)
        alone, alone_pages = timed_scan([long_pdf], args.workers)
        load = os.getloadavg()
    assert batch_pages == alone_pages == n, (batch_pages, alone_pages)
    rows = [
        ("(a) `tesseract`, one thread, page after page", one_thread),
        ("(a') `tesseract`, its own threads, page after page", own_threads),
        (f"(b) scan of {n} one-page scans, workers={args.workers}", batch),
        (f"(c) scan of one {n}-page scan alone, workers={args.workers}", alone),
    ]
    print(f"\n{n} pages at {DPI} dpi\n")
    print("| | time | pages/s | ÷ (a) |")
    print("|---|---|---|---|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.1f} s | {n / seconds:.3f} | {seconds / one_thread:.2f}× |")
    print(f"\nload average after: {' '.join(f'{v:.2f}' for v in load)}")
    print(
        f"tesseract {pytesseract.get_tesseract_version()}, Python {platform.python_version()},"
        f" {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
