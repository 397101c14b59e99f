"""The CUAD gold reader of benchmarks/attribute_accuracy.py, and the places it found missing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import attribute_accuracy as aa

from contractkit.detect.attributes import extract_attributes

YEAR, MONTH = 365.25, 365.25 / 12


@pytest.mark.parametrize(
    ("answer", "days"),
    [
        ("successive 1 year", [YEAR]),
        ("three (3) years", [3 * YEAR]),
        ("60) days", [60]),
        ("180 days / 6 months", [180, 6 * MONTH]),
        ("2 successive 5 years", [5 * YEAR]),
        ("6 weeks", [42]),
    ],
)
def test_durations_are_read_from_the_answer_itself(answer, days):
    assert aa.gold_durations(answer) == pytest.approx(days)


@pytest.mark.parametrize("answer", ["", "perpetual", "7/22/2019; 7/22/2022", "successive [] years"])
def test_answers_without_a_duration_are_unreadable_and_count_as_wrong(answer):
    assert aa.gold_durations(answer) is aa.UNREADABLE
    assert aa.duration_rule(answer, 365) is aa.UNREADABLE
    tally = aa.Tally()
    tally.add(aa.duration_rule(answer, 365), "c", answer, 365)
    assert tally.figures()["accuracy"] == 0.0 and tally.figures()["unreadable_gold"] == 1


@pytest.mark.parametrize(
    ("answer", "places"),
    [
        ("Ontario, Canada", {"ontario"}),
        ("England; Wales", {"england and wales"}),
        ("England and Wales, UK", {"england and wales"}),
        ("Delaware, Illinois", {"delaware", "illinois"}),
        ("People's Republic of China; United Nations Convention on Contract for the", {"china"}),
        ("Republic of Kazakhstan", {"kazakhstan"}),
    ],
)
def test_places_are_read_from_the_answer_itself(answer, places):
    assert aa.gold_places(answer) == places


def test_a_rule_for_a_place_is_not_a_place():
    answer = (
        "THE STATE IN WHICH THE FRANCHISED RESTAURANT IS LOCATED; THE UNITED STATES TRADEMARK ACT"
    )
    assert aa.gold_places(answer) is aa.UNREADABLE and aa.gold_places("[* * *]") is aa.UNREADABLE


@pytest.mark.parametrize(
    ("clause", "answer"),
    [
        ("This Agreement shall be governed by the laws of Papua New Guinea.", "Papua New Guinea"),
        (
            "This Agreement is governed by the law of the Republic of Kazakhstan.",
            "Republic of Kazakhstan",
        ),
        ("This Agreement is governed by the laws of the State of New York.", "New York"),
    ],
)
def test_the_extractor_names_the_place_the_gold_answer_names(clause, answer):
    value = extract_attributes("governing_law", clause)["jurisdiction"]
    assert aa.governing_law_rule(answer, value) is True
    assert aa.governing_law_rule("Texas", value) is False
