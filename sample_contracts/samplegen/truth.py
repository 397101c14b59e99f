"""Ground-truth documents (``<stem>.truth.json``) from a contract and its rendering."""

from __future__ import annotations

import json
from typing import Any

from samplegen.layout import Rendered
from samplegen.model import Contract

#: The clause types users ask about first; each contract has them or lists them as absent.
KEY_TYPES = ("sla", "warranty", "returns", "audit_rights", "data_erasure")


def layout_tags(contract: Contract, rendered: Rendered) -> list[str]:
    theme = contract.theme
    derived = {
        "image_only": contract.image_only,
        "running_header": theme.header is not None,
        "running_footer": theme.footer is not None,
        "ruled_table": bool(rendered.tables),
        "two_column": bool(rendered.two_column_pages),
        "hyphenation": bool(rendered.hyphenated_words),
    }
    return [tag for tag, on in derived.items() if on] + list(contract.layout)


def truth_document(contract: Contract, rendered: Rendered, file_name: str) -> dict[str, Any]:
    found = {c["type"] for c in rendered.clauses}
    missing = [t for t in KEY_TYPES if t not in found and t not in contract.absent]
    clash = sorted(found & set(contract.absent))
    if missing or clash:
        raise ValueError(f"{contract.stem}: neither found nor absent {missing}; both {clash}")
    return {
        "file": file_name,
        "contract_type": contract.contract_type,
        "title": contract.title,
        "parties": list(contract.parties),
        "pages": rendered.pages,
        "layout": layout_tags(contract, rendered),
        "hyphenated_words": rendered.hyphenated_words,
        "running_header": contract.theme.header,
        "running_footer_pattern": contract.theme.footer,
        "two_column_pages": rendered.two_column_pages,
        "table_rows": [row for t in rendered.tables for row in t["rows"]],
        "tables": rendered.tables,
        "clauses": rendered.clauses,
        "absent": list(contract.absent),
    }


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
