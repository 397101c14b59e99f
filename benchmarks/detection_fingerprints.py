"""A fingerprint of every detection, to show that a change meant to keep the output does.

For every CUAD text (`../shared/cuad/txt`) and every sample contract with a text layer:
load it (OCR off), detect its clauses and read its dates, and hash what a user gets: every
clause (type, text, offsets, score, explanation, attributes, boxes, section), the presence
map, the date mentions and the key dates. Writes `{file: sha256}` as JSON. Run it on two
checkouts (the old one on `PYTHONPATH`) and compare:

    git worktree add /tmp/before <rev>
    PYTHONPATH=/tmp/before .venv/bin/python benchmarks/detection_fingerprints.py --out /tmp/b.json
    .venv/bin/python benchmarks/detection_fingerprints.py --out /tmp/a.json
    .venv/bin/python benchmarks/detection_fingerprints.py --compare /tmp/b.json /tmp/a.json

About 4 minutes a run on 2 cores. For a change to a PDF engine, `--pdfs N --engine E` reads
N CUAD PDFs (`cuad_sample.cuad_pdfs(N)`) with that engine instead and adds the whole loaded
document (every page, word, box, line, table and hidden run) to each fingerprint. Nothing is
written but `--out`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CUAD_TEXTS = ROOT.parent / "shared" / "cuad" / "txt"
SAMPLES = ROOT / "sample_contracts"
SHOWN = 20  # differing files named by --compare


def fingerprints(pdfs: int | None = None, engine: str = "pdfplumber") -> dict[str, str]:
    import contractkit
    from contractkit.detect.date_grammar import all_dates
    from contractkit.detect.key_dates import extract_key_dates
    from contractkit.errors import ContractKitError
    from contractkit.nlp import detect

    if pdfs:
        from cuad_sample import cuad_pdfs

        paths = cuad_pdfs(pdfs)
    else:
        paths = sorted(CUAD_TEXTS.glob("*.txt")) + sorted(
            p for p in SAMPLES.rglob("*") if p.suffix in {".pdf", ".docx", ".txt"}
        )
    found = {}
    for path in paths:
        name = str(path.relative_to(ROOT if path.is_relative_to(ROOT) else CUAD_TEXTS.parents[1]))
        try:
            document = contractkit.load(path, engine=engine, ocr=False)
        except ContractKitError as error:  # the scanned sample: no text layer with OCR off
            found[name] = f"error: {type(error).__name__}"
            continue
        detection = detect(document)
        # (the path as named here: the same file reached through another checkout is the same)
        what = [repr(document).replace(repr(str(path)), repr(name))] if pdfs else []
        what += [repr(clause) for clause in detection.clauses]
        what += [repr(sorted(detection.presence.items())), repr(all_dates(document.text))]
        what.append(repr(extract_key_dates(document.text, document.page_of)))
        digest = hashlib.sha256("\n".join(what).encode()).hexdigest()
        found[name] = digest
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the fingerprints here")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    parser.add_argument(
        "--pdfs", type=int, metavar="N", help="N CUAD PDFs, the loaded documents included"
    )
    parser.add_argument("--engine", default="pdfplumber", help="with --pdfs: the PDF engine")
    args = parser.parse_args(argv)
    if args.compare:
        before, after = (json.loads(p.read_text()) for p in args.compare)
        differ = sorted(f for f in before.keys() | after.keys() if before.get(f) != after.get(f))
        print(f"{len(before)} and {len(after)} files; {len(differ)} differ")
        for name in differ[:SHOWN]:
            print(f"  {name}")
        if len(differ) > SHOWN:
            print(f"  … and {len(differ) - SHOWN} more")
        return 1 if differ else 0
    if args.out is None:
        parser.error("give --out FILE or --compare BEFORE AFTER")
    found = fingerprints(args.pdfs, args.engine)
    args.out.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n")
    print(f"{len(found)} files fingerprinted into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
