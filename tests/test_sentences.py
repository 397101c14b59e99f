"""Sentences in legal text, and the spaCy pipeline that puts sentences and clauses on a Doc.

The sentence rules (see `contractkit.segment.sentences`) are shown here case by case on
text that trips general-purpose splitters.
"""

from __future__ import annotations

from importlib.metadata import entry_points

import pytest
import spacy

from contractkit.model import Document
from contractkit.nlp import MAX_LENGTH, make_doc, make_pipeline, pipe, to_spacy
from contractkit.segment import register_extensions
from contractkit.segment.sentences import (
    SentenceSegmenter,
    make_sentence_segmenter,
    sentence_spans,
)


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Abbreviations do not end sentences.
        (
            "As set out in Sec. 2 of the Agreement, i.e. the Services, e.g. hosting. Next one.",
            [
                "As set out in Sec. 2 of the Agreement, i.e. the Services, e.g. hosting.",
                "Next one.",
            ],
        ),
        (
            "Purchase Order No. 5 applies. It is final.",
            ["Purchase Order No. 5 applies.", "It is final."],
        ),
        (
            "See Smith v. Jones for the rule. It binds.",
            ["See Smith v. Jones for the rule.", "It binds."],
        ),
        ("Under Art. 28 GDPR the processor acts.", ["Under Art. 28 GDPR the processor acts."]),
        # Names that may or may not end a sentence: the next word decides.
        ('Acme Inc. (the "Supplier") agrees.', ['Acme Inc. (the "Supplier") agrees.']),
        (
            "Delivered to Acme Inc. The price is fixed.",
            ["Delivered to Acme Inc.", "The price is fixed."],
        ),
        ("Acme Co. Ltd. shall deliver.", ["Acme Co. Ltd. shall deliver."]),
        ("The U.S. Government has rights.", ["The U.S. Government has rights."]),
        (
            "It is governed by U.S. law. The courts decide.",
            ["It is governed by U.S. law.", "The courts decide."],
        ),
        (
            "Under 15 U.S.C. § 1 et seq. The Vendor complies.",
            ["Under 15 U.S.C. § 1 et seq.", "The Vendor complies."],
        ),
        ("Signed by John A. Smith today.", ["Signed by John A. Smith today."]),
        (
            "Attached as Exhibit A. The exhibit is final.",
            ["Attached as Exhibit A.", "The exhibit is final."],
        ),
        # Numbers that open clauses are not sentence ends; numbers that close them are.
        (
            "1. Services. The Supplier provides them.",
            ["1. Services.", "The Supplier provides them."],
        ),
        ("Section 2.1. Term. It starts today.", ["Section 2.1. Term.", "It starts today."]),
        ("ARTICLE IV. CONFIDENTIALITY", ["ARTICLE IV. CONFIDENTIALITY"]),
        (
            "This is described in Section 5. The Vendor agrees.",
            ["This is described in Section 5.", "The Vendor agrees."],
        ),
        (
            "The fees are set out in Clause 5. Licensee shall pay them.",
            ["The fees are set out in Clause 5.", "Licensee shall pay them."],
        ),
        (
            "The fee is $5.00 per unit, or 10.5% a year.",
            ["The fee is $5.00 per unit, or 10.5% a year."],
        ),
        # Lists inside a sentence stay one sentence.
        (
            "The Vendor shall (a) deliver the goods; (b) install them; and (c) train staff.",
            ["The Vendor shall (a) deliver the goods; (b) install them; and (c) train staff."],
        ),
        (
            "The Vendor shall:\n(a) deliver the goods;\n(b) install them; and\n(c) train staff.",
            [
                "The Vendor shall:",
                "(a) deliver the goods;\n(b) install them; and\n(c) train staff.",
            ],
        ),
        # Items that follow a sentence end start a sentence.
        (
            "1.1 Scope. (a) Provider agrees to provide the Services. (b) Recipient may assign.",
            [
                "1.1 Scope.",
                "(a) Provider agrees to provide the Services.",
                "(b) Recipient may assign.",
            ],
        ),
        # A blank line always ends a sentence; a heading line is a sentence of its own.
        (
            "The Vendor shall pay\n\nwithin thirty days",
            ["The Vendor shall pay", "within thirty days"],
        ),
        (
            "GOVERNING LAW\nThis Agreement is governed by English law.",
            ["GOVERNING LAW", "This Agreement is governed by English law."],
        ),
        (
            "12.2 Audit Rights\nThe Customer may audit. It pays.",
            ["12.2 Audit Rights", "The Customer may audit.", "It pays."],
        ),
        # A sentence wrapped over lines is one sentence.
        (
            "The Supplier shall deliver the Products within\n30 days after the order.",
            ["The Supplier shall deliver the Products within\n30 days after the order."],
        ),
        ('He said "stop." Then he left.', ['He said "stop."', "Then he left."]),
        ("Is it late? Yes! It is.", ["Is it late?", "Yes!", "It is."]),
    ],
)
def test_sentence_boundaries(text, expected):
    assert sentences(text) == expected


def test_no_text_no_sentences():
    assert sentence_spans("") == []
    assert sentence_spans("  \n\n ") == []


# -- spaCy components -------------------------------------------------------------------


def test_the_factories_are_registered_and_declared():
    assert "contractkit_sentences" in spacy.registry.factories
    assert "contractkit_segmenter" in spacy.registry.factories
    declared = {e.name: e.value for e in entry_points(group="spacy_factories")}
    assert declared["contractkit_sentences"] == (
        "contractkit.segment.sentences:make_sentence_segmenter"
    )
    assert isinstance(make_sentence_segmenter(spacy.blank("en"), "s"), SentenceSegmenter)


def test_the_sentence_component_in_a_blank_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("contractkit_sentences")
    doc = nlp("Acme Inc. shall deliver. See Sec. 4 for details.\n\nGOVERNING LAW\nEnglish law.")
    assert [s.text.strip() for s in doc.sents] == [
        "Acme Inc. shall deliver.",
        "See Sec. 4 for details.",
        "GOVERNING LAW",
        "English law.",
    ]


def test_the_pipeline():
    nlp = make_pipeline()
    assert nlp.pipe_names == [
        "contractkit_sentences",
        "contractkit_segmenter",
        "contractkit_clause_detector",
    ]
    assert make_pipeline(detect=False).pipe_names == nlp.pipe_names[:2]
    assert nlp.max_length == MAX_LENGTH > 1_000_000


TEXT = """SUPPLY AGREEMENT

1. Definitions

1.1 "Products" means the goods in Schedule 1.

2. Audit

2.1 Audit Rights. The Customer may audit the Supplier. Audits take place once a year.

(a) The Supplier shall keep records.
"""


@pytest.fixture(scope="module")
def doc() -> spacy.tokens.Doc:
    return to_spacy(Document(path=None, engine="text", pages=[], text=TEXT))


def test_clauses_and_sections_are_span_groups(doc):
    clauses = doc.spans["clauses"]
    assert [span.text.split("\n")[0][:20] for span in clauses] == [
        "SUPPLY AGREEMENT",
        "1. Definitions",
        '1.1 "Products" means',
        "2. Audit",
        "2.1 Audit Rights. Th",
        "(a) The Supplier sha",
    ]
    audit = clauses[4]
    assert (audit._.kind, audit._.number) == ("body", "2.1")
    assert audit._.heading_path == ("2. Audit", "2.1 Audit Rights")
    assert clauses[2]._.kind == "definition"
    sections = doc.spans["sections"]
    assert [s._.kind for s in sections] == [
        "preamble",
        "definitions",
        "clause",
        "section",
        "clause",
        "clause",
    ]


def test_a_section_and_a_clause_with_the_same_extent_keep_their_own_kind(doc):
    item_section = next(s for s in doc.spans["sections"] if s._.number == "(a)")
    item_clause = next(c for c in doc.spans["clauses"] if c._.number == "(a)")
    assert (item_section.start_char, item_section.end_char) == (
        item_clause.start_char,
        item_clause.end_char,
    )
    assert (item_section._.kind, item_clause._.kind) == ("clause", "list_item")


def test_sentences_stay_inside_clauses(doc):
    clause_bounds = {(c.start, c.end) for c in doc.spans["clauses"]}
    for sent in doc.sents:
        if not sent.text.strip():
            continue
        assert any(start <= sent.start and sent.end <= end + 1 for start, end in clause_bounds)
    texts = [s.text.strip() for s in doc.sents]
    assert "The Customer may audit the Supplier." in texts


def test_the_layout_document_rides_on_the_doc(doc):
    assert doc._.document.text == doc.text
    assert doc._.outline.clauses[0].text == "SUPPLY AGREEMENT"


def test_a_doc_without_a_document_is_segmented_from_its_text():
    nlp = make_pipeline()
    doc = nlp("1. Term. This Agreement lasts one year.\n\n2. Fees. The fee is fixed.")
    assert [c._.number for c in doc.spans["clauses"]] == ["1", "2"]


def test_a_document_that_does_not_match_the_doc_is_refused():
    nlp = make_pipeline()
    doc = nlp.make_doc("Some text.")
    doc._.document = Document(path=None, engine="text", pages=[], text="Other text.")
    with pytest.raises(ValueError, match="differs"):
        nlp(doc)


def test_batches_go_through_nlp_pipe():
    nlp = make_pipeline()
    documents = [
        Document(path=None, engine="text", pages=[], text=f"{n}. Clause {n}. Text {n}.")
        for n in (1, 2, 3)
    ]
    docs = list(pipe(documents, nlp))
    assert [d.spans["clauses"][0]._.number for d in docs] == ["1", "2", "3"]
    assert all(d._.document is original for d, original in zip(docs, documents, strict=True))
    again = list(nlp.pipe(make_doc(d, nlp) for d in documents))
    assert len(again) == 3


def test_extensions_register_once():
    register_extensions()
    register_extensions()  # a second call is harmless
    assert spacy.tokens.Doc.has_extension("document")
    assert spacy.tokens.Span.has_extension("heading_path")
