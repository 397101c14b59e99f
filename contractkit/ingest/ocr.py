"""OCR for image-only PDF pages: PDFium renders them, Tesseract reads them.

A page with no text layer that is mostly covered by an image (a scan) is rendered at
`DPI` (or lower for a page whose picture would pass `MAX_PAGE_PIXELS`: a PDF may declare
a page of 200 x 200 inches; a page too large even at the lowest resolution is left unread,
with a warning), Tesseract returns its words with pixel boxes and
confidences, and the boxes are scaled to PDF points on the original page (top-left
origin, pdfplumber's convention). The result is the same `RawPage` the text engines
produce, so `layout.py` builds lines, paragraphs and the reading text, and highlights
land on the scanned words. Pages that have a text layer are never OCR'd.

Tesseract runs as a child of this process, in its process group (a batch worker leads
its own and is killed with it: no Tesseract outlives its worker), on a page image kept
in a private temporary folder (mode 0700, removed afterwards: a contract page is not left
readable by every user of the machine, as pytesseract's 0644 files in /tmp would be).
"""

from __future__ import annotations

import functools
import os
import re
import statistics
import subprocess
import tempfile
from contextlib import suppress
from dataclasses import dataclass, field, replace
from typing import ClassVar

import pypdfium2 as pdfium
import pytesseract
from PIL import Image

from contractkit.errors import TooLarge
from contractkit.ingest.layout import RawPage
from contractkit.limits import MAX_PAGE_PIXELS, Deadline, render_resolution
from contractkit.model import Word

DPI = 300  # Tesseract's recommended resolution; rendering a 200 dpi scan at 300 costs little
DEFAULT_LANG = "eng"
INSTALL_HINT = (
    "install Tesseract to read it: apt-get install tesseract-ocr tesseract-ocr-eng"
    " (macOS: brew install tesseract tesseract-lang; conda: conda install -c conda-forge"
    " tesseract)"
)
_LANG = re.compile(r"^[A-Za-z_]+(?:\+[A-Za-z_]+)*$")
# Tesseract's automatic page segmentation (the layout analysis orders the words itself),
# and its words with boxes and confidences as TSV.
_TESSERACT_ARGS = ("-c", "tessedit_create_tsv=1", "--psm", "3")


class OCRTimeout(Exception):
    """Tesseract ran past the page's time limit and was killed."""


@functools.cache
def tesseract_fingerprint() -> str | None:
    """Tesseract's version and installed languages (None when it is missing): what a stored
    result of a scanned page depends on besides the file, so installing Tesseract or a
    language makes the result store read such files again."""
    try:
        version = pytesseract.get_tesseract_version()
        languages = sorted(pytesseract.get_languages())
    except pytesseract.TesseractNotFoundError:
        return None
    return f"{version} {'+'.join(languages)}"


def check_lang(lang: str) -> str:
    """`lang` as Tesseract takes it (`eng`, `eng+deu`); ValueError for anything else."""
    if not _LANG.match(lang):
        raise ValueError(f"ocr_lang {lang!r}: use Tesseract language codes joined by '+'")
    return lang


@dataclass
class PageOCR:
    """OCR for one PDF's image-only pages, with what happened recorded for the Document.

    `read()` returns the raw pages with every image-only page replaced by its OCR'd
    words. When Tesseract or a language is missing, pages stay unread and `hint` says
    what to install; `warnings` names pages whose OCR ran out of time (`timed_out`) or that
    were too large to draw (`too_large`).
    """

    engine: ClassVar[str] = "ocr"

    data: bytes
    password: str | None
    deadline: Deadline
    lang: str = DEFAULT_LANG
    page_timeout: float | None = None
    pages: list[int] = field(default_factory=list)  # numbers of the pages OCR'd
    confidence: float | None = None  # mean word confidence over those pages, 0-100
    hint: str = ""
    warnings: list[str] = field(default_factory=list)
    timed_out: list[int] = field(default_factory=list)
    too_large: list[int] = field(default_factory=list)  # pages too large to draw
    max_pixels: int = MAX_PAGE_PIXELS  # of a page's picture

    def read(self, raw_pages: list[RawPage]) -> list[RawPage]:
        wanted = [raw for raw in raw_pages if raw.is_image_only]
        if not wanted or not self._tesseract_ready():
            return raw_pages
        pdf = pdfium.PdfDocument(self.data, password=self.password)
        read: dict[int, RawPage] = {}
        confidences: list[float] = []
        try:
            for raw in wanted:
                self.deadline.check()
                words = self._read_page(pdf, raw)
                if words is not None:
                    read[raw.number] = replace(raw, words=[w for w, _ in words])
                    confidences += [conf for _, conf in words]
        finally:
            pdf.close()
        self.pages = sorted(n for n, raw in read.items() if raw.words)
        if confidences:
            self.confidence = statistics.fmean(confidences)
            self.warnings.insert(0, self._summary())
        return [read.get(raw.number, raw) for raw in raw_pages]

    def _tesseract_ready(self) -> bool:
        try:
            installed = set(pytesseract.get_languages())
        except pytesseract.TesseractNotFoundError:
            self.hint = f"Tesseract is not installed; {INSTALL_HINT}"
            return False
        missing = [code for code in self.lang.split("+") if code not in installed]
        if missing:
            packages = " ".join(f"tesseract-ocr-{code}" for code in missing)
            self.hint = (
                f"Tesseract has no {'+'.join(missing)} language data; install it:"
                f" apt-get install {packages} (macOS: brew install tesseract-lang)"
            )
            return False
        return True

    def _read_page(self, pdf: pdfium.PdfDocument, raw: RawPage) -> list[tuple[Word, float]] | None:
        """The page's words with their confidences; None when the time limit cut it off or
        the page is too large to draw."""
        page = pdf[raw.number - 1]
        try:
            dpi = render_resolution(
                *page.get_size(), DPI, self.max_pixels, what=f"page {raw.number}"
            )
            image = page.render(scale=dpi / 72, grayscale=True).to_pil()
        except TooLarge as error:
            self.too_large.append(raw.number)
            self.warnings.append(f"{error.message}; it was not read by OCR: its text is missing")
            return None
        finally:
            page.close()
        try:
            data = image_to_data(image, self.lang, self.page_timeout)
        except OCRTimeout:
            self.timed_out.append(raw.number)
            self.warnings.append(
                f"page {raw.number}: OCR stopped at the {self.page_timeout:g} s page limit;"
                " its text is missing"
            )
            return None
        return _words(data, raw, raw.width / image.width, raw.height / image.height)

    def _summary(self) -> str:
        pages = ", ".join(map(str, self.pages))
        return (
            f"page{'s' if len(self.pages) > 1 else ''} {pages} read by OCR (Tesseract,"
            f" {self.lang}; mean word confidence {self.confidence:.0f} %): check figures"
            " against the page image"
        )


def image_to_data(image: Image.Image, lang: str, timeout: float | None = None) -> dict[str, list]:
    """Tesseract's words of `image` as pytesseract's `image_to_data(..., Output.DICT)` gives
    them (numbers as int, text as str), run in a private temporary folder; `OCRTimeout`
    after `timeout` seconds (Tesseract killed), `pytesseract.TesseractNotFoundError` when
    it is not installed, `pytesseract.TesseractError` when it fails."""
    with tempfile.TemporaryDirectory(prefix="contractkit-ocr-") as folder:  # mode 0700
        page = os.path.join(folder, "page.png")
        image.save(page, format="PNG")
        base = os.path.join(folder, "words")
        command = [pytesseract.pytesseract.tesseract_cmd, page, base, "-l", lang]
        try:
            process = subprocess.Popen(
                [*command, *_TESSERACT_ARGS],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
        except FileNotFoundError:
            raise pytesseract.TesseractNotFoundError() from None
        try:
            _, errors = process.communicate(timeout=timeout or None)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise OCRTimeout(f"Tesseract ran past {timeout:g} s") from None
        except BaseException:  # interrupted: Tesseract does not outlive the call
            process.kill()
            process.wait()
            raise
        if process.returncode:
            message = errors.decode("utf-8", "replace").strip()
            raise pytesseract.TesseractError(process.returncode, message)
        with open(f"{base}.tsv", encoding="utf-8", errors="replace") as handle:
            return _tsv_columns(handle.read())


def _tsv_columns(tsv: str) -> dict[str, list]:
    """Tesseract's TSV as columns; every column but the last (the text) as int."""
    rows = [row.split("\t") for row in tsv.strip("\n").split("\n")]
    if len(rows) < 2:
        return {}
    header, rows = rows[0], rows[1:]
    columns: dict[str, list] = {name: [] for name in header}
    for row in rows:
        row += [""] * (len(header) - len(row))
        for index, name in enumerate(header):
            value: int | str = row[index]
            if index != len(header) - 1:
                with suppress(ValueError):
                    value = int(float(value))
            columns[name].append(value)
    return columns


def _words(data: dict, raw: RawPage, sx: float, sy: float) -> list[tuple[Word, float]]:
    """Tesseract's word rows -> Words in points, with their confidences.

    A word keeps its own left and right edges but takes the top and bottom of its
    Tesseract line: ink boxes of words with and without ascenders or descenders, on a
    slightly skewed scan, would not share a band and the layout would split the line.
    For the same reason every word gets the page's median line height as its size (OCR
    gives no font size, and uneven sizes would look like font changes)."""
    rows = [
        i
        for i, text in enumerate(data["text"])
        if data["level"][i] == 5 and text.strip() and float(data["conf"][i]) >= 0
    ]
    lines: dict[tuple[int, int, int], tuple[float, float]] = {}
    for i in rows:
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        top, bottom = data["top"][i] * sy, (data["top"][i] + data["height"][i]) * sy
        seen = lines.get(key, (top, bottom))
        lines[key] = (min(seen[0], top), max(seen[1], bottom))
    size = statistics.median(bottom - top for top, bottom in lines.values()) if lines else 0.0
    words = []
    for i in rows:
        top, bottom = lines[(data["block_num"][i], data["par_num"][i], data["line_num"][i])]
        word = Word(
            text=data["text"][i].strip(),
            page=raw.number,
            x0=data["left"][i] * sx,
            top=top,
            x1=(data["left"][i] + data["width"][i]) * sx,
            bottom=bottom,
            size=round(size * 2) / 2,
            fontname="ocr",
        )
        words.append((word, float(data["conf"][i])))
    return words
