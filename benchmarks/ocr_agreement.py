"""Does OCR change what we find? Text PDFs against their own scans.

Ten CUAD contracts (`cuad_sample.cuad_pdfs(10)`) are rendered page by page at 200 dpi
with pypdfium2 into image-only PDFs of the same page size: a clean office scan of a
contract we can also read from its text layer. Both versions go through
`contractkit.analyze`, and we report:
  * clause-type agreement: Jaccard of `ContractResult.present_types` (text PDF vs scan),
    per contract and pooled over all contracts (sum of intersections / sum of unions);
  * word error rate of the OCR'd reading text against the text layer's, page by page
    (word-level edit distance / text-layer words), as printed and ignoring case and
    punctuation;
  * OCR throughput: scanned pages / seconds spent in `load()` on the scans.

Run: .venv/bin/python benchmarks/ocr_agreement.py [--n 10] [--lang eng]
"""

from __future__ import annotations

import argparse
import io
import platform
import re
import time
from importlib.metadata import version
from pathlib import Path

import pypdfium2 as pdfium
import pytesseract
from cuad_sample import cuad_pdfs

import contractkit
from contractkit.ingest.ocr import DPI as OCR_DPI
from contractkit.scan import analyze_document

SCAN_DPI = 200
OUT = Path(__file__).parent / "out" / "ocr_scans"
_PUNCTUATION = re.compile(r"[^\w]+")


def scan_of(pdf_path: Path, out: Path) -> Path:
    """An image-only PDF of `pdf_path`: each page a grey bitmap at SCAN_DPI, same size."""
    source = pdfium.PdfDocument(pdf_path)
    try:
        images = [
            source[i].render(scale=SCAN_DPI / 72, grayscale=True).to_pil().convert("L")
            for i in range(len(source))
        ]
    finally:
        source.close()
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", resolution=SCAN_DPI, save_all=True, append_images=images[1:])
    path = out / f"{pdf_path.stem}.scan.pdf"
    path.write_bytes(buffer.getvalue())
    return path


def edit_distance(reference: list[str], hypothesis: list[str]) -> int:
    """Word-level Levenshtein distance (substitutions, insertions, deletions)."""
    previous = list(range(len(hypothesis) + 1))
    for i, ref in enumerate(reference, start=1):
        current = [i] + [0] * len(hypothesis)
        for j, hyp in enumerate(hypothesis, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref != hyp))
        previous = current
    return previous[-1]


def page_words(document: contractkit.Document, page: int, folded: bool) -> list[str]:
    words = [w.text for w in document.words if w.page == page]
    if not folded:
        return words
    return [f for w in words if (f := _PUNCTUATION.sub("", w.lower()))]


def word_errors(text_doc: contractkit.Document, ocr_doc: contractkit.Document) -> dict:
    counts = {"words": 0, "errors": 0, "words_folded": 0, "errors_folded": 0}
    for page in range(1, text_doc.page_count + 1):
        for folded, suffix in ((False, ""), (True, "_folded")):
            reference = page_words(text_doc, page, folded)
            hypothesis = page_words(ocr_doc, page, folded)
            counts["words" + suffix] += len(reference)
            counts["errors" + suffix] += edit_distance(reference, hypothesis)
    return counts


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def compare(pdf_path: Path, lang: str) -> dict:
    scan = scan_of(pdf_path, OUT)
    text_result = contractkit.analyze(pdf_path)
    start = time.perf_counter()
    ocr_doc = contractkit.load(scan, ocr_lang=lang, timeout=None)
    seconds = time.perf_counter() - start
    ocr_result = analyze_document(ocr_doc)
    text_types, ocr_types = set(text_result.present_types), set(ocr_result.present_types)
    return {
        "file": pdf_path.name,
        "pages": ocr_doc.page_count,
        "engine": ocr_result.engine,
        "seconds": seconds,
        "confidence": ocr_doc.metadata.get("ocr_confidence"),
        "text_types": text_types,
        "ocr_types": ocr_types,
        "jaccard": jaccard(text_types, ocr_types),
        **word_errors(contractkit.load(pdf_path), ocr_doc),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10, help="CUAD contracts (default 10)")
    parser.add_argument("--lang", default="eng", help="Tesseract languages (default eng)")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    rows = []
    print("| contract | pages | types text / scan | Jaccard | only in text | only in scan | WER |")
    print("|---|---|---|---|---|---|---|")
    for path in cuad_pdfs(args.n):
        row = compare(path, args.lang)
        rows.append(row)
        only_text = ", ".join(sorted(row["text_types"] - row["ocr_types"])) or "–"
        only_scan = ", ".join(sorted(row["ocr_types"] - row["text_types"])) or "–"
        print(
            f"| {row['file'][:40]} | {row['pages']} | {len(row['text_types'])} /"
            f" {len(row['ocr_types'])} | {row['jaccard']:.3f} | {only_text} | {only_scan} |"
            f" {row['errors'] / max(row['words'], 1):.1%} |",
            flush=True,
        )
    intersection = sum(len(r["text_types"] & r["ocr_types"]) for r in rows)
    union = sum(len(r["text_types"] | r["ocr_types"]) for r in rows)
    pages, seconds = sum(r["pages"] for r in rows), sum(r["seconds"] for r in rows)
    words, folded = sum(r["words"] for r in rows), sum(r["words_folded"] for r in rows)
    print(
        f"\ncontracts {len(rows)}, pages {pages}; clause-type agreement (pooled Jaccard)"
        f" {intersection}/{union} = {intersection / max(union, 1):.1%}, mean per contract"
        f" {sum(r['jaccard'] for r in rows) / max(len(rows), 1):.1%}; WER"
        f" {sum(r['errors'] for r in rows) / max(words, 1):.2%} as printed,"
        f" {sum(r['errors_folded'] for r in rows) / max(folded, 1):.2%}"
        f" ignoring case and punctuation ({words} text-layer words); OCR {pages / seconds:.2f}"
        f" pages/s ({seconds:.0f} s in load); mean word confidence"
        f" {sum(r['confidence'] or 0 for r in rows) / max(len(rows), 1):.1f}"
    )
    print(
        f"tesseract {pytesseract.get_tesseract_version()}, Python {platform.python_version()},"
        f" pypdfium2 {version('pypdfium2')}, scan {SCAN_DPI} dpi, OCR render"
        f" {OCR_DPI} dpi"
    )


if __name__ == "__main__":
    main()
