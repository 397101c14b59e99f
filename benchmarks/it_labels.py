"""The real contracts labelled for the IT clause types (`../shared/it-labels`), as training units.

`labels.jsonl` marks, for 64 CUAD contracts and ten clause types, whether the contract has the
clause, 1–3 character spans into `cuad/txt/<id>.txt` carrying it (not every occurrence) and
the attribute values (`GUIDE.md` defines both). This module reads them and turns a contract into
the classifier's units (`training_data.split_units`, as at inference) with one label per IT
model type:

* **positive**: a sentence unit at least half inside a labelled span of the type;
* **missing** (left out of the loss): a unit overlapping a span less than that, and, in a
  contract that has the type, any unit within `NEAR` characters of one of its spans — the
  labels mark the clause's carrying sentence, not its neighbours, which are often the same
  clause (better left out than taught as counter-examples);
* **negative**: every other unit, in particular every unit of a contract read in full and
  found without the type, which is where the look-alikes the guide excludes come from.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cuad_sample import CUAD, ROOT

from contractkit.detect.training_data import SENTENCE, Unit, split_units, words

LABELS = ROOT.parent / "shared" / "it-labels" / "labels.jsonl"
# The ten types of the guide, the five users asked for first.
IT_TYPES = (
    "sla",
    "warranty",
    "returns",
    "audit_rights",
    "data_erasure",
    "support_maintenance",
    "data_protection",
    "breach_notification",
    "limitation_of_liability",
    "acceptance",
)
FIRST_FIVE = IT_TYPES[:5]
# The IT model's labels: the IT types CUAD lacks (`audit_rights` is CUAD's own category,
# learnt from all of CUAD's exhaustive annotations by the CUAD model).
MODEL_TYPES = tuple(t for t in IT_TYPES if t != "audit_rights")
NEAR = 2000  # characters around a labelled span whose units are left out of the loss
ATTRIBUTION = (
    "contractkit IT clause labels (../shared/it-labels, 64 contracts) on CUAD v1 contracts, "
    "The Atticus Project, CC BY 4.0"
)


@dataclass(frozen=True)
class Label:
    """One (contract, type) line of `labels.jsonl`."""

    present: bool
    spans: tuple[tuple[int, int], ...]
    attributes: dict
    note: str | None


def load_labels(path: Path = LABELS) -> dict[str, dict[str, Label]]:
    """Contract id -> clause type -> its label."""
    out: dict[str, dict[str, Label]] = {}
    for line in path.read_text().splitlines():
        row = json.loads(line)
        out.setdefault(row["id"], {})[row["category"]] = Label(
            bool(row["present"]),
            tuple((int(a), int(b)) for a, b in row["spans"]),
            row.get("attributes") or {},
            row.get("note"),
        )
    return out


def text_path(contract_id: str) -> Path:
    return CUAD / "txt" / f"{contract_id}.txt"


@dataclass(frozen=True)
class Contract:
    """One labelled contract as training units (the shape `train_clause_classifier.train`
    takes): units, per unit the type labels that are not missing, and the words it uses."""

    id: str
    units: list[Unit]
    labels: list[dict[str, float]]
    words: frozenset[str]


def _overlap(unit: Unit, span: tuple[int, int]) -> int:
    return max(0, min(unit.end, span[1]) - max(unit.start, span[0]))


def unit_label(unit: Unit, label: Label) -> float | None:
    """1.0, 0.0 or None (missing) for one unit and one type (module docstring)."""
    if not label.present:
        return 0.0
    if not label.spans:
        return None
    covered = sum(_overlap(unit, span) for span in label.spans)
    if covered:
        whole = unit.kind == SENTENCE and 2 * covered >= max(unit.end - unit.start, 1)
        return 1.0 if whole else None
    distance = min(max(span[0] - unit.end, unit.start - span[1], 0) for span in label.spans)
    return None if distance < NEAR else 0.0


def prepare(contract_id: str, labels: dict[str, Label], types: Sequence[str]) -> Contract:
    text = text_path(contract_id).read_text()
    units = split_units(text)
    unit_labels = []
    for unit in units:
        cats = {t: value for t in types if (value := unit_label(unit, labels[t])) is not None}
        unit_labels.append(cats)
    return Contract(contract_id, units, unit_labels, frozenset(words(text)))
