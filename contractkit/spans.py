"""Per-span values on a spaCy Doc, keyed by label *and* offsets.

spaCy stores span extension values by character offsets alone, so two spans over the
same text (a section and a clause, or one sentence detected as two clause types) would
share their values. These helpers keep values in `doc.user_data` under the span's
label and offsets, behind ordinary `span._.name` getters.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

_TEXT_KEY = ("contractkit", "text")


def doc_text(doc: Doc) -> str:
    """`doc.text`, read once per Doc: spaCy joins it anew from a Python object per token on
    every access, seconds per contract when several components ask. A Doc's tokens never
    change, so neither does its text."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def doc_from_text(nlp: Language, text: str) -> Doc:
    """`nlp.make_doc(text)`, its text known already (spaCy's tokenizer keeps every
    character, so the Doc's text is `text`)."""
    doc = nlp.make_doc(text)
    doc.user_data[_TEXT_KEY] = text
    return doc


def _store(span: Span, group: str) -> dict[tuple[str, int, int], dict[str, Any]]:
    return span.doc.user_data.setdefault(("contractkit", group), {})


def set_span_values(span: Span, group: str, values: Mapping[str, Any]) -> None:
    """Attach `values` to this span (by its label and offsets) within `group`."""
    _store(span, group)[(span.label_, span.start_char, span.end_char)] = dict(values)


def _getter(group: str, name: str, default: Any) -> Callable[[Span], Any]:
    def get(span: Span) -> Any:
        values = _store(span, group).get((span.label_, span.start_char, span.end_char), {})
        return values.get(name, default)

    return get


def register_span_values(group: str, defaults: Mapping[str, Any]) -> None:
    """Register `span._.<name>` getters for the values of `group` (idempotent)."""
    for name, default in defaults.items():
        if not Span.has_extension(name):
            Span.set_extension(name, getter=_getter(group, name, default))
