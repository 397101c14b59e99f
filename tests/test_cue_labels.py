"""Explanations name the cues in words, not regular expressions (issue 18)."""

from __future__ import annotations

import re

import pytest

from contractkit.detect.cue_labels import readable_pattern
from contractkit.detect.taxonomy import load_taxonomy
from contractkit.nlp import make_pipeline


@pytest.mark.parametrize(
    ("pattern", "reads"),
    [
        (r"\bdeemed\b.{0,40}\baccept\w*\b", "deemed … accept"),
        # the parser factors "res" out of the three words: they are put back together
        (r"\b(?:respond|response|resolve)\b.{0,60}\bwithin\b", "respond/response/resolve … within"),
        (
            r"\bwithin\s+\S+\s*(?:\(\d+\)\s*)?(?:business\s+|calendar\s+)?days?\b",
            "within … [business/calendar] days",
        ),
        (
            r"\b(?:approve|accept)\w*\s+or\s+(?:reject|decline)\w*",
            "approve/accept or reject/decline",
        ),
        (r"\b(?:one|two|three|four|five)\b", "one/two/three/…"),
    ],
)
def test_a_pattern_reads_as_the_words_it_looks_for(pattern, reads):
    assert readable_pattern(pattern) == reads


def test_every_shipped_pattern_has_a_reading_without_regex_syntax():
    syntax = re.compile(r"\\[bdswS]|\(\?|\{\d|\*|\+|\|")
    for clause_type in load_taxonomy().values():
        for pattern in clause_type.cues.compiled_regex():
            reading = readable_pattern(pattern.pattern)
            assert reading and not syntax.search(reading), (clause_type.id, reading)


def test_an_explanation_names_the_pattern_by_its_words_and_its_id():
    nlp = make_pipeline()
    doc = nlp(
        "5. Acceptance\n\nThe Customer shall accept or reject each Deliverable within ten (10) "
        "business days of its delivery."
    )
    [why] = [s._.explanation for s in doc.spans["detected"] if s.label_ == "acceptance"][:1]
    assert "pattern “" in why and "(acceptance #" in why
    assert "\\b" not in why and "(?:" not in why
