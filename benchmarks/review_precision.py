"""Precision of missing_clause findings: how many say a clause is missing when it is there.

Samples: every synthetic sample with a text layer; a finding is wrong when any clause type
that would satisfy its rule is among the truth file's clauses.
CUAD: 20 contracts spread evenly over the development set (`cuad_sample.cuad_records`).
For a rule whose clause types map to a CUAD category, CUAD's annotations decide (the
category has a span → the clause is there → the finding is wrong). For the other types
the verdict was checked by reading the contract text and is recorded in
`review_precision_handcheck.json` (contract id → rule id → {"present", "note"}); a finding
with no recorded verdict is listed as unchecked, with the lines a reader should look at.

The CUAD figure is printed with where its verdicts come from: how many were decided by the
project's own hand-check and how many by CUAD's annotations.

IT labels: the 64 contracts of `../shared/it-labels`, labelled for ten IT clause types by the
guide there (`GUIDE.md`), independently of the hand-check above. Their PDFs (PDFium engine) go
through detection and review 5-fold cross-validated by contract, as `it_types.py` does: the IT
model of the fold that held the contract out with presence thresholds fitted on the other
folds (`benchmarks/out/it_folds`), and with `--cuad-fold-models DIR` the CUAD fold model that
held it out (the shipped CUAD model saw these contracts). A `missing_clause` finding is wrong
when the labels say a clause type its rule accepts is present: the IT labels for the ten types,
CUAD's annotations for the types that map to a CUAD category. A finding whose rule accepts a
type neither covers (e.g. `termination`, `delivery`), none of the others being present, is
counted as undecided.

Run: .venv/bin/python benchmarks/review_precision.py [--engine pdfium] [--contracts 20]
         [--cuad-fold-models benchmarks/out/fold_models] [--no-it-labels]
Writes benchmarks/out/review_precision.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import tempfile
import time
from pathlib import Path

from cuad_sample import CUAD, SAMPLES, cuad_records

import contractkit
from contractkit.review import load_playbook, shipped_playbooks
from contractkit.review.playbook import taxonomy

Raised = tuple[str, str, str, tuple[str, ...]]  # contract, rule id, finding kind, clause types

HANDCHECK = Path(__file__).parent / "review_precision_handcheck.json"
OUT = Path(__file__).parent / "out" / "review_precision.json"
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
    return [f for f in result.findings if f.kind == "missing_clause"]


def _types(result, finding) -> tuple[str, ...]:
    return load_playbook(result.contract_type["playbook"]).rule(finding.rule_id).types


def samples(engine: str) -> dict:
    rows = []
    for truth_path in sorted(SAMPLES.glob("*.truth.json")):
        truth = json.loads(truth_path.read_text())
        result = contractkit.analyze(SAMPLES / truth["file"], engine=engine)
        there = {c["type"] for c in truth["clauses"]}
        for finding in _missing(result):
            wrong = bool(set(_types(result, finding)) & there)
            rows.append({"file": truth["file"], "rule": finding.rule_id, "wrong": wrong})
    wrong = sum(r["wrong"] for r in rows)
    return {"findings": len(rows), "wrong": wrong, "rows": rows}


def cuad(engine: str, n: int) -> dict:
    handcheck = json.loads(HANDCHECK.read_text()) if HANDCHECK.exists() else {}
    handcheck.pop("_how", None)
    categories = {t.id: t.cuad for t in taxonomy().values() if t.cuad}
    rows, unchecked = [], []
    checks: list[bool] = []  # per `check` finding: does CUAD annotate a type its rule accepts
    raised: list[Raised] = []  # (contract, rule, kind, clause types) of every finding
    for record in cuad_records(n):
        result = contractkit.analyze(CUAD / record["pdf"], engine=engine, timeout=None)
        if not result.ok:
            print(f"  {record['id'][:60]}: {result.error.code}")
            continue
        for finding in (f for f in result.findings if f.kind == "check"):
            mapped = [categories[t] for t in _types(result, finding) if t in categories]
            checks.append(any(record["clauses"].get(c) for c in mapped))
            raised.append((record["id"], finding.rule_id, "check", _types(result, finding)))
        raised += [
            (record["id"], f.rule_id, "missing_clause", _types(result, f)) for f in _missing(result)
        ]
        for finding in _missing(result):
            types = _types(result, finding)
            mapped = [categories[t] for t in types if t in categories]
            verdict = handcheck.get(record["id"], {}).get(finding.rule_id)
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
                    "rule": finding.rule_id,
                    "wrong": present,
                    "by": how,
                }
            )
    for record, finding in unchecked:
        text = (CUAD / record["txt"]).read_text(errors="replace")
        pattern = HINTS.get(finding.clause_type, finding.clause_type.replace("_", " "))
        lines = [
            " ".join(s.split())[:160]
            for s in re.split(r"\n\s*\n", text)
            if re.search(pattern, s, re.I)
        ]
        print(f"UNCHECKED {record['id']} {finding.rule_id}: {len(lines)} paragraphs match")
        for line in lines[:4]:
            print("    ", line)
    wrong = sum(r["wrong"] for r in rows)
    return {
        "findings": len(rows),
        "wrong": wrong,
        "unchecked": len(unchecked),
        "check_findings": len(checks),
        "checks_cuad_annotates": sum(checks),
        "gaps_raised": gaps_raised(handcheck, raised),
        "rows": rows,
    }


def rule_types() -> dict[str, tuple[str, ...]]:
    """Every shipped playbook rule's clause types, by rule id."""
    return {
        rule.id: tuple(rule.types)
        for name in shipped_playbooks()
        for rule in load_playbook(name).rules
    }


def gaps_raised(handcheck: dict, raised: list[Raised]) -> dict[str, int]:
    """The gaps the hand-check confirmed (a finding once raised, the clause not there): how the
    review raises each now — as a missing_clause finding, a check, or not at all — by the
    same rule id, and (`by_type_*`) by any rule for one of the gap's clause types (a contract
    typed differently now is reviewed with another playbook, whose rules have other ids)."""
    kinds = {(cid, rule): kind for cid, rule, kind, _ in raised}
    by_type: dict[tuple[str, str], str] = {}
    for cid, _, kind, types in raised:
        for t in types:
            if by_type.get((cid, t)) != "missing_clause":
                by_type[cid, t] = kind
    types_of = rule_types()
    out = {"gaps": 0, "missing_clause": 0, "check": 0, "not_raised": 0}
    out |= {"by_type_missing_clause": 0, "by_type_check": 0, "by_type_not_raised": 0}
    for cid, verdicts in handcheck.items():
        for rule, verdict in verdicts.items():
            if verdict["present"]:
                continue
            out["gaps"] += 1
            out[kinds.get((cid, rule), "not_raised")] += 1
            found = [by_type.get((cid, t)) for t in types_of.get(rule, ())]
            kind = next((k for k in ("missing_clause", "check") if k in found), "not_raised")
            out[f"by_type_{kind}"] += 1
    return out


def it_labelled(cuad_fold_models: Path | None) -> dict:
    """missing_clause findings on the IT-labelled contracts, judged by those labels and CUAD's
    (module docstring)."""
    from it_labels import IT_TYPES, load_labels
    from it_types import FOLD_MODELS, run_detector, thresholded_folds
    from train_it_classifier import detector_presence, fold_dirs

    labels = load_labels()
    ids = sorted(labels)
    folds = fold_dirs(FOLD_MODELS)
    if set(folds) != set(ids):
        raise SystemExit(f"no IT fold models in {FOLD_MODELS}: run benchmarks/it_types.py once")
    cuad_folds = fold_dirs(cuad_fold_models) if cuad_fold_models else None
    with tempfile.TemporaryDirectory() as scratch:
        models, _ = thresholded_folds(detector_presence(ids, folds), labels, folds, Path(scratch))
        outcomes = run_detector(ids, models, cuad_folds, pdf=True)
    annotated = {r["id"]: r["clauses"] for r in cuad_records(None)}
    categories = {t.id: t.cuad for t in taxonomy().values() if t.cuad}
    rule_types = {r.id: r.types for name in shipped_playbooks() for r in load_playbook(name).rules}
    rows = []
    checks = [
        any(labels[cid][t].present for t in rule_types[f.rule_id] if t in IT_TYPES)
        for cid, outcome in outcomes.items()
        for f in outcome.findings
        if f.kind == "check"
    ]
    for cid, outcome in sorted(outcomes.items()):
        for finding in (f for f in outcome.findings if f.kind == "missing_clause"):
            types = rule_types[finding.rule_id]
            said = {t: labels[cid][t].present for t in types if t in IT_TYPES}
            by_cuad = {t: bool(annotated[cid].get(categories[t])) for t in types if t in categories}
            if any(said.values()):
                verdict = "wrong (IT labels)"
            elif any(by_cuad.values()):
                verdict = "wrong (CUAD)"
            elif len(said | by_cuad) == len(types):
                verdict = "right"
            else:
                verdict = "undecided"
            rows.append({"id": cid, "rule": finding.rule_id, "verdict": verdict})
    judged = [r for r in rows if r["verdict"] != "undecided"]
    return {
        "contracts": len(ids),
        "cuad_model": "CUAD fold models" if cuad_folds else "shipped CUAD model (saw these)",
        "findings": len(rows),
        "judged": len(judged),
        "wrong": sum(r["verdict"].startswith("wrong") for r in judged),
        "wrong_by_it_labels": sum(r["verdict"] == "wrong (IT labels)" for r in judged),
        "wrong_by_cuad": sum(r["verdict"] == "wrong (CUAD)" for r in judged),
        "judged_by_it_labels": sum(
            bool(set(rule_types[r["rule"]]) & set(IT_TYPES)) for r in judged
        ),
        "undecided": len(rows) - len(judged),
        "check_findings": len(checks),
        "checks_where_the_it_labels_say_present": sum(checks),
        "rows": rows,
    }


def share(wrong: int, total: int) -> str:
    return f"{wrong / total:.1%}" if total else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default="pdfium")
    parser.add_argument("--contracts", type=int, default=20)
    parser.add_argument("--cuad-fold-models", type=Path, default=None)
    parser.add_argument("--no-it-labels", action="store_true")
    args = parser.parse_args()
    start = time.perf_counter()
    on_samples = samples("pdfplumber")
    on_cuad = cuad(args.engine, args.contracts)
    for name, figures in (("samples", on_samples), (f"CUAD ({args.contracts})", on_cuad)):
        print(
            f"{name}: {figures['findings']} missing_clause findings checked,"
            f" {figures['wrong']} wrong ({share(figures['wrong'], figures['findings'])})"
            + (f", {figures['unchecked']} unchecked" if "unchecked" in figures else "")
        )
    for how, source in (("hand", "the project's own hand-check"), ("cuad", "CUAD's annotations")):
        rows = [r for r in on_cuad["rows"] if r["by"] == how]
        wrong = sum(r["wrong"] for r in rows)
        print(f"  of which decided by {source}: {len(rows)}, {wrong} wrong")
        on_cuad[f"decided_by_{how}"] = {"findings": len(rows), "wrong": wrong}
    print(
        f"  and {on_cuad['check_findings']} `check` findings (unsure, not a claim), of which CUAD"
        f" annotates a type the rule accepts in {on_cuad['checks_cuad_annotates']}"
    )
    gaps = on_cuad["gaps_raised"]
    print(
        f"  of the {gaps['gaps']} gaps the hand-check confirmed, now raised as missing_clause:"
        f" {gaps['missing_clause']}, as check: {gaps['check']}, not at all: {gaps['not_raised']}"
        f" (by clause type, any rule: {gaps['by_type_missing_clause']},"
        f" {gaps['by_type_check']}, {gaps['by_type_not_raised']})"
    )
    for row in on_cuad["rows"]:
        flag = "WRONG" if row["wrong"] else "ok"
        print(f"  {flag:5} {row['by']:4} {row['type']:18} {row['rule']:38} {row['id'][:50]}")
    result = {"samples": on_samples, "cuad": on_cuad}
    if not args.no_it_labels:
        it = result["it_labels"] = it_labelled(args.cuad_fold_models)
        print(
            f"IT labels ({it['contracts']} contracts, PDFs, 5-fold CV, {it['cuad_model']}):"
            f" {it['findings']} missing_clause findings, {it['judged']} judged by the labels"
            f" ({it['judged_by_it_labels']} name an IT-labelled type), {it['wrong']} name a"
            f" clause the labels say is present ({share(it['wrong'], it['judged'])};"
            f" {it['wrong_by_it_labels']} by the IT labels, {it['wrong_by_cuad']} by CUAD's),"
            f" {it['undecided']} undecided; {it['check_findings']} `check` findings, the IT"
            f" labels saying the clause is there for {it['checks_where_the_it_labels_say_present']}"
        )
        for row in it["rows"]:
            if row["verdict"] != "right":
                print(f"  {row['verdict']:17} {row['rule']:38} {row['id'][:50]}")
    seconds = time.perf_counter() - start
    result["machine"] = f"{platform.machine()}, {platform.python_version()}"
    result["seconds"] = round(seconds, 1)
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n")
    print(f"machine: {result['machine']}, engine {args.engine}; {seconds:.0f} s; wrote {OUT}")


if __name__ == "__main__":
    main()
