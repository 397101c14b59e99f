"""Text hidden from the reader on real contracts: how often the check speaks, and what it costs.

Over the CUAD development PDFs (`../shared/cuad/pdf`), `contractkit.ingest.visibility`:
per reason, the hidden runs found and the contracts they are in (a false alarm on an
ordinary filing is what this is for: the check must stay quiet on them), and the check's
time per page beside the PDFium engine's whole load of the same PDFs (first `--timed` files),
both measured in one run. Changes nothing.

Run: .venv/bin/python benchmarks/hidden_text.py   (about a minute)
"""

from __future__ import annotations

import argparse
import platform
import time
from collections import Counter
from collections.abc import Sequence

import pypdfium2 as pdfium
from cuad_sample import CUAD, cuad_pdfs

from contractkit import load
from contractkit.ingest.visibility import hidden_text, hidden_text_objects


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timed", type=int, default=30, help="PDFs timed (default 30)")
    args = parser.parse_args(argv)

    runs, contracts, left_out = Counter(), Counter(), Counter()
    examples: dict[str, str] = {}
    files = sorted((CUAD / "pdf").glob("*.pdf"))
    for path in files:
        found = sum(len(page) for page in hidden_text(path.read_bytes()))
        # what a user is told: load() reports all of it but clipped copies of shown words
        reported = load(path, engine="pdfium", ocr=False).hidden_text
        left_out["found by the check"] += found
        left_out["reported"] += len(reported)
        for item in reported:
            runs[item.reason] += 1
            examples.setdefault(item.reason, f"{path.name[:40]} p.{item.page}: {item.text[:60]}")
        contracts.update({item.reason for item in reported})
    print(f"{len(files)} CUAD PDFs; {platform.machine()}, Python {platform.python_version()}")
    print(
        f"  runs found by the check: {left_out['found by the check']}; reported:"
        f" {left_out['reported']} (the rest: copies cut away of words the page or its"
        " neighbour shows)"
    )
    for reason, count in runs.most_common():
        where = f"{contracts[reason]} contracts (e.g. {examples[reason]})"
        print(f"  {reason}: {count} runs in {where}")
    if not runs:
        print("  no hidden text")

    timed = cuad_pdfs(args.timed)
    check = pages = 0.0
    for path in timed:
        pdf = pdfium.PdfDocument(str(path))
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            start = time.perf_counter()
            hidden_text_objects(page, textpage, index + 1)
            check += time.perf_counter() - start
            pages += 1
            textpage.close()
            page.close()
        pdf.close()
    start = time.perf_counter()
    for path in timed:
        load(path, engine="pdfium", ocr=False)
    loading = time.perf_counter() - start
    print(
        f"check: {1000 * check / pages:.2f} ms a page over {int(pages)} pages of {len(timed)}"
        f" PDFs = {check / loading:.1%} of the PDFium engine's load of them ({loading:.2f} s,"
        " the check included)"
    )


if __name__ == "__main__":
    main()
