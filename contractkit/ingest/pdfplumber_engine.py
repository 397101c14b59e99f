"""PDF -> Document with pdfplumber (pdfminer.six): the reference engine, best fidelity."""

from __future__ import annotations

import io

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from contractkit.errors import ContractKitError, CorruptFile, EncryptedPDF
from contractkit.ingest.layout import RawPage, build_document, check_page_count, is_bold
from contractkit.ingest.ocr import PageOCR
from contractkit.ingest.visibility import hidden_text
from contractkit.limits import Deadline
from contractkit.model import Document, HiddenText, Word
from contractkit.pdfminer_logs import quiet_pdfminer

ENGINE = "pdfplumber"


def read_pdf(
    name: str,
    data: bytes,
    password: str | None,
    max_pages: int,
    deadline: Deadline,
    ocr: PageOCR | None = None,
) -> Document:
    try:
        with quiet_pdfminer(), pdfplumber.open(io.BytesIO(data), password=password or "") as pdf:
            check_page_count(len(pdf.pages), max_pages, name)
            hidden, unchecked = _hidden_text(data, password, len(pdf.pages))
            raw_pages = [_read_page(page, deadline, hidden[i]) for i, page in enumerate(pdf.pages)]
    except ContractKitError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on broken files
        raise _classify(exc, name, password) from exc
    document = build_document(raw_pages, path=name, engine=ENGINE, ocr=ocr)
    document.warnings += unchecked
    return document


def _hidden_text(
    data: bytes, password: str | None, pages: int
) -> tuple[list[list[HiddenText]], list[str]]:
    """Per page, the text a reader cannot see (judged by PDFium, as for the PDFium engine),
    and a warning when that check could not run."""
    try:
        found = hidden_text(data, password)
    except Exception as exc:  # PDFium refuses some files pdfminer repairs
        return [[] for _ in range(pages)], [
            f"hidden text not checked: PDFium cannot read the file ({exc})"
        ]
    return (found + [[] for _ in range(pages)])[:pages], []


def _shown_chars(page: pdfplumber.page.Page, hidden: list[HiddenText]) -> pdfplumber.page.Page:
    """The page without the characters of hidden text (a character inside a hidden run's box
    that is one of its characters)."""

    def shown(obj: dict) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (float(obj["x0"]) + float(obj["x1"])) / 2
        y = (float(obj["top"]) + float(obj["bottom"])) / 2
        return not any(h.contains(x, y) and obj["text"] in h.text for h in hidden)

    return page.filter(shown)


def _read_page(page: pdfplumber.page.Page, deadline: Deadline, hidden: list[HiddenText]) -> RawPage:
    deadline.check()
    shown = _shown_chars(page, hidden) if hidden else page
    words = [
        Word(
            text=w["text"],
            page=page.page_number,
            x0=float(w["x0"]),
            top=float(w["top"]),
            x1=float(w["x1"]),
            bottom=float(w["bottom"]),
            size=round(float(w["size"]), 2),
            bold=is_bold(w["fontname"]),
            fontname=w["fontname"],
        )
        for w in shown.extract_words(extra_attrs=["fontname", "size"])
    ]
    rules = [
        (float(e["x0"]), float(e["top"]), float(e["x1"]), float(e["bottom"])) for e in page.edges
    ]
    image_area = sum(_area(im["x0"], im["top"], im["x1"], im["bottom"]) for im in page.images)
    raw = RawPage(
        number=page.page_number,
        width=float(page.width),
        height=float(page.height),
        words=words,
        rules=rules,
        image_area=image_area,
        hidden=hidden,
    )
    page.close()  # frees pdfplumber's per-page caches: memory stays flat on long files
    return raw


def _area(x0: float, top: float, x1: float, bottom: float) -> float:
    return max(0.0, float(x1) - float(x0)) * max(0.0, float(bottom) - float(top))


def _classify(exc: Exception, name: str, password: str | None) -> ContractKitError:
    cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(cause, PDFPasswordIncorrect):
        return EncryptedPDF.for_password(password, name)
    detail = str(cause).strip() or type(cause).__name__
    return CorruptFile(f"the PDF cannot be parsed: {detail[:200]}", path=name)
