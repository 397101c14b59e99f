"""The clause detector as a spaCy component, and `detect(document)`.

`contractkit_clause_detector` reads the sentences and the clause outline that the
segment stage put on the Doc, runs every clause type's cue recognisers, blends them with the
packaged CUAD classifier for the types it knows (`blend`), and writes the hits
to `doc.spans["detected"]`, each span labelled with its type and carrying
`span._.clause_type`, `span._.score`, `span._.attributes` and `span._.explanation`.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import IDX, IS_SPACE, LENGTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from contractkit.detect.attributes import extract_attributes
from contractkit.detect.blend import (
    SHIPPED,
    BlendWeights,
    CueHit,
    blended,
    clause_units,
    running_form,
    running_lines,
    states_nothing,
)
from contractkit.detect.classifier import IT_MODEL_NAME, ClauseClassifier, load_classifier
from contractkit.detect.hits import UNSURE
from contractkit.detect.party_names import names_a_party, party_names
from contractkit.detect.recognizers import (
    SHIPPED_CUES,
    TITLE_SCORE,
    CueWeights,
    Evidence,
    HeadingRecognizer,
    PatternRecognizer,
    looks_like_title,
)
from contractkit.detect.regex_anchors import SentenceLiterals
from contractkit.detect.taxonomy import Taxonomy, load_taxonomy
from contractkit.detect.training_data import SENTENCE, Unit, split_units
from contractkit.numbering import roman_value
from contractkit.spans import doc_text, register_span_values, set_span_values
from contractkit.textutil import FoldedSpaces, blank_long_runs

SPAN_KEY = "detected"
DEFAULT_THRESHOLD = 0.3
# Presence from which a type's best unit is reported even below `threshold`: something to point
# at when the detector is unsure whether the contract has the clause (the review's `check`).
BEST_UNIT_PRESENCE = UNSURE
FRONT_MATTER_CHARS = 3000
MAX_SECTION_SCOPE = 6000  # characters: longer sections hold more than one clause's terms
TITLE_TYPE = "document_name"
PARTIES_TYPE = "parties"
# what is left of the score of a `parties` unit that names none of the parties the first page
# introduces (CUAD marks the names; "the parties shall meet annually" is no such span)
UNNAMED_PARTY_FACTOR = 0.3
_NUMBERING_WORDS = frozenset({"section", "article", "clause", "schedule", "annex", "exhibit"})
_WORD = re.compile(r"[A-Za-z]{3,}")
_NEGATIVE = "!"

register_span_values(
    SPAN_KEY,
    {
        "clause_type": None,
        "score": 0.0,
        "attributes": None,
        "inherited_attributes": None,  # attribute keys read from the section, not the span
        "explanation": "",
        "sources": None,
    },
)
if not Doc.has_extension("clause_presence"):  # clause type -> does the contract have one
    Doc.set_extension("clause_presence", default=None)


@dataclass(slots=True)
class _Sentence:
    span: Span
    heading_path: tuple[str, ...]
    section: str | None
    is_heading: bool


class ClauseDetector:
    """Scores every sentence against every clause type's cues and, for the types a
    statistical classifier knows, every candidate unit by both (see `blend`); keeps the
    spans that reach `threshold`.

    `classifiers` are tried in order: a type is scored by the first one that knows it (the CUAD
    model for CUAD's categories, the IT model for the IT types CUAD lacks)."""

    def __init__(
        self,
        nlp: Language,
        taxonomy: Taxonomy,
        threshold: float,
        classifiers: list[ClauseClassifier] | tuple[ClauseClassifier, ...] = (),
        best_unit_presence: float = BEST_UNIT_PRESENCE,
        cue_weights: CueWeights = SHIPPED_CUES,
        blend_weights: BlendWeights = SHIPPED,
        title_score: float = TITLE_SCORE,
        span_ranker: bool = True,
        unnamed_party_factor: float = UNNAMED_PARTY_FACTOR,
    ) -> None:
        self.taxonomy = taxonomy
        self.span_ranker = span_ranker
        self.threshold = threshold
        self.best_unit_presence = best_unit_presence
        self.cue_weights = cue_weights
        self.blend_weights = blend_weights
        self.title_score = title_score
        self.unnamed_party_factor = unnamed_party_factor
        self.classifiers: list[tuple[ClauseClassifier, tuple[str, ...]]] = []
        owned: set[str] = set()
        for model in classifiers:
            labels = tuple(label for label in model.labels if label not in owned)
            owned.update(labels)
            if labels:
                self.classifiers.append((model, labels))
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for clause_type in taxonomy.values():
            cues = clause_type.cues
            for prefix, phrases in (("", cues.phrases), (_NEGATIVE, cues.negative)):
                for phrase in phrases:
                    self.phrases.add(f"{prefix}{clause_type.id}|{phrase}", [nlp.make_doc(phrase)])
        self.headings = {
            t.id: HeadingRecognizer(t.cues.headings, t.cues.negative) for t in taxonomy.values()
        }
        self.patterns = {t.id: PatternRecognizer(t) for t in taxonomy.values()}
        self.phrase_types = {t.id for t in taxonomy.values() if t.granularity == "phrase"}
        self.states = {
            t.id: pattern for t in taxonomy.values() if (pattern := t.states_pattern()) is not None
        }
        self.stated_presence = {t.id for t in taxonomy.values() if t.presence_needs_states}

    def __call__(self, doc: Doc) -> Doc:
        sentences = _sentences_with_context(doc)
        evidence = self._body_evidence(doc, sentences)
        self._add_heading_evidence(sentences, evidence)
        units = split_units(doc_text(doc))
        hits, parts = self._cue_hits(sentences, evidence, units)
        for title in self._title(sentences):  # replaces a weaker cue hit on the same line
            hits = [h for h in hits if (h.type, h.start) != (TITLE_TYPE, title.start)]
            hits.append(title)
        hits, presence = self._scored(doc, hits, units, parts)
        hits = self._discount_unnamed_parties(doc_text(doc), hits)
        spans = self._labelled_spans(doc, hits)
        doc.spans[SPAN_KEY] = sorted(spans, key=lambda span: (span.start, span.label_))
        doc._.clause_presence = presence
        return doc

    def _scored(
        self,
        doc: Doc,
        hits: list[CueHit],
        units: list[Unit],
        parts: dict[tuple[str, int, int], CueHit | None],
    ) -> tuple[list[CueHit], dict[str, float]]:
        """Cue hits as they are, except for the classifiers' types: their units (`units`, with
        the cues of those that are parts of a cue sentence in `parts`), blended; and per type
        the contract-level presence score (for cue-only types, the best hit's)."""
        known = {label for _, labels in self.classifiers for label in labels}
        text = doc_text(doc)
        weights = self.blend_weights
        furniture = running_lines(units, weights.running_line_repeats)

        def reported(hit: CueHit) -> bool:  # a footer, a cross-reference: no clause
            if hit.type in known or hit.score < self.threshold:
                return False
            if hit.type in self.phrase_types:
                return True
            said = text[hit.start : hit.end]
            return running_form(said) not in furniture and not states_nothing(said)

        kept = [hit for hit in hits if reported(hit)]
        presence: dict[str, float] = {}
        for hit in kept:
            presence[hit.type] = max(presence.get(hit.type, 0.0), hit.score)
        if not self.classifiers:
            return kept, presence
        sentences = clause_units(units, weights.min_clause_words, furniture)
        for model, labels in self.classifiers:
            result = blended(
                text,
                model,
                hits,
                self.threshold,
                labels,
                self.best_unit_presence,
                units,
                self.blend_weights,
                self.span_ranker,
                self.phrase_types,
                sentences,
                parts,
                self.states,
                self.stated_presence,
            )
            kept += [candidate.as_hit() for candidate in result.candidates]
            presence |= result.presence
        return kept, presence

    def _discount_unnamed_parties(self, text: str, hits: list[CueHit]) -> list[CueHit]:
        """A `parties` hit that mentions none of the names (or short names) the first page
        gives the parties keeps `unnamed_party_factor` of its score, and says why. A contract
        whose parties are not found by name (`party_names`) is left as it is."""
        if self.unnamed_party_factor >= 1 or not any(h.type == PARTIES_TYPE for h in hits):
            return hits
        parties = party_names(text, FRONT_MATTER_CHARS)
        if not parties:
            return hits
        factor = self.unnamed_party_factor
        shown = ", ".join(f"“{p.short_names[0] if p.short_names else p.name}”" for p in parties[:3])
        why = f"names none of the parties ({shown}{', …' if len(parties) > 3 else ''})"
        out = []
        for hit in hits:
            if hit.type == PARTIES_TYPE and not names_a_party(text[hit.start : hit.end], parties):
                score = round(hit.score * factor, 6)
                hit = replace(
                    hit, score=score, explanation=f"{hit.explanation}; {why} → × {factor:g}"
                )
            out.append(hit)
        return out

    def _labelled_spans(self, doc: Doc, hits: list[CueHit]) -> list[Span]:
        """One span per type and token range (the best-scored), with its attributes."""
        best: dict[tuple[str, int, int], tuple[Span, CueHit]] = {}
        for hit in hits:
            span = doc.char_span(hit.start, hit.end, label=hit.type, alignment_mode="expand")
            if span is None:
                continue
            key = (hit.type, span.start, span.end)
            if key not in best or hit.score > best[key][1].score:
                best[key] = (span, hit)
        text = doc_text(doc)
        # a section's values are read once per type: a section holds many of its type's spans
        scoped: dict[tuple[str, int, int], dict[str, Any]] = {}
        return [
            _labelled(span, hit, *self._attributes(doc, text, span, scoped))
            for span, hit in best.values()
        ]

    def _attributes(
        self,
        doc: Doc,
        text: str,
        span: Span,
        scoped: dict[tuple[str, int, int], dict[str, Any]] | None = None,
    ) -> tuple[dict[str, Any], list[str]]:
        """The span's attributes, and which of them it inherits: for a section-scoped type,
        what the span does not say is read from its section (a bare "service credits apply"
        refined by the credit table). `scoped` keeps the values read from each section."""
        values = extract_attributes(span.label_, text[span.start_char : span.end_char])
        clause_type = self.taxonomy.get(span.label_)
        scope = None
        if clause_type is not None and clause_type.attribute_scope == "section":
            scope = _section_scope(doc, span.start_char)
        if scope is None:
            return values, []
        where = (span.label_, *scope)
        scoped = {} if scoped is None else scoped
        if where not in scoped:
            scoped[where] = extract_attributes(span.label_, text[scope[0] : scope[1]])
        inherited = []
        for key, value in scoped[where].items():
            current = values.get(key)
            if value != current and (
                _unsaid(current) or (current is True and value and value is not True)
            ):
                values[key] = value
                inherited.append(key)
        return values, inherited

    def _title(self, sentences: list[_Sentence]) -> list[CueHit]:
        """The first title-like line of the front matter is the document's name."""
        end = _front_matter_end(sentences[0].span.doc) if sentences else 0
        for sentence in sentences:
            span = sentence.span
            if span.start_char >= end:
                break
            if looks_like_title(span.text, sentence.is_heading):
                why = "a short capitalised line naming a kind of document"
                score = self.title_score
                return [CueHit(TITLE_TYPE, span.start_char, span.end_char, score, why)]
        return []

    def _body_evidence(
        self, doc: Doc, sentences: list[_Sentence]
    ) -> dict[tuple[int, str], Evidence]:
        starts = [s.span.start_char for s in sentences]
        evidence: dict[tuple[int, str], Evidence] = defaultdict(Evidence)
        strings = doc.vocab.strings
        # Line breaks and runs of spaces inside a paragraph are layout, not punctuation:
        # phrases are matched on the tokens without them (a blank line between paragraphs
        # still stops a phrase), and patterns' `.{0,N}` gaps may cross them.
        flat, offsets = _without_layout_space(doc)
        for match_id, start, _end in self.phrases(flat):
            key = strings[match_id]
            negative = key.startswith(_NEGATIVE)
            type_id, phrase = key.lstrip(_NEGATIVE).split("|", 1)
            index = bisect.bisect_right(starts, offsets[start]) - 1
            bucket = evidence[(index, type_id)]
            if negative:
                bucket.add_negative(phrase, offsets[start])
            else:
                bucket.add_phrase(phrase, offsets[start])
        # Patterns read the text with whitespace runs folded (a text file's table columns
        # would use up their gaps), each match mapped back to the document's offsets.
        folding = FoldedSpaces(blank_long_runs(doc_text(doc)))
        text = folding.folded
        lowered = text.lower()
        same_offsets = lowered if len(lowered) == len(text) else None
        bounds = [
            (folding.to_folded(s.span.start_char), folding.to_folded(s.span.end_char))
            for s in sentences
        ]
        indexed = SentenceLiterals(lowered, bounds)
        for type_id, recognizer in self.patterns.items():
            for index, found, pattern in recognizer.find(text, same_offsets, indexed):
                evidence[(index, type_id)].add_pattern(pattern, folding.original(found))
        # A look-alike in another item of an enumeration run into the sentence is no doubt:
        # "Supplier (i) is duly organized …, and (ii) the Deliverables will not infringe" is
        # an authority and a quality warranty. The evidence is kept within the lead-in (whose
        # look-alikes speak for every item) and the items holding a cue.
        items: dict[int, list[tuple[int, int]]] = {}
        for key, bucket in evidence.items():
            if bucket.negatives_at and bucket.found_at:
                index = key[0]
                if index not in items:
                    items[index] = enumerated_items(sentences[index].span)
                if found := items[index]:
                    lead_in = (sentences[index].span.start_char, found[0][0])
                    with_cues = [
                        (a, b) for a, b in found if any(a <= o < b for o, _ in bucket.found_at)
                    ]
                    evidence[key] = bucket.within([lead_in, *with_cues])
        return evidence

    def _add_heading_evidence(
        self, sentences: list[_Sentence], evidence: dict[tuple[int, str], Evidence]
    ) -> None:
        """A section headed "Audit" makes its sentences likelier audit clauses: every body
        sentence under such a heading is a hit, with or without a body cue (reviewers
        read the section as a whole); a heading further up only strengthens body cues."""
        cache: dict[tuple[str, ...], list[tuple[str, str, bool]]] = {}
        named: dict[str, dict[str, str]] = {}  # a heading -> the types it names, by cue
        for index, sentence in enumerate(sentences):
            path = sentence.heading_path
            if path not in cache:
                cache[path] = self._heading_matches(path, named)
            for type_id, cue, own in cache[path]:
                if own or (index, type_id) in evidence:
                    bucket = evidence[(index, type_id)]
                    bucket.heading, bucket.heading_is_own = cue, own

    def _heading_matches(
        self, path: tuple[str, ...], named: dict[str, dict[str, str]]
    ) -> list[tuple[str, str, bool]]:
        """`(type, cue, own)` for each type a heading on the path names; `own` when it is
        the nearest heading with a title (a bare "5.2" or "(a)" above it does not count).
        `named` keeps what each heading names: the paths of a contract share their headings."""
        titled = [heading for heading in reversed(path) if _has_title(heading)]
        for heading in titled:
            if heading not in named:
                named[heading] = {
                    type_id: cue
                    for type_id, recognizer in self.headings.items()
                    if (cue := recognizer.match(heading))
                }
        matches = []
        for type_id in self.headings:
            for depth, heading in enumerate(titled):
                if cue := named[heading].get(type_id):
                    matches.append((type_id, cue, depth == 0))
                    break
        return matches

    def _cue_hits(
        self,
        sentences: list[_Sentence],
        evidence: dict[tuple[int, str], Evidence],
        units: list[Unit],
    ) -> tuple[list[CueHit], dict[tuple[str, int, int], CueHit | None]]:
        """Every sentence a cue fired on, scored by its evidence; weak ones too (`_scored`
        drops them for cue-only types, but a weak cue can still lift a unit the classifier
        likes). And the cues of each sentence unit (of `units`) that is a part of such a
        sentence: `(type, start, end)` -> the hit its own share of the evidence makes, None
        when it has none. A list run into one sentence ("… shall: (a) return all equipment;
        (b) cooperate …; (c) erase all data …") is several units, and the erasure cue of (c)
        says nothing about (a) and (b); the heading above them and the list's lead-in
        ("Supplier warrants that:") speak for all."""
        hits = []
        parts: dict[tuple[str, int, int], CueHit | None] = {}
        unit_starts = [unit.start for unit in units]
        front_matter_end = _front_matter_end(sentences[0].span.doc) if sentences else 0
        for (index, type_id), bucket in sorted(evidence.items()):
            sentence = sentences[index]
            if not (bucket.has_body_cue or bucket.heading_is_own):
                continue
            if type_id in self.phrase_types:  # a title is a heading; a name is front matter
                if sentence.span.start_char >= front_matter_end:
                    continue
            elif sentence.is_heading:
                continue
            span = sentence.span
            hits.append(self._hit(type_id, span.start_char, span.end_char, bucket))
            if type_id in self.phrase_types or not bucket.has_body_cue:
                continue  # a name or date is read from its sentence; a heading speaks for all
            first = bisect.bisect_left(unit_starts, span.start_char)
            leads: list[tuple[int, int]] = []  # the parts before that end in a colon
            for unit in units[first : bisect.bisect_left(unit_starts, span.end_char)]:
                if unit.kind != SENTENCE or unit.end > span.end_char:
                    continue
                if (unit.start, unit.end) == (span.start_char, span.end_char):
                    continue
                own = bucket.within([*leads, (unit.start, unit.end)])
                if unit.text.rstrip().endswith(":"):
                    leads.append((unit.start, unit.end))
                if (own.found_at, own.negatives_at) == (bucket.found_at, bucket.negatives_at):
                    continue  # every cue and look-alike of the sentence is in this part
                parts[(type_id, unit.start, unit.end)] = (
                    self._hit(type_id, unit.start, unit.end, own)
                    if own.has_body_cue or own.heading_is_own
                    else None
                )
        return hits, parts

    def _hit(self, type_id: str, start: int, end: int, evidence: Evidence) -> CueHit:
        """The cue hit `evidence` makes of the text from `start` to `end`."""
        return CueHit(
            type_id,
            start,
            end,
            evidence.score(self.cue_weights),
            evidence.explain(),
            heading_only=not evidence.has_body_cue,
        )


# An enumerator opening an item inside a sentence: "(i)", "(b)", "(2)" after a space,
# not a cross-reference's "2(a)".
_ENUMERATOR = re.compile(r"(?<![^\s,;:])\((x|ix|iv|v?i{1,3}|v|[a-h]|\d{1,2})\)\s")


def _ordinal(enumerator: str) -> int:
    """1 for "1", "i" or "a"; a letter that is also a Roman numeral reads as the numeral."""
    if enumerator.isdigit():
        return int(enumerator)
    return roman_value(enumerator) or ord(enumerator) - ord("a") + 1


def enumerated_items(sentence: Span) -> list[tuple[int, int]]:
    """The document offsets of the items of an enumeration run into `sentence` ("(i) …, (ii)
    …, and (iii) …"): enumerators counting up from one, at least two of them; [] otherwise
    (a lone "(b)" is a cross-reference). The last item runs to the sentence's end."""
    text = sentence.text.lower()
    starts: list[int] = []
    for match in _ENUMERATOR.finditer(text):
        value = _ordinal(match.group(1))
        if value == len(starts) + 1:
            starts.append(match.start())
        elif value == 1:  # a new enumeration: (a), (b), then (i), (ii) inside (b)
            starts = [match.start()]
    if len(starts) < 2:
        return []
    base = sentence.start_char
    return [(base + a, base + b) for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def _without_layout_space(doc: Doc) -> tuple[Doc, list[int]]:
    """`doc`'s tokens without its whitespace tokens but those holding a blank line (a Doc
    built from words: no second tokenizer pass), and each kept token's character offset."""
    # Token attributes as arrays: a Token object per word cost more than the matching itself.
    columns = doc.to_array([IDX, LENGTH, IS_SPACE]).reshape(-1, 3)
    text = doc_text(doc)
    kept = np.ones(len(columns), dtype=bool)
    for i in np.flatnonzero(columns[:, 2]):
        start = int(columns[i, 0])
        kept[i] = text.count("\n", start, start + int(columns[i, 1])) >= 2
    starts = columns[kept, 0].tolist()
    if kept.all():
        return doc, starts
    words = [text[s : s + n] for s, n in zip(starts, columns[kept, 1].tolist(), strict=True)]
    return Doc(doc.vocab, words=words, spaces=[False] * len(words)), starts


def _unsaid(value: Any) -> bool:
    return value is None or value is False or value == []


def _section_scope(doc: Doc, offset: int) -> tuple[int, int] | None:
    """Where the top-level section holding `offset` lies, or its clause when the section is
    too long to be one clause's terms."""
    outline = doc._.outline
    if outline is None:
        return None
    for section in outline.top:
        if section.start <= offset < section.end:
            if section.end - section.start <= MAX_SECTION_SCOPE:
                return section.start, section.end
            break
    clause = outline.clause_at(offset)
    return (clause.start, clause.end) if clause is not None else None


def _labelled(span: Span, hit: CueHit, attributes: dict[str, Any], inherited: list[str]) -> Span:
    values = {
        "clause_type": hit.type,
        "score": hit.score,
        "attributes": attributes,
        "inherited_attributes": inherited,
        "explanation": hit.explanation,
        "sources": hit.sources or {"cues": hit.score},
    }
    set_span_values(span, SPAN_KEY, values)
    return span


def _sentences_with_context(doc: Doc) -> list[_Sentence]:
    """Each sentence with the heading path of the clause it sits in (from the outline
    that `contractkit_segmenter` left on the Doc)."""
    outline = doc._.outline
    text = doc_text(doc)  # a slice of it is `span.text`, without a Python object per token
    out = []
    for sent in _sentences(doc):
        clause = outline.clause_at(sent.start_char) if outline is not None else None
        path = clause.heading_path if clause is not None else ()
        section = clause.section if clause is not None else None
        heading = _is_heading(text[sent.start_char : sent.end_char], path)
        out.append(_Sentence(sent, path, section or None, heading))
    return out


def _sentences(doc: Doc) -> list[Span]:
    """`doc.sents`, read from the sentence-start array: `doc.sents` builds every token as a
    Python object, a fifth of the detector's time on a long contract."""
    starts = np.flatnonzero(doc.to_array("SENT_START").astype(np.int64) == 1).tolist()
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    return [Span(doc, a, b) for a, b in zip(starts, [*starts[1:], len(doc)], strict=True) if b > a]


def _has_title(heading: str) -> bool:
    return any(w.isalpha() and w.lower() not in _NUMBERING_WORDS for w in _WORD.findall(heading))


def _is_heading(sentence: str, path: tuple[str, ...]) -> bool:
    """A sentence that is (part of) its section's heading, e.g. "ARTICLE VI" of
    "ARTICLE VI SUPPORT": evidence for the section, not a clause of its own."""
    words = " ".join(sentence.split()).rstrip(".: ")
    return bool(words) and any(words in " ".join(h.split()) for h in path[-2:])


def _front_matter_end(doc: Doc) -> int:
    """Where the cover page ends: names and dates are read only before it."""
    outline = doc._.outline
    numbered = [s.start for s in outline.sections if s.number] if outline is not None else []
    return min([FRONT_MATTER_CHARS, *numbered[:1]])


@Language.factory(
    "contractkit_clause_detector",
    default_config={
        "taxonomy_path": None,
        "threshold": DEFAULT_THRESHOLD,
        "classifier": True,
        "classifier_path": None,
        "it_classifier": True,
        "it_classifier_path": None,
        "best_unit_presence": BEST_UNIT_PRESENCE,
        # the cue recognisers' noisy-OR weights (recognizers.CueWeights)
        "heading_weight": SHIPPED_CUES.heading,
        "ancestor_heading_weight": SHIPPED_CUES.ancestor_heading,
        "phrase_weight": SHIPPED_CUES.phrase,
        "pattern_weight": SHIPPED_CUES.pattern,
        "max_body_cues": SHIPPED_CUES.max_body_cues,
        "negative_factor": SHIPPED_CUES.negative_factor,
        "title_score": TITLE_SCORE,
        # how classifier and cues combine (blend.BlendWeights)
        "cue_boost": SHIPPED.boost,
        "cue_floor": SHIPPED.floor,
        "heading_cue_floor": SHIPPED.heading_floor,
        "min_shared": SHIPPED.min_shared,
        "min_clause_words": SHIPPED.min_clause_words,
        "running_line_repeats": SHIPPED.running_line_repeats,
        # score a classifier's units by its span ranker (span_ranker.py), when it has one
        "span_ranker": True,
        # the share of its score a `parties` unit naming none of the parties keeps
        "unnamed_party_factor": UNNAMED_PARTY_FACTOR,
    },
)
def make_clause_detector(
    nlp: Language,
    name: str,
    taxonomy_path: str | None,
    threshold: float,
    classifier: bool,
    classifier_path: str | None,
    it_classifier: bool,
    it_classifier_path: str | None,
    best_unit_presence: float,
    heading_weight: float,
    ancestor_heading_weight: float,
    phrase_weight: float,
    pattern_weight: float,
    max_body_cues: int,
    negative_factor: float,
    title_score: float,
    cue_boost: float,
    cue_floor: float,
    heading_cue_floor: float,
    min_shared: float,
    min_clause_words: int,
    running_line_repeats: int,
    span_ranker: bool,
    unnamed_party_factor: float,
) -> ClauseDetector:
    """`classifier=False` detects with the cue recognisers alone (no model at all);
    `classifier_path` swaps the packaged CUAD model for another one (e.g. a cross-validation
    fold's), `it_classifier_path` the packaged IT-types model; `it_classifier=False` leaves
    the IT types to the cues; `span_ranker=False` keeps the blended scores of a classifier's
    units instead of its span ranker's; `unnamed_party_factor=1` leaves `parties` units that name
    no party as scored. The weights are data: `make_pipeline(detector={"cue_floor":
    0.5})`, and `nlp.config` shows the ones a pipeline runs with."""
    models = []
    if classifier:
        models.append(_model(classifier_path, None))
        if it_classifier:
            models.append(_model(it_classifier_path, IT_MODEL_NAME))
    cue_weights = CueWeights(
        heading_weight,
        ancestor_heading_weight,
        phrase_weight,
        pattern_weight,
        max_body_cues,
        negative_factor,
    )
    return ClauseDetector(
        nlp,
        load_taxonomy(taxonomy_path),
        threshold,
        models,
        best_unit_presence,
        cue_weights,
        BlendWeights(
            cue_boost,
            cue_floor,
            heading_cue_floor,
            min_shared,
            min_clause_words,
            running_line_repeats,
        ),
        title_score,
        span_ranker,
        unnamed_party_factor,
    )


def _model(path: str | None, packaged: str | None) -> ClauseClassifier:
    if path:
        return ClauseClassifier.from_disk(Path(path))
    return load_classifier(packaged) if packaged else load_classifier()
