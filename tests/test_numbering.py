"""List-numbering arithmetic shared by the Word engine and the outline."""

from __future__ import annotations

import pytest

from contractkit.numbering import (
    continues,
    letter_before,
    letters,
    number_key,
    predecessors,
    roman,
    roman_value,
)


@pytest.mark.parametrize(
    ("value", "numeral"),
    [(1, "i"), (4, "iv"), (9, "ix"), (14, "xiv"), (39, "xxxix"), (1994, "mcmxciv")],
)
def test_roman_both_ways(value, numeral):
    assert roman(value) == numeral
    assert roman(value, upper=True) == numeral.upper()
    assert roman_value(numeral, maximum=4000) == value
    assert roman_value(numeral.upper(), maximum=4000) == value


@pytest.mark.parametrize("token", ["iiii", "vx", "ab", "", "xl", "c", "l"])
def test_not_a_list_roman_numeral(token):
    # written the unusual way, not Roman at all, or past what contract lists count to
    assert roman_value(token) is None


def test_letters_and_the_letter_before():
    assert [letters(n) for n in (1, 26, 27, 28)] == ["a", "z", "aa", "bb"]
    assert letters(4, upper=True) == "D"
    assert letter_before("i") == "h" and letter_before("X") == "W"


@pytest.mark.parametrize(
    ("number", "key"),
    [("1.1.", "1.1"), ("b)", "(b)"), ("b.", "(b)"), ("(iv)", "(iv)"), ("12.2(a)", "12.2(a)")],
)
def test_number_key(number, key):
    assert number_key(number) == key


@pytest.mark.parametrize(
    ("key", "before"),
    [
        ("1", [None]),
        ("3", ["2"]),
        ("1.2", ["1.1"]),
        ("(a)", [None]),
        ("(c)", ["(b)"]),
        ("(i)", [None, "(h)"]),
        ("(v)", ["(iv)", "(u)"]),
        ("(IV)", ["(III)"]),
        ("(3)", ["(2)"]),
        ("12.5(d)", ["12.5(c)"]),
    ],
)
def test_predecessors(key, before):
    assert predecessors(key) == before


def test_continues():
    seen = {"(iv)", "1.1"}
    assert continues("(v)", seen) and continues("1.2", seen) and continues("(a)", seen)
    assert not continues("(vi)", seen) and not continues("1.3", seen)
