"""The development sets every benchmark uses, chosen the same way each time."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_contracts"
CUAD = ROOT.parent / "shared" / "cuad"


def cuad_records(n: int | None = 30) -> list[dict]:
    """`n` CUAD contracts spread evenly over the ids in sorted order (every k-th)."""
    lines = (CUAD / "labels.jsonl").read_text().splitlines()
    records = sorted((json.loads(line) for line in lines), key=lambda r: r["id"])
    if n is None or n >= len(records):
        return records
    step = len(records) / n
    return [records[int(i * step)] for i in range(n)]


def cuad_pdfs(n: int | None = 30) -> list[Path]:
    return [CUAD / record["pdf"] for record in cuad_records(n)]
