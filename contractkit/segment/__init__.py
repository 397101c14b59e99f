"""Segment: a `Document` -> its outline (sections, clauses) and legal sentences.

`segment(document)` is the plain-Python entry point. For spaCy users the same result
goes onto a `Doc` through the `contractkit_segmenter` component (`doc.spans["sections"]`,
`doc.spans["clauses"]`, with `span._.heading_path`, `span._.kind`, `span._.number`);
`contractkit.nlp.make_pipeline()` builds a pipeline with it.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from contractkit.model import Document
from contractkit.segment.headings import Candidate, HeadingMatch, recognise
from contractkit.segment.outline import Clause, Outline, Section, build_outline
from contractkit.spans import doc_text, register_span_values, set_span_values


def segment(document: Document) -> Outline:
    """Sections and clauses of `document`, from its layout when it has one."""
    return build_outline(document)


# -- spaCy --------------------------------------------------------------------------------

SECTION_LABEL = "SECTION"
CLAUSE_LABEL = "CLAUSE"
_SPAN_GROUP = "outline"
_SPAN_DEFAULTS = {"heading_path": None, "kind": None, "number": None}


def register_extensions() -> None:
    """Register the Doc and Span extensions once (safe to call again).

    Span values live in `doc.user_data` keyed by label and offsets, because spaCy keys
    span extensions by offsets alone: a section and a clause with the same extent would
    otherwise share one `kind`.
    """
    if not Doc.has_extension("document"):
        Doc.set_extension("document", default=None)
    if not Doc.has_extension("outline"):
        Doc.set_extension("outline", default=None)
    register_span_values(_SPAN_GROUP, _SPAN_DEFAULTS)


register_extensions()


class Segmenter:
    """spaCy component: the outline of `doc._.document` as span groups on the Doc."""

    def __call__(self, doc: Doc) -> Doc:
        document = doc._.document
        if document is None:
            document = Document(path=None, engine="text", pages=[], text=doc_text(doc))
            doc._.document = document
        elif document.text != doc_text(doc):
            raise ValueError("doc._.document.text differs from doc.text; build the Doc from it")
        outline = segment(document)
        doc._.outline = outline
        sections = [_span(doc, s, SECTION_LABEL) for s in outline.sections]
        clauses = [_span(doc, c, CLAUSE_LABEL) for c in outline.clauses]
        doc.spans["sections"] = SpanGroup(doc, name="sections", spans=sections)
        doc.spans["clauses"] = SpanGroup(doc, name="clauses", spans=clauses)
        if doc.has_annotation("SENT_START"):
            _start_sentences_at(doc, clauses)
        return doc


def _start_sentences_at(doc: Doc, spans: list[Span]) -> None:
    """A sentence never runs from one clause into the next (sentences come first in
    the pipeline and only see text; clauses also see layout)."""
    values = doc.to_array([SENT_START]).astype(np.int64)
    values[[span.start for span in spans if len(span)]] = 1
    doc.from_array([SENT_START], values.astype(np.uint64))


def _span(doc: Doc, unit: Section | Clause, label: str) -> Span:
    span = doc.char_span(unit.start, unit.end, label=label, alignment_mode="expand")
    values = {"heading_path": unit.heading_path, "kind": unit.kind, "number": unit.number}
    set_span_values(span, _SPAN_GROUP, values)
    return span


@Language.factory("contractkit_segmenter")
def make_segmenter(nlp: Language, name: str) -> Segmenter:
    """Factory for the `contractkit_segmenter` component."""
    return Segmenter()


__all__ = [
    "Candidate",
    "Clause",
    "HeadingMatch",
    "Outline",
    "Section",
    "Segmenter",
    "make_segmenter",
    "recognise",
    "register_extensions",
    "segment",
]
