"""Segment: a `Document` -> its outline (sections, clauses) and legal sentences.

`segment(document)` is the plain-Python entry point. For spaCy users the same result
goes onto a `Doc` through the `contractkit_segmenter` component (`doc.spans["sections"]`,
`doc.spans["clauses"]`, with `span._.heading_path`, `span._.kind`, `span._.number`);
`contractkit.nlp.make_pipeline()` builds a pipeline with it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from contractkit.model import Document
from contractkit.segment.headings import Candidate, HeadingMatch, recognise
from contractkit.segment.outline import Clause, Outline, Section, build_outline


def segment(document: Document) -> Outline:
    """Sections and clauses of `document`, from its layout when it has one."""
    return build_outline(document)


# -- spaCy --------------------------------------------------------------------------------

SECTION_LABEL = "SECTION"
CLAUSE_LABEL = "CLAUSE"
_ATTRS_KEY = ("contractkit", "span_attrs")
_SPAN_ATTRS = ("heading_path", "kind", "number")


def _span_attr(name: str) -> Callable[[Span], object]:
    index = _SPAN_ATTRS.index(name)

    def get(span: Span) -> object:
        attrs = span.doc.user_data.get(_ATTRS_KEY, {})
        record = attrs.get((span.label_, span.start_char, span.end_char))
        return record[index] if record else None

    return get


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
    for name in _SPAN_ATTRS:
        if not Span.has_extension(name):
            Span.set_extension(name, getter=_span_attr(name))


register_extensions()


class Segmenter:
    """spaCy component: the outline of `doc._.document` as span groups on the Doc."""

    def __call__(self, doc: Doc) -> Doc:
        document = doc._.document
        if document is None:
            document = Document(path=None, engine="text", pages=[], text=doc.text)
            doc._.document = document
        elif document.text != doc.text:
            raise ValueError("doc._.document.text differs from doc.text; build the Doc from it")
        outline = segment(document)
        doc._.outline = outline
        attrs: dict[tuple[str, int, int], tuple[object, ...]] = {}
        sections = [_span(doc, s, SECTION_LABEL, attrs, s.kind) for s in outline.sections]
        clauses = [_span(doc, c, CLAUSE_LABEL, attrs, c.kind) for c in outline.clauses]
        doc.user_data[_ATTRS_KEY] = attrs
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


def _span(
    doc: Doc,
    unit: Section | Clause,
    label: str,
    attrs: dict[tuple[str, int, int], tuple[object, ...]],
    kind: str,
) -> Span:
    span = doc.char_span(unit.start, unit.end, label=label, alignment_mode="expand")
    attrs[(label, span.start_char, span.end_char)] = (unit.heading_path, kind, unit.number)
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
