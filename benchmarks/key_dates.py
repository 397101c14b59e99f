"""Key dates (issue 16) against CUAD's normalised answers on the development set.

For every contract of `../shared/cuad`, read its PDF as users scan it (PDFium engine, no
OCR), run `extract_key_dates` on the reading text, and compare the agreement, effective
and expiration dates with CUAD's `answers` ("5/8/14", "perpetual", "" when absent,
"[]/[]/2012" for a blank).

Per category, the contracts are split by CUAD's answer:
- *date* answers (a full m/d/y; for expiration also "perpetual"): the denominator of the
  targets. Each is **right** (our value equals CUAD's), **wrong** (we give another date or
  'perpetual') or **not found** (no value, or None: stated but not determinable).
- *blank* answers ("[]/[]/2012", "07/[]/2000"): a right reading gives no date; a full date
  from us is counted as given there.
- *none* (""): CUAD's annotators gave no answer; a date from us is counted separately as
  "given where CUAD has none" (CUAD leaves many stated effective dates unanswered, so this
  is not simply wrong; the listing with --show lets one look).

Also, not a target: the renewal's notice period against CUAD's "Notice Period To Terminate
Renewal" answers that are durations (equal within 3 %).

Targets (issue 16): agreement right >= 95 % of date answers, effective >= 90 %, expiration
(date or perpetual) >= 80 %; a wrong date for <= 3 % of contracts in each.

Usage:
    .venv/bin/python benchmarks/key_dates.py [--labels PATH] [--show N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from contractkit.detect.key_dates import KeyDates, extract_key_dates  # noqa: E402
from contractkit.detect.values import parse_duration  # noqa: E402

DEFAULT_LABELS = REPO.parent / "shared" / "cuad" / "labels.jsonl"
CATEGORIES = {
    "agreement_date": "Agreement Date",
    "effective_date": "Effective Date",
    "expiration_date": "Expiration Date",
}
TARGETS = {"agreement_date": 0.95, "effective_date": 0.90, "expiration_date": 0.80}
WRONG_AT_MOST = 0.03


def gold(answer: str) -> tuple[str, str | None]:
    """(kind, value) of a CUAD answer: ('date', ISO), ('perpetual', 'perpetual'),
    ('blank', None) for answers with '[]', ('none', None) for ''."""
    answer = answer.strip()
    if not answer:
        return "none", None
    if answer.lower() == "perpetual":
        return "perpetual", "perpetual"
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", answer)
    if not match:
        return "blank", None
    month, day, year = (int(g) for g in match.groups())
    if year < 100:
        year += 1900 if year >= 50 else 2000
    return "date", date(year, month, day).isoformat()


def score(
    rows: list[dict[str, Any]], read: Callable[[dict[str, Any]], KeyDates | None]
) -> dict[str, Any]:
    """Tallies per category, and the cases behind them (for --show)."""
    tallies: dict[str, dict[str, Any]] = {
        k: {"date": 0, "right": 0, "wrong": 0, "not_found": 0, "blank": 0,
            "blank_given": 0, "none": 0, "none_given": 0, "cases": []}
        for k in CATEGORIES
    }  # fmt: skip
    notice = {"answers": 0, "right": 0, "wrong": 0, "not_found": 0}
    tallies["renewal_notice"] = notice  # type: ignore[assignment]
    for row in rows:
        found = read(row)
        answer = parse_duration(row["answers"].get("Notice Period To Terminate Renewal") or "")
        if answer is not None:
            notice["answers"] += 1
            days = found.renewal.notice_days if found and found.renewal else None
            ok = days is not None and abs(days - answer.days) <= 0.03 * answer.days
            notice["right" if ok else "not_found" if days is None else "wrong"] += 1
        for key, category in CATEGORIES.items():
            kind, expected = gold(row["answers"].get(category, ""))
            record = getattr(found, key) if found else None
            value = record.value if record else None
            t = tallies[key]
            if kind in ("date", "perpetual"):
                t["date"] += 1
                outcome = (
                    "right" if value == expected else "not_found" if value is None else "wrong"
                )
                t[outcome] += 1
            elif kind == "blank":
                t["blank"] += 1
                outcome = "blank_given" if value else "blank_ok"
                t["blank_given"] += bool(value)
            else:
                t["none"] += 1
                outcome = "none_given" if value else "none_ok"
                t["none_given"] += bool(value)
            t["cases"].append(
                {
                    "id": row["id"],
                    "outcome": outcome,
                    "cuad": row["answers"].get(category, ""),
                    "ours": value,
                    "basis": record.basis if record else None,
                    "text": record.text[:300] if record else None,
                }
            )
    return tallies


def _read_pdf(cuad: Path) -> Callable[[dict[str, Any]], KeyDates | None]:
    from contractkit.errors import ContractKitError
    from contractkit.ingest import load

    def read(row: dict[str, Any]) -> KeyDates | None:
        try:
            document = load(cuad / row["pdf"], engine="pdfium", ocr=False)
        except ContractKitError:
            return None
        return extract_key_dates(document.text, document.page_of)

    return read


def report(tallies: dict[str, Any], contracts: int) -> list[str]:
    notice = tallies["renewal_notice"]
    tallies = {k: v for k, v in tallies.items() if k in CATEGORIES}
    lines = [
        f"{'category':<16} {'date answers':>12} {'right':>12} {'wrong':>10} {'not found':>10}"
        f" {'target':>7}  {'given where CUAD: blank / none':>30}"
    ]
    for key, t in tallies.items():
        n = t["date"] or 1
        ok = t["right"] / n >= TARGETS[key] and t["wrong"] / n <= WRONG_AT_MOST
        lines.append(
            f"{key:<16} {t['date']:>12} {t['right']:>5} ({t['right'] / n:5.1%})"
            f" {t['wrong']:>3} ({t['wrong'] / n:4.1%}) {t['not_found']:>10}"
            f" {'met' if ok else 'missed':>7}  {t['blank_given']:>3}/{t['blank']:<3} "
            f"{t['none_given']:>3}/{t['none']:<3}"
        )
    lines.append(
        f"renewal notice period vs CUAD's duration answers (±3 %): {notice['right']} right,"
        f" {notice['wrong']} wrong, {notice['not_found']} not found of {notice['answers']}"
    )
    lines.append(f"contracts: {contracts}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--show", type=int, default=0, help="wrong/not-found cases to print")
    parser.add_argument("--json", type=Path, help="write every case here")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.labels.read_text().splitlines() if line.strip()]
    began = time.perf_counter()
    tallies = score(rows, _read_pdf(args.labels.parent))
    print("\n".join(report(tallies, len(rows))))
    print(f"time: {time.perf_counter() - began:.0f} s (reading the PDFs included)")
    for key, t in tallies.items():
        if key not in CATEGORIES:
            continue
        shown = [c for c in t["cases"] if c["outcome"] in ("wrong", "not_found")][: args.show]
        for case in shown:
            print(f"\n[{key}] {case['outcome']}: CUAD {case['cuad']!r} ours {case['ours']!r}")
            print(f"  {case['id']}\n  basis: {case['basis']}\n  text: {case['text']}")
    if args.json:
        args.json.write_text(json.dumps(tallies, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
