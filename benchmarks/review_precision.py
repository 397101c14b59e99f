"""Precision of missing_clause findings: how many say a clause is missing when it is there.

Samples: every synthetic sample with a text layer; a finding is wrong when any clause type
that would satisfy its rule is among the truth file's clauses.
CUAD: 20 contracts spread evenly over the development set (`cuad_sample.cuad_records`).
For a rule whose clause types map to a CUAD category, CUAD's annotations decide (the
category has a span → the clause is there → the finding is wrong). For the other types
the verdict was checked by reading the contract text and is recorded in
`review_precision_handcheck.json` (contract id → rule id → {"present", "note"}); a finding
with no recorded verdict is listed as unchecked, with the lines a reader should look at.

Run: .venv/bin/python benchmarks/review_precision.py [--engine pdfium] [--contracts 20]
"""

from __future__ import annotations

import argparse
import json
import platform
import re
from pathlib import Path

from cuad_sample import CUAD, SAMPLES, cuad_records

import contractkit
from contractkit.review import load_playbook
from contractkit.review.playbook import taxonomy

HANDCHECK = Path(__file__).parent / "review_precision_handcheck.json"
# Words a reader searches for when checking a non-CUAD clause type by hand.
HINTS = {
    "warranty": r"warrant",
    "termination": r"terminat",
    "limitation_of_liability": r"liab",
    "data_erasure": r"(delet|destroy|return)\w*[^.]{0,60}(data|information|records)",
    "returns": r"\breturn",
    "sla": r"service level|uptime|availability",
    "support_maintenance": r"support|maintenance",
    "delivery": r"deliver",
    "acceptance": r"accept",
    "data_protection": r"personal (data|information)|privacy",
    "license_metric": r"per (user|seat|cpu|server|copy)|named user|concurrent",
    "indemnification": r"indemnif",
    "breach_notification": r"breach",
}


def _missing(result) -> list[dict]:
    return [f for f in result.findings if f["kind"] == "missing_clause"]


def _types(result, finding) -> tuple[str, ...]:
    return load_playbook(result.contract_type["playbook"]).rule(finding["rule_id"]).types


def samples(engine: str) -> dict:
    rows = []
    for truth_path in sorted(SAMPLES.glob("*.truth.json")):
        truth = json.loads(truth_path.read_text())
        result = contractkit.analyze(SAMPLES / truth["file"], engine=engine)
        there = {c["type"] for c in truth["clauses"]}
        for finding in _missing(result):
            wrong = bool(set(_types(result, finding)) & there)
            rows.append({"file": truth["file"], "rule": finding["rule_id"], "wrong": wrong})
    wrong = sum(r["wrong"] for r in rows)
    return {"findings": len(rows), "wrong": wrong, "rows": rows}


def cuad(engine: str, n: int) -> dict:
    handcheck = json.loads(HANDCHECK.read_text()) if HANDCHECK.exists() else {}
    handcheck.pop("_how", None)
    categories = {t.id: t.cuad for t in taxonomy().values() if t.cuad}
    rows, unchecked = [], []
    for record in cuad_records(n):
        result = contractkit.analyze(CUAD / record["pdf"], engine=engine, timeout=None)
        if not result.ok:
            print(f"  {record['id'][:60]}: {result.error.code}")
            continue
        for finding in _missing(result):
            types = _types(result, finding)
            mapped = [categories[t] for t in types if t in categories]
            verdict = handcheck.get(record["id"], {}).get(finding["rule_id"])
            # CUAD decides when it annotates one of the types, or when it covers all of them
            annotated = any(record["clauses"].get(c) for c in mapped)
            if verdict is not None:
                present, how = verdict["present"], "hand"
            elif annotated or len(mapped) == len(types):
                present, how = annotated, "cuad"
            else:
                unchecked.append((record, finding))
                continue
            rows.append(
                {
                    "id": record["id"],
                    "type": result.contract_type["label"],
                    "rule": finding["rule_id"],
                    "wrong": present,
                    "by": how,
                }
            )
    for record, finding in unchecked:
        text = (CUAD / record["txt"]).read_text(errors="replace")
        pattern = HINTS.get(finding["clause_type"], finding["clause_type"].replace("_", " "))
        lines = [
            " ".join(s.split())[:160]
            for s in re.split(r"\n\s*\n", text)
            if re.search(pattern, s, re.I)
        ]
        print(f"UNCHECKED {record['id']} {finding['rule_id']}: {len(lines)} paragraphs match")
        for line in lines[:4]:
            print("    ", line)
    wrong = sum(r["wrong"] for r in rows)
    return {"findings": len(rows), "wrong": wrong, "unchecked": len(unchecked), "rows": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default="pdfium")
    parser.add_argument("--contracts", type=int, default=20)
    args = parser.parse_args()
    on_samples = samples("pdfplumber")
    on_cuad = cuad(args.engine, args.contracts)
    for name, figures in (("samples", on_samples), (f"CUAD ({args.contracts})", on_cuad)):
        share = figures["wrong"] / figures["findings"] if figures["findings"] else 0.0
        print(
            f"{name}: {figures['findings']} missing_clause findings checked,"
            f" {figures['wrong']} wrong ({share:.1%})"
            + (f", {figures['unchecked']} unchecked" if "unchecked" in figures else "")
        )
    for row in on_cuad["rows"]:
        flag = "WRONG" if row["wrong"] else "ok"
        print(f"  {flag:5} {row['by']:4} {row['type']:18} {row['rule']:38} {row['id'][:50]}")
    print(f"machine: {platform.machine()}, {platform.python_version()}, engine {args.engine}")


if __name__ == "__main__":
    main()
