"""Hostile text costs time in proportion to its length (issue 20).

Each case times the whole analysis of a text and of the same text four times as long, and
compares the two: a linear stage gives about 4x, a quadratic one 16x. The ratio, not a
duration, is asserted, so a slow or busy machine does not fail it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from contractkit import load
from contractkit.nlp import make_pipeline
from contractkit.scan import analyze_document

GROWTH = 4
# Linear gives ~4 (less, with the fixed costs); quadratic gives 16.
MAX_RATIO = 9


@pytest.fixture(scope="module")
def nlp():
    return make_pipeline()


def _seconds(nlp, path: Path) -> float:
    document = load(path)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        analyze_document(document, nlp=nlp)
        best = min(best, time.perf_counter() - start)
    return best


HOSTILE = {
    # spaCy peels prefixes off one at a time: quadratic in the run's length before the fix
    "nested parentheses": lambda n: "The Supplier shall " + "(" * n + "x" + ")" * n + " deliver.",
    "a duration repeated": lambda n: "The warranty period is " + "twelve (12) months " * (n // 10),
    "one long word": lambda n: "Licence key: " + "A1b2" * (n // 2) + ".",
    "a blank for a date": lambda n: "Dated " + "_" * n + ", 2019.",
    "spaced blanks": lambda n: "Dated this " + "_ " * (n // 2) + "day of June, 2019.",
    "a run of digits": lambda n: "The fee is USD " + "9" * n + " per month.",
    "a run of dots": lambda n: "Table of contents " + "." * n + " 12",
    "capitalised words": lambda n: "This " + "Master " * (n // 7) + "Agreement is made.",
    "nested quotes": lambda n: "The term " + "“" * n + "Services" + "”" * n + " means.",
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_text_takes_time_in_proportion_to_its_length(nlp, tmp_path, case):
    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text(HOSTILE[case](5_000))
    large.write_text(HOSTILE[case](5_000 * GROWTH))
    _seconds(nlp, small)  # warm-up: models and caches
    ratio = _seconds(nlp, large) / _seconds(nlp, small)
    assert ratio < MAX_RATIO, f"{case}: {GROWTH}x the text took {ratio:.1f}x the time"


def test_long_runs_keep_every_character(nlp):
    text = "  lead " + "(" * 1200 + "y" + ")" * 1200 + "  end\n\nx" + "z" * 600
    assert nlp.make_doc(text).text == text


def test_a_contract_gets_spacys_own_tokens_whatever_was_read_before():
    """The tokenizer first splits each chunk it has not seen on its own, to fill spaCy's
    cache: the tokens must still be those spaCy's tokenizer gives the whole text, for the
    first contract and those after it, special cases ("Inc.", "e.g.", "don't") included."""
    import spacy

    import contractkit

    plain = spacy.blank("en").tokenizer
    reader = make_pipeline(detect=False)
    samples = Path(__file__).resolve().parents[1] / "sample_contracts"
    texts = [
        "Acme Inc. and Widget Co. (e.g. the U.S. office) don't agree; see Sec. 4(a)-(c).",
        *(contractkit.load(p, engine="pdfium").text for p in sorted(samples.glob("[!s]*.pdf"))),
        "Acme Inc. and Widget Co. (e.g. the U.S. office) don't agree; see Sec. 4(a)-(c).",
    ]
    for text in texts:
        tokens = [(t.text, t.whitespace_) for t in reader.make_doc(text)]
        assert tokens == [(t.text, t.whitespace_) for t in plain(text)]
