"""Explanations name the cues in words, not regular expressions (issue 18): each packaged
pattern by its hand-written label, a bare pattern (a user's taxonomy) by an automatic
reading of it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from contractkit.detect.cue_labels import readable_pattern
from contractkit.detect.taxonomy import MAX_LABEL_CHARS, load_taxonomy
from contractkit.nlp import make_pipeline

PACKAGED = Path(__file__).resolve().parents[1] / "contractkit" / "detect" / "taxonomy.yaml"
# a label ends with an example it matches: ("99.9% uptime"), or several: ("24x7", "24/7")
EXAMPLES = re.compile(r' \(("[^"]*"(?:, "[^"]*")*)\)$')


@pytest.fixture(scope="module")
def nlp():
    return make_pipeline()


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


def test_every_packaged_pattern_has_a_hand_written_label():
    taxonomy = load_taxonomy()
    labelled = 0
    for clause_type in taxonomy.values():
        cues = clause_type.cues
        assert len(cues.regex_labels) == len(cues.regex), clause_type.id
        for number, (pattern, label) in enumerate(
            zip(cues.regex, cues.regex_labels, strict=True), 1
        ):
            where = f"{clause_type.id} #{number}"
            assert label and len(label) <= MAX_LABEL_CHARS, where
            assert label != readable_pattern(pattern), where  # written, not generated
            labelled += 1
    assert labelled >= 200  # about 202 today; they are all there


def test_a_label_s_example_is_matched_by_its_pattern():
    """A label ending with an example, ("..."), says what the pattern really finds."""
    for clause_type in load_taxonomy().values():
        cues = clause_type.cues
        for number, (pattern, label) in enumerate(
            zip(cues.compiled_regex(), cues.regex_labels, strict=True), 1
        ):
            examples = EXAMPLES.search(label or "")
            for example in re.findall(r'"([^"]*)"', examples.group(1) if examples else ""):
                text = example.replace("…", " ")  # "…" stands for the words in a gap
                assert pattern.search(text), (f"{clause_type.id} #{number}", example)


def test_an_explanation_names_the_pattern_by_its_label_and_its_id(nlp):
    doc = nlp(
        "5. Acceptance\n\nThe Customer shall accept or reject each Deliverable within ten (10) "
        "business days of its delivery."
    )
    [why] = [s._.explanation for s in doc.spans["detected"] if s.label_ == "acceptance"][:1]
    assert 'pattern “a choice to accept or reject ("accept or reject")” (acceptance #3)' in why
    assert "\\b" not in why and "(?:" not in why


def test_a_detected_sla_clause_is_explained_by_the_hand_written_label(nlp):
    doc = nlp(
        "5. Service Levels\n\nThe Service shall be available 99.9% of the time in each "
        "calendar month."
    )
    [sla] = [s for s in doc.spans["detected"] if s.label_ == "sla"]
    assert sla._.explanation.endswith(
        'pattern “an availability percentage (80-99.x%), word first ("uptime of 99.5%")” (sla #2)'
    )


def test_a_taxonomy_of_bare_patterns_still_loads_detects_alike_and_reads_its_patterns(tmp_path):
    """A user's taxonomy written before labels (bare pattern strings) keeps working: the same
    cues fire with the same scores, and explanations read each pattern automatically."""
    bare = re.sub(
        r"- pattern: ('(?:[^']|'')*')\n\s+label: '(?:[^']|'')*'\n",
        r"- \1\n",
        PACKAGED.read_text(encoding="utf-8"),
    )
    assert "label:" not in bare
    path = tmp_path / "my_taxonomy.yaml"
    path.write_text(bare, encoding="utf-8")
    assert all(label is None for t in load_taxonomy(path).values() for label in t.cues.regex_labels)

    text = (
        "5. Acceptance\n\nThe Customer shall accept or reject each Deliverable within ten (10) "
        "business days of its delivery.\n\n6. Service Levels\n\nThe Service shall be "
        "available 99.9% of the time in each calendar month."
    )
    ours = make_pipeline(detector={"classifier": False})(text)
    theirs = make_pipeline(detector={"classifier": False, "taxonomy_path": str(path)})(text)
    hits = [(s.label_, s.start_char, s.end_char, s._.score) for s in ours.spans["detected"]]
    assert hits == [
        (s.label_, s.start_char, s.end_char, s._.score) for s in theirs.spans["detected"]
    ]
    [sla] = [s._.explanation for s in theirs.spans["detected"] if s.label_ == "sla"]
    reading = readable_pattern(load_taxonomy()["sla"].cues.regex[1])
    assert f"pattern “{reading}” (sla #2)" in sla
    assert reading == "availab/uptime … 8N %/percent/per cent"
