"""The scan's output formats: one JSON line per result (the scan-result schema), a CSV row
per detected clause, or a short table for a terminal (`contractkit scan --format`).

Contract text and file names are untrusted: CSV cells are spreadsheet-safe and every field
quoted; the table shows terminal escapes as text, never obeys them.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable
from typing import TextIO

from contractkit.result import ContractResult
from contractkit.safetext import display_name, escape_controls, json_line
from contractkit.spreadsheet import safe_cell

__all__ = ["FORMATS", "WRITERS", "write_csv", "write_jsonl", "write_table"]

FORMATS = ("jsonl", "csv", "table")


def write_jsonl(results: Iterable[ContractResult], out: TextIO) -> None:
    for result in results:
        out.write(json_line(result.to_dict()) + "\n")


def write_csv(results: Iterable[ContractResult], out: TextIO) -> None:
    """One row per detected clause (or one per failed file), spreadsheet-safe; every field
    quoted, so a reader that splits on another separator still sees one cell."""
    writer = csv.writer(out, quoting=csv.QUOTE_ALL)
    writer.writerow(["file", "error", "type", "score", "page", "section", "text", "attributes"])
    for result in results:
        if result.error or not result.clauses:
            code = result.error.code if result.error else ""
            writer.writerow([safe_cell(result.file), code, "", "", "", "", "", ""])
        for clause in result.clauses:
            writer.writerow(
                [
                    safe_cell(v)
                    for v in (
                        result.file,
                        "",
                        clause.type,
                        f"{clause.score:.3f}",
                        clause.page or "",
                        clause.section or "",
                        clause.text,
                        json.dumps(clause.attributes, ensure_ascii=False),
                    )
                ]
            )


def write_table(results: Iterable[ContractResult], out: TextIO) -> None:
    for result in results:
        name = display_name(os.path.basename(result.file))
        if result.error:
            out.write(f"{name}: {result.error.code}: {escape_controls(result.error.message)}\n")
            continue
        present = result.present_types
        out.write(
            f"{name}: {result.pages} pages, {len(result.clauses)} clause hits,"
            f" {len(present)} clause types present\n"
        )
        if present:
            out.write(f"    {', '.join(present)}\n")


WRITERS = {"jsonl": write_jsonl, "csv": write_csv, "table": write_table}
