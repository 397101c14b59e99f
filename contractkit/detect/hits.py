"""A detected clause as the detector reports it: the record detection produces and every
later stage (review, the scan JSON, reports, widgets) reads."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any

from contractkit.model import BBox, Box

PRESENT = 0.5  # presence score at which a contract counts as having a clause type
# Presence from which a type the contract may lack still has its likeliest unit reported, for
# the review's `check` ("not found with confidence — look at …") to point at. Below it the
# review calls the clause missing, and a pointer would only contradict that.
UNSURE = 0.2


@dataclass(slots=True)
class ClauseHit:
    """A detected clause: its type, the span as it reads, where it sits, and why."""

    type: str
    text: str
    score: float
    start: int
    end: int
    boxes: list[Box] = field(default_factory=list)
    section: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    # keys of `attributes` read from the enclosing section rather than this text
    inherited_attributes: list[str] = field(default_factory=list)
    explanation: str = ""
    # the score of each source behind `score`: {"cues": r} or {"classifier": c, "cues": r},
    # and {"blend": b}, what the two made, when the span ranker gave `score`
    sources: dict[str, float] = field(default_factory=dict)

    @property
    def page(self) -> int | None:
        return self.boxes[0].page if self.boxes else None

    @property
    def bbox(self) -> BBox | None:
        """Union of the boxes on the first page (the schema's single `bbox`)."""
        first = [b for b in self.boxes if b.page == self.page]
        if not first:
            return None
        return (
            min(b.x0 for b in first),
            min(b.top for b in first),
            max(b.x1 for b in first),
            max(b.bottom for b in first),
        )

    def to_dict(self, exact: bool = False) -> dict[str, Any]:
        """The schema's clause object; `exact` keeps full precision (for `from_dict`)."""
        bbox = self.bbox
        return {
            "type": self.type,
            "text": self.text,
            "score": rounded(self.score, 4, exact),
            "page": self.page,
            "bbox": [rounded(v, 2, exact) for v in bbox] if bbox else None,
            "section": self.section,
            "attributes": self.attributes,
            "inherited_attributes": self.inherited_attributes,
            "start": self.start,
            "end": self.end,
            "boxes": [
                {"page": b.page, "bbox": [rounded(v, 2, exact) for v in b.bbox]} for b in self.boxes
            ],
            "explanation": self.explanation,
            "sources": self.sources,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClauseHit:
        # Types, sections and explanations repeat across a portfolio's clauses (a few hundred
        # distinct explanations in 11,000 clauses): one copy of each text kept in memory.
        section = data["section"]
        return cls(
            type=sys.intern(data["type"]),
            text=data["text"],
            score=data["score"],
            start=data["start"],
            end=data["end"],
            boxes=[Box(b["page"], *b["bbox"]) for b in data["boxes"]],
            section=sys.intern(section) if section is not None else None,
            attributes=data["attributes"],
            inherited_attributes=data["inherited_attributes"],
            explanation=sys.intern(data["explanation"]),
            sources=data["sources"],
        )


def rounded(value: float, digits: int, exact: bool) -> float:
    """`value` as the scan JSON shows it (`digits` decimals), or untouched when `exact`."""
    return value if exact else round(value, digits)
