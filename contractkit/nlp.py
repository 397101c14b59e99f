"""The spaCy side of contractkit: a blank English pipeline with the contractkit components,
and `detect()`, a loaded contract through it.

    nlp = make_pipeline()
    doc = to_spacy(contractkit.load("contract.pdf"), nlp)
    doc.spans["clauses"], list(doc.sents)

    docs = nlp.pipe(make_doc(d, nlp) for d in documents)  # batches

No statistical model is downloaded: tokenisation is spaCy's rule-based English
tokenizer, sentences and clauses come from contractkit's own rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from contractkit.detect.hits import ClauseHit
from contractkit.detect.pipeline import SPAN_KEY  # (importing it registers the detector)
from contractkit.model import Box, Document
from contractkit.segment import register_extensions
from contractkit.spans import doc_from_text, doc_text

# spaCy's default (1,000,000 characters) guards parser and NER memory; the blank
# pipeline has neither, and a 300-page contract runs past a million characters.
MAX_LENGTH = 20_000_000


# A run of this many characters without whitespace is cut into pieces before tokenising.
MAX_RUN_CHARS = 500
RUN_PIECE_CHARS = 250
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN_CHARS},}}")
# How many chunks (runs between whitespace) spaCy's tokenizer keeps the splits of: its
# default (10,000) fills on the first few contracts; each entry is a few pointers.
CHUNK_CACHE_SIZE = 200_000


class BoundedTokenizer:
    """spaCy's rule-based tokenizer, in time linear in the text: a run of `MAX_RUN_CHARS` or
    more characters without whitespace is first cut into pieces of `RUN_PIECE_CHARS`.
    spaCy peels prefixes and suffixes off a run one at a time, copying the rest each time,
    so a hostile run costs its length squared (40 KB of nested parentheses: minutes).
    Contract words are never that long; the Doc's text is the text, character for character.

    spaCy caches how it split each chunk, but for the rest of a text it stops caching once
    it has met one of its special cases ("Inc.", "e.g.", "'s"; the guard of spaCy #1250 is
    per text), which every contract does on its first page: so nearly every chunk of a
    contract was split again, affix by affix. Each chunk not seen before is therefore first
    split on its own (its split does not depend on its neighbours), which caches it, and the
    text then comes out of the cache: the same tokens in half the time."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab
        tokenizer.max_cache_size = max(tokenizer.max_cache_size, CHUNK_CACHE_SIZE)
        self._seen: set[str] = set()

    def _cache_chunks(self, text: str) -> None:
        if len(self._seen) >= self.tokenizer.max_cache_size:
            return  # spaCy's cache is full: splitting twice would only cost
        new = set(text.split()) - self._seen
        for chunk in new:
            if len(chunk) < MAX_RUN_CHARS:  # a longer run is cut first, never split whole
                self.tokenizer(chunk)
        self._seen |= new

    def __call__(self, text: str) -> Doc:
        self._cache_chunks(text)
        runs = list(_LONG_RUN.finditer(text))
        if not runs:
            return self.tokenizer(text)
        words: list[str] = []
        spaces: list[bool] = []
        position = 0
        for run in runs:
            self._tokenise(text[position : run.start()], words, spaces)
            for start in range(run.start(), run.end(), RUN_PIECE_CHARS):
                words.append(text[start : min(start + RUN_PIECE_CHARS, run.end())])
                spaces.append(False)
            position = run.end()
        self._tokenise(text[position:], words, spaces)
        return Doc(self.vocab, words=words, spaces=spaces)

    def _tokenise(self, segment: str, words: list[str], spaces: list[bool]) -> None:
        for token in self.tokenizer(segment) if segment else ():
            words.append(token.text)
            spaces.append(bool(token.whitespace_))


def make_pipeline(detect: bool = True, detector: dict | None = None) -> Language:
    """Blank English with `contractkit_sentences`, `contractkit_segmenter` and (unless
    `detect=False`) `contractkit_clause_detector`, configured by `detector` (e.g.
    `{"threshold": 0.1}` or `{"classifier": False}`: see `make_clause_detector`)."""
    register_extensions()
    nlp = spacy.blank("en")
    nlp.max_length = MAX_LENGTH
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
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


@dataclass(frozen=True, slots=True)
class Detection:
    """A contract's detected clauses, and per clause type how sure the detector is that the
    contract has one (>= 0.5: present)."""

    clauses: list[ClauseHit]
    presence: dict[str, float]


def detect(document: Document, nlp: Language | None = None) -> Detection:
    """Detected clauses of a loaded contract, with their boxes and sections."""
    doc = to_spacy(document, nlp)
    outline = doc._.outline
    boxes: dict[tuple[int, int], list[Box]] = {}  # a sentence is often a hit of several types
    text = doc_text(doc)
    clauses = [_hit(span, text, document, outline, boxes) for span in doc.spans[SPAN_KEY]]
    return Detection(clauses, dict(sorted((doc._.clause_presence or {}).items())))


def _hit(
    span: Span, text: str, document: Document, outline, boxes: dict[tuple[int, int], list[Box]]
) -> ClauseHit:
    clause = outline.clause_at(span.start_char) if outline is not None else None
    where = (span.start_char, span.end_char)
    if where not in boxes:
        boxes[where] = document.locate(*where)
    return ClauseHit(
        type=span._.clause_type,
        text=text[span.start_char : span.end_char].strip(),
        score=span._.score,
        start=span.start_char,
        end=span.end_char,
        boxes=list(boxes[where]),
        section=(clause.section or None) if clause is not None else None,
        attributes=span._.attributes or {},
        inherited_attributes=span._.inherited_attributes or [],
        explanation=span._.explanation,
        sources=span._.sources or {},
    )
