"""The spaCy side of contractkit: a blank English pipeline with the contractkit components.

    nlp = make_pipeline()
    doc = to_spacy(contractkit.load("contract.pdf"), nlp)
    doc.spans["clauses"], list(doc.sents)

    docs = nlp.pipe(make_doc(d, nlp) for d in documents)  # batches

No statistical model is downloaded: tokenisation is spaCy's rule-based English
tokenizer, sentences and clauses come from contractkit's own rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import contractkit.detect.pipeline  # noqa: F401  (registers contractkit_clause_detector)
from contractkit.model import Document
from contractkit.segment import register_extensions
from contractkit.spans import doc_from_text

# spaCy's default (1,000,000 characters) guards parser and NER memory; the blank
# pipeline has neither, and a 300-page contract runs past a million characters.
MAX_LENGTH = 20_000_000


def make_pipeline(detect: bool = True, detector: dict | None = None) -> Language:
    """Blank English with `contractkit_sentences`, `contractkit_segmenter` and (unless
    `detect=False`) `contractkit_clause_detector`, configured by `detector` (e.g.
    `{"threshold": 0.1}` or `{"classifier": False}`: see `make_clause_detector`)."""
    register_extensions()
    nlp = spacy.blank("en")
    nlp.max_length = MAX_LENGTH
    nlp.add_pipe("contractkit_sentences")
    nlp.add_pipe("contractkit_segmenter")
    if detect:
        nlp.add_pipe("contractkit_clause_detector", config=detector or {})
    return nlp


@lru_cache(maxsize=1)
def default_pipeline() -> Language:
    """The process's `make_pipeline()`, loaded once (the classifier takes seconds)."""
    return make_pipeline()


def make_doc(document: Document, nlp: Language | None = None) -> Doc:
    """An unprocessed Doc of `document.text` that carries the layout (`doc._.document`),
    ready for `nlp(doc)` or `nlp.pipe(docs)`."""
    nlp = nlp or default_pipeline()
    doc = doc_from_text(nlp, document.text)
    doc._.document = document
    return doc


def to_spacy(document: Document, nlp: Language | None = None) -> Doc:
    """`document` through the pipeline: sentences, `doc.spans["sections"]`,
    `doc.spans["clauses"]` and the detected clauses in `doc.spans["detected"]`."""
    nlp = nlp or default_pipeline()
    return nlp(make_doc(document, nlp))


def pipe(
    documents: Iterable[Document], nlp: Language | None = None, batch_size: int = 8
) -> Iterator[Doc]:
    """`to_spacy` for many documents, through `nlp.pipe`."""
    nlp = nlp or default_pipeline()
    return nlp.pipe((make_doc(d, nlp) for d in documents), batch_size=batch_size)
