"""What kind of contract this is: scored cues in the title and body, and clause types present.

Each label's score is a noisy-OR of the weights of the cues that fired
(`contract_types.yaml`), so one strong cue (the title) or several weak ones (body words,
clause types) can carry it; the explanation lists every cue that counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

from pydantic import Field

from contractkit import datafiles
from contractkit.datafiles import Schema
from contractkit.detect.recognizers import noisy_or
from contractkit.result import ContractResult

CONTRACT_TYPES = (
    "hardware_purchase",
    "software_license",
    "saas",
    "daas_rental",
    "managed_services",
    "framework_agreement",
    "data_processing_agreement",
    "other",
)


@dataclass(frozen=True, slots=True)
class Cue:
    where: str  # title | body | clause
    what: str
    weight: float

    def __str__(self) -> str:
        return f"{self.where} '{self.what}'"


Weight = Field(ge=0, le=1, allow_inf_nan=False)


class Weights(Schema):
    title: float = Weight
    body: float = Weight
    clause: float = Weight


class TypeCues(Schema):
    """The cues of one contract type: phrases in the title or body, clause types present."""

    title: list[str] = Field(default_factory=list)
    body: list[str] = Field(default_factory=list)
    clauses: list[str] = Field(default_factory=list)


class FormCues(Schema):
    title: list[str] = Field(default_factory=list)
    body: list[str] = Field(default_factory=list)


class ContractTypesFile(Schema):
    """The schema of `contract_types.yaml`."""

    weights: Weights
    types: dict[Literal[CONTRACT_TYPES], TypeCues]  # type: ignore[valid-type]
    framework: FormCues
    minimum_score: float = Weight
    opening: int = Field(ge=0)


@cache
def _config() -> dict[str, Any]:
    resource = resources.files("contractkit.review").joinpath("contract_types.yaml")
    data = datafiles.compose(resource.read_text(encoding="utf-8"), str(resource))
    datafiles.validate(data, ContractTypesFile, str(resource))
    return data


def _contains(text: str, phrase: str) -> bool:
    """`phrase` in `text` as whole words ("rma" is not in "information"). Found with
    `str.find`: a regex that opens with a look-behind cannot skip ahead to its literal,
    and took seconds per batch on long contracts."""
    start = text.find(phrase)
    while start != -1:
        if not (_joins(text, start - 1) or _joins(text, start + len(phrase))):
            return True
        start = text.find(phrase, start + 1)
    return False


def _joins(text: str, index: int) -> bool:
    """Is the character at `index` part of a word (so a phrase next to it is not whole)?"""
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] in "_-")


def _fired(spec: dict[str, list[str]], title: str, body: str, types: set[str]) -> list[Cue]:
    weights = _config()["weights"]
    cues = [Cue("title", p, weights["title"]) for p in spec.get("title", []) if _contains(title, p)]
    # a title cue counts once: several title words are one piece of evidence
    cues = cues[:1]
    cues += [Cue("body", p, weights["body"]) for p in spec.get("body", []) if _contains(body, p)]
    cues += [Cue("clause", t, weights["clause"]) for t in spec.get("clauses", []) if t in types]
    return cues


def _noisy_or(cues: list[Cue]) -> float:
    return noisy_or(cue.weight for cue in cues)


def _title_of(result: ContractResult, text: str) -> str:
    """Where the contract names itself: its detected document name, and its opening
    characters (`opening` in the YAML). Filed contracts often open with an exhibit number or
    "Execution Version" before the title, and name themselves in the first sentence ("This
    Software Maintenance Agreement is made ..."), where the document-name cue may miss."""
    titles = [hit.text for hit in result.clauses if hit.type == "document_name"][:1]
    opening = text.strip()[: _config()["opening"]] if text else ""
    return "\n".join([*titles, opening])


def detect_contract_type(result: ContractResult, text: str | None = None) -> dict[str, Any]:
    """`{"label", "score", "framework", "explanation", "scores"}` for one contract.

    `text` is the whole reading text when the document is at hand; without it (a result
    read back from JSON) the clause texts stand in for the body."""
    body = (text if text is not None else "\n".join(h.text for h in result.clauses)).lower()
    title = _title_of(result, text or "").lower()
    types = {t for t, score in result.presence.items() if result.has(t)}
    config = _config()
    scored = {label: _fired(spec, title, body, types) for label, spec in config["types"].items()}
    scores = {label: round(_noisy_or(cues), 3) for label, cues in scored.items()}
    framework_cues = _fired(config["framework"], title, body, set())
    framework = _noisy_or(framework_cues) >= config["minimum_score"]
    best = max(scores, key=lambda label: scores[label])
    if scores[best] >= config["minimum_score"]:
        label, score, cues = best, scores[best], scored[best]
    elif framework:
        label, score, cues = "framework_agreement", _noisy_or(framework_cues), framework_cues
    else:
        label, score, cues = "other", round(1.0 - scores[best], 3), []
    because = ", ".join(str(c) for c in cues) or f"no type reached {config['minimum_score']}"
    return {
        "label": label,
        "score": round(score, 3),
        "framework": framework,
        "explanation": because,
        "scores": scores,
        "overridden": False,
    }


def override_contract_type(label: str) -> dict[str, Any]:
    """The contract type a user states; it replaces the detected one, score 1."""
    if label not in CONTRACT_TYPES:
        raise ValueError(f"unknown contract type {label!r}; expected one of {CONTRACT_TYPES}")
    return {
        "label": label,
        "score": 1.0,
        "framework": label == "framework_agreement",
        "explanation": "stated by the user",
        "scores": {},
        "overridden": True,
    }
