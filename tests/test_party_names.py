"""The parties a contract introduces on its first page, and what the detector does with them.

The preambles are real wordings from CUAD contracts (shortened); the detector discounts a
`parties` span that names none of them, because CUAD's reviewers mark the names.
"""

from __future__ import annotations

import pytest

from contractkit.detect.party_names import names_a_party, party_names
from contractkit.detect.pipeline import SPAN_KEY
from contractkit.ingest.text_engine import read_text
from contractkit.limits import Deadline
from contractkit.nlp import make_pipeline, to_spacy

JOINT_VENTURE = (
    "JOINT VENTURE AGREEMENT\n\n"
    'Collectible Concepts Group, Inc. ("CCGI") and Pivotal Self Service Tech, Inc. ("PVSS"), '
    '(the "Parties" or "Joint Venturers" if referred to collectively), by this Agreement '
    "associate themselves as business associates, and not as partners, in the formation of a "
    'joint venture (the "Joint Venture").\n\n'
)
SUPPLY = (
    "SUPPLY AGREEMENT\n\n"
    "This Supply Agreement is made between Halvorsen Technik GmbH, a limited liability company\n"
    "incorporated under the laws of Germany (the “Supplier”), and Nordlicht Versicherung AG, a\n"
    "stock corporation (the “Customer”).\n\n"
)


def test_names_and_their_short_names_are_read_from_the_first_page():
    found = {p.name: p.short_names for p in party_names(JOINT_VENTURE, 3000)}
    assert found == {
        "Collectible Concepts Group, Inc.": ("CCGI",),
        "Pivotal Self Service Tech, Inc.": ("PVSS",),
    }


def test_a_name_may_run_over_a_line_break_and_each_party_is_found_once():
    text = SUPPLY + "Halvorsen Technik GmbH shall deliver the Products.\n\n"
    parties = party_names(text, 3000)
    assert [(p.name, p.short_names) for p in parties] == [
        ("Halvorsen Technik GmbH", ("Supplier",)),
        ("Nordlicht Versicherung AG", ("Customer",)),
    ]
    where = parties[1]
    assert text[where.start : where.end] == "Nordlicht Versicherung AG"


def test_names_past_the_first_page_are_not_parties():
    late = "x" * 3000 + " Acme Widgets Corporation (the “Reseller”)"
    assert party_names(late, 3000) == []


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("PVSS shall market the Products in the Territory.", "PVSS"),
        ("The parties shall meet annually to review the business plan.", None),
    ],
)
def test_a_sentence_names_a_party_by_its_name_or_short_name(sentence, named):
    assert names_a_party(sentence, party_names(JOINT_VENTURE, 3000)) == named


def _parties_spans(nlp, text: str) -> dict[str, tuple[float, str]]:
    doc = to_spacy(read_text("<test>", text.encode(), None, 1, Deadline(None, "<test>")), nlp)
    return {
        " ".join(s.text.split()): (s._.score, s._.explanation)
        for s in doc.spans[SPAN_KEY]
        if s.label_ == "parties"
    }


def test_a_parties_span_naming_no_party_is_discounted_and_says_why():
    text = SUPPLY + (
        "1. MEETINGS\n\nThe parties shall meet once a quarter. Each of the parties shall "
        "appoint a representative for such meetings.\n\n"
        "2. TERM\n\nThis Agreement shall continue for two (2) years.\n\n"
    )
    kept = _parties_spans(make_pipeline(detector={"unnamed_party_factor": 1.0}), text)
    discounted = _parties_spans(make_pipeline(detector={"unnamed_party_factor": 0.25}), text)
    shipped = _parties_spans(make_pipeline(), text)
    preamble = next(t for t in kept if t.startswith("This Supply Agreement"))
    assert discounted[preamble] == kept[preamble]  # it names both parties
    unnamed = [t for t in kept if "Halvorsen" not in t and "Nordlicht" not in t]
    assert unnamed, kept  # "the parties" sentences are candidates of the type
    for t in unnamed:
        score, why = discounted[t]
        assert score == pytest.approx(kept[t][0] * 0.25, abs=1e-6)
        assert "names none of the parties (“Supplier”, “Customer”)" in why
        assert shipped[t][0] < kept[t][0]


@pytest.mark.parametrize(
    ("preamble", "parties"),
    [
        pytest.param(  # no company form: the name "between" introduces, up to its comma
            "This Consulting Agreement is entered into between Aduro Biotech, Inc., a Delaware "
            'corporation ("Aduro"), and Jane Roe, an individual residing in Amsterdam '
            '("Consultant").',
            {"Aduro Biotech, Inc.": ("Aduro",), "Jane Roe": ("Consultant",)},
            id="a party without a company form",
        ),
        pytest.param(  # "a New York Corporation" describes YourNetPlus.com, Inc.
            "This Agreement is between YourNetPlus.com, Inc., a New York Corporation "
            '("Provider"), and Acme Widgets LLC, a Delaware limited liability company '
            '("Customer").',
            {"YourNetPlus.com, Inc.": ("Provider",), "Acme Widgets LLC": ("Customer",)},
            id="what a party is, not its name",
        ),
        pytest.param(
            'entered into between Acme Hosting Ltd ("Supplier") and Buyer plc ("Customer").',
            {"Acme Hosting Ltd": ("Supplier",), "Buyer plc": ("Customer",)},
            id="a role right after the name",
        ),
    ],
)
def test_each_party_is_read_with_the_role_it_is_given(preamble, parties):
    assert {p.name: p.short_names for p in party_names(preamble, 3000)} == parties
