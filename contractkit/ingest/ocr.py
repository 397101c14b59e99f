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
readable by every user of the machine, as pytesseract's 0644 files in /tmp would be),
uncompressed (PGM: the same pixels as a PNG, without the compression that cost as much as
drawing the page).

Using the cores: a document read alone (`load()`, a batch of one) has its scanned pages
read by one Tesseract per core at once, each on one OpenMP thread (`OMP_THREAD_LIMIT=1`;
Tesseract's own threads gain little and, beside other work, cost more than they give);
pages are drawn here one at a time, at most one picture waiting per Tesseract. A worker
of a batch reading other documents on the other cores reads its pages one after another
(`tesseract_processes`). The user's `OMP_THREAD_LIMIT`, if set, always holds. The words
of a page do not depend on how many run at once.
"""

from __future__ import annotations

import functools
import os
import re
import statistics
import subprocess
import tempfile
import threading
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import suppress
from dataclasses import dataclass, field, replace
from functools import partial
from typing import ClassVar, TypeAlias

import pypdfium2 as pdfium
import pytesseract
from PIL import Image

from contractkit.errors import TooLarge
from contractkit.ingest.layout import RawPage
from contractkit.limits import MAX_PAGE_PIXELS, Deadline, render_resolution
from contractkit.model import Word
from contractkit.workers import sharing_cores

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


# What OCR made of a page: its words with their confidences, or why it has none.
_Outcome: TypeAlias = "list[tuple[Word, float]] | TooLarge | OCRTimeout"


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
        outcomes = self._ocr(wanted)
        read: dict[int, RawPage] = {}
        confidences: list[float] = []
        for raw in wanted:  # in page order, whatever order the pages were read in
            outcome = outcomes.get(raw.number)
            if isinstance(outcome, TooLarge):
                self.too_large.append(raw.number)
                self.warnings.append(
                    f"{outcome.message}; it was not read by OCR: its text is missing"
                )
            elif isinstance(outcome, OCRTimeout):
                self.timed_out.append(raw.number)
                self.warnings.append(
                    f"page {raw.number}: OCR stopped at the {self.page_timeout:g} s page limit;"
                    " its text is missing"
                )
            elif outcome is not None:
                read[raw.number] = replace(raw, words=[w for w, _ in outcome])
                confidences += [conf for _, conf in outcome]
        self.pages = sorted(n for n, raw in read.items() if raw.words)
        if confidences:
            self.confidence = statistics.fmean(confidences)
            self.warnings.insert(0, self._summary())
        return [read.get(raw.number, raw) for raw in raw_pages]

    def _ocr(self, wanted: list[RawPage]) -> dict[int, _Outcome]:
        """Each page's words, or why it has none, by page number: pages rendered here one
        at a time (PDFium is not thread-safe), each read by its own Tesseract, up to
        `tesseract_processes()` at once (one picture waiting per Tesseract at most).
        Stopped early (the document's time limit, an error, Ctrl-C), it kills the
        Tesseracts still running."""
        processes = tesseract_processes(len(wanted))
        env = None  # one OpenMP thread per Tesseract when several run (unless the user says)
        if processes > 1 and "OMP_THREAD_LIMIT" not in os.environ:
            env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        running = _Running()
        outcomes: dict[int, _Outcome] = {}
        busy: dict[Future, tuple[RawPage, tuple[int, int]]] = {}
        pool = ThreadPoolExecutor(processes, thread_name_prefix="tesseract")
        pdf = pdfium.PdfDocument(self.data, password=self.password)
        try:
            for raw in wanted:
                while len(busy) >= processes:
                    self._collect(wait(busy, return_when=FIRST_COMPLETED).done, busy, outcomes)
                self.deadline.check()
                image = self._render(pdf, raw)
                if isinstance(image, TooLarge):
                    outcomes[raw.number] = image
                    continue
                read = partial(image_to_data, env=env, running=running)
                busy[pool.submit(read, image, self.lang, self.page_timeout)] = raw, image.size
                del image  # the thread holds it until Tesseract has its file
            while busy:
                self._collect(wait(busy, return_when=FIRST_COMPLETED).done, busy, outcomes)
        except BaseException:
            running.kill()
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            pdf.close()
        return outcomes

    def _collect(
        self,
        done: set[Future],
        busy: dict[Future, tuple[RawPage, tuple[int, int]]],
        outcomes: dict[int, _Outcome],
    ) -> None:
        for future in sorted(done, key=lambda f: busy[f][0].number):
            raw, (width, height) = busy.pop(future)
            try:
                data = future.result()
            except OCRTimeout as timeout:
                outcomes[raw.number] = timeout
                continue
            outcomes[raw.number] = _words(data, raw, raw.width / width, raw.height / height)

    def _render(self, pdf: pdfium.PdfDocument, raw: RawPage) -> Image.Image | TooLarge:
        """The page's picture for Tesseract, or why it cannot be drawn (too large)."""
        page = pdf[raw.number - 1]
        try:
            dpi = render_resolution(
                *page.get_size(), DPI, self.max_pixels, what=f"page {raw.number}"
            )
            return page.render(scale=dpi / 72, grayscale=True).to_pil()
        except TooLarge as error:
            return error
        finally:
            page.close()

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

    def _summary(self) -> str:
        pages = ", ".join(map(str, self.pages))
        return (
            f"page{'s' if len(self.pages) > 1 else ''} {pages} read by OCR (Tesseract,"
            f" {self.lang}; mean word confidence {self.confidence:.0f} %): check figures"
            " against the page image"
        )


def tesseract_processes(pages: int) -> int:
    """How many Tesseracts read one document's `pages` image-only pages at once: one in a
    batch worker whose batch reads other documents on the other cores
    (`contractkit.workers.sharing_cores`), else one per core this process may use, at most
    one per page."""
    if sharing_cores():
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(pages, cores))


class _Running:
    """The Tesseract processes of one document's OCR, to kill when it stops early."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._processes: set[subprocess.Popen] = set()
        self._killed = False

    def add(self, process: subprocess.Popen) -> None:
        with self._lock:
            if self._killed:  # started just as the reading stopped
                process.kill()
            self._processes.add(process)

    def discard(self, process: subprocess.Popen) -> None:
        with self._lock:
            self._processes.discard(process)

    def kill(self) -> None:
        with self._lock:
            self._killed = True
            for process in self._processes:
                with suppress(OSError):
                    process.kill()


def image_to_data(
    image: Image.Image,
    lang: str,
    timeout: float | None = None,
    *,
    env: dict[str, str] | None = None,
    running: _Running | None = None,
) -> dict[str, list]:
    """Tesseract's words of `image` as pytesseract's `image_to_data(..., Output.DICT)` gives
    them (numbers as int, text as str), run in a private temporary folder with `env` (this
    process's environment when None); `OCRTimeout` after `timeout` seconds (Tesseract
    killed), `pytesseract.TesseractNotFoundError` when it is not installed,
    `pytesseract.TesseractError` when it fails. `running` hears of the process while it
    runs (to kill it from another thread)."""
    with tempfile.TemporaryDirectory(prefix="contractkit-ocr-") as folder:  # mode 0700
        # Uncompressed (PGM, or PPM in colour): the same pixels as a PNG, read the same,
        # without a compression that costs as much as drawing the page.
        netpbm = image.mode in ("1", "L", "RGB")
        page = os.path.join(folder, "page.pnm" if netpbm else "page.png")
        image.save(page, format="PPM" if netpbm else "PNG")
        base = os.path.join(folder, "words")
        command = [pytesseract.pytesseract.tesseract_cmd, page, base, "-l", lang]
        try:
            process = subprocess.Popen(
                [*command, *_TESSERACT_ARGS],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                env=env,
            )
        except FileNotFoundError:
            raise pytesseract.TesseractNotFoundError() from None
        if running is not None:
            running.add(process)
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
        finally:
            if running is not None:
                running.discard(process)
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
