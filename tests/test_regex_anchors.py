"""The cue patterns run only over sentences holding the literal words they cannot match
without (`regex_anchors`): what that skips must never hold a match."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from spacy.language import Language

import contractkit
from contractkit.detect.recognizers import PatternRecognizer
from contractkit.detect.regex_anchors import SentenceLiterals, required_literals
from contractkit.detect.taxonomy import load_taxonomy
from contractkit.nlp import default_pipeline

SAMPLES = Path(__file__).resolve().parents[1] / "sample_contracts"
RECOGNIZERS = [PatternRecognizer(t) for t in load_taxonomy().values()]
CUES = [cue for recognizer in RECOGNIZERS for cue in recognizer.patterns]


@pytest.mark.parametrize(
    ("pattern", "literal_sets"),
    [
        # a word spelt two ways is two literals; an optional word drops out of the literal
        (
            r"unauthori[sz]ed (?:data )?access",
            [
                {
                    "unauthorised data access",
                    "unauthorized data access",
                    "unauthorised access",
                    "unauthorized access",
                }
            ],
        ),
        # every branch of an alternation gives its own literals; a gap breaks the run
        (r"notif(?:y|ied)\b.{0,80}breach", [{"notified", "notify"}, {"breach"}]),
        # "hours" holds "hour": a text holding it holds the shorter one
        (r"within \d+ (?:hour|hours|days?)", [{"within "}, {" hour", " day"}]),
        # words shorter than three letters say too little to look for
        (r"\d+-\d+ %", []),
        # nothing is certain of a class, a case-insensitive group, or a branch without words
        (r"[a-z]+ed", []),
        (r"(?i:warranty) period", [{" period"}]),
        (r"(?:warrant|\d+) shall", [{" shall"}]),
    ],
)
def test_the_literals_every_match_must_hold(pattern: str, literal_sets: list[set[str]]) -> None:
    assert sorted(map(sorted, required_literals(pattern))) == sorted(map(sorted, literal_sets))


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(st.data())
def test_any_text_a_shipped_cue_matches_holds_its_literals(data: st.DataObject) -> None:
    cue = data.draw(st.sampled_from(CUES))
    text = data.draw(st.from_regex(cue.fast, fullmatch=True))
    for literals in cue.required:
        assert any(word in text for word in literals), (cue.name, text, literals)


def _sentence_texts(nlp: Language) -> list[tuple[str, list[tuple[int, int]]]]:
    texts = []
    for path in sorted(SAMPLES.glob("**/*.pdf")):
        if path.name.startswith("scanned"):  # no text layer: OCR is another test's
            continue
        document = contractkit.load(path, engine="pdfium", ocr=False)
        doc = nlp(document.text)
        texts.append((doc.text, [(s.start_char, s.end_char) for s in doc.sents]))
    return texts


class _EverySentence(SentenceLiterals):
    """The same search with nothing skipped: every sentence a candidate."""

    def candidates(self, required):  # type: ignore[no-untyped-def]
        return list(range(len(self.bounds)))


def test_skipping_sentences_without_the_literals_loses_no_cue_on_real_contracts() -> None:
    nlp = default_pipeline()
    matched = 0
    for text, bounds in _sentence_texts(nlp):
        lowered = text.lower()
        assert len(lowered) == len(text)
        for recognizer in RECOGNIZERS:
            skipping = list(recognizer.find(text, lowered, SentenceLiterals(lowered, bounds)))
            everywhere = list(recognizer.find(text, lowered, _EverySentence(lowered, bounds)))
            assert skipping == everywhere
            matched += len(skipping)
    assert matched > 100  # the samples do hold cues, so the comparison says something


def test_a_cue_is_searched_within_its_sentence_as_if_the_text_ended_there() -> None:
    (recognizer,) = [r for r in RECOGNIZERS if any(c.name.endswith("(sla #1)") for c in r.patterns)]
    text = "Availability. The Service will be available at 99.9% uptime. Fees are due monthly."
    lowered = text.lower()
    whole = SentenceLiterals(lowered, [(0, len(text))])
    cut = text.index(" uptime")  # as if a sentence ended inside "99.9% uptime"
    split = SentenceLiterals(lowered, [(0, cut), (cut, len(text))])
    assert any("sla #1" in name for _, _, name in recognizer.find(text, lowered, whole))
    assert not any("sla #1" in name for _, _, name in recognizer.find(text, lowered, split))


@settings(max_examples=300, deadline=None)
@example(text="bb", cuts=[(0, True), (1, True), (2, False)], literal="b")  # at a sentence start
@given(
    text=st.text(alphabet="ab .", max_size=60),
    cuts=st.lists(st.tuples(st.integers(0, 60), st.booleans()), max_size=12),
    literal=st.sampled_from(["a", "ab", "aa", "b a", "."]),
)
def test_the_sentences_holding_a_literal_are_those_where_an_occurrence_starts(text, cuts, literal):
    """Each sentence is searched to its end only once it holds the literal: the sentences
    found must be those in which some occurrence starts (one starting between two sentences
    counts for the one before), whatever the gaps and overlaps of the occurrences."""
    import bisect

    # sentences between consecutive cuts, some left out: adjacent ones and gaps both occur
    points = sorted({(min(c, len(text)), kept) for c, kept in cuts})
    bounds = [(a, b) for (a, kept), (b, _) in itertools.pairwise(points) if kept and a < b]
    starts = [start for start, _ in bounds]
    every = {
        bisect.bisect_right(starts, at) - 1
        for at in range(len(text))
        if text.startswith(literal, at)
    } - {-1}
    assert SentenceLiterals(text, bounds).holding(literal) == every
