"""Generate the synthetic sample contracts and their ground-truth files.

Usage::

    /work/main/.venv/bin/python sample_contracts/generate.py [--out DIR]

Writes ``<stem>.pdf`` and ``<stem>.truth.json`` for every contract in
``samplegen/contracts`` into ``DIR`` (default: this folder), and ``<stem>.docx`` for the
contracts that have a Word twin.  The output is deterministic:
running the generator twice gives byte-identical files.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from samplegen.contracts import CONTRACTS
from samplegen.docx_writer import write_docx
from samplegen.layout import render
from samplegen.model import Contract
from samplegen.scan import rasterize
from samplegen.truth import dumps, truth_document

HERE = Path(__file__).resolve().parent


def build(contract: Contract) -> tuple[bytes, str]:
    """The PDF bytes and the truth-file text of one contract."""
    rendered = render(contract)
    pdf = rasterize(rendered.pdf) if contract.image_only else rendered.pdf
    truth = truth_document(contract, rendered, f"{contract.stem}.pdf")
    return pdf, dumps(truth)


def write_all(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for contract in CONTRACTS:
        pdf, truth = build(contract)
        pdf_path, truth_path = out / f"{contract.stem}.pdf", out / f"{contract.stem}.truth.json"
        pdf_path.write_bytes(pdf)
        truth_path.write_text(truth, encoding="utf-8")
        written += [pdf_path, truth_path]
        if contract.docx_twin:
            docx_path = out / f"{contract.stem}.docx"
            docx_path.write_bytes(write_docx(contract))
            written.append(docx_path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=HERE, help="output folder (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    for path in write_all(args.out):
        print(path)


if __name__ == "__main__":
    main()
