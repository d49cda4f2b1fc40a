"""Number parsing: digits with separators, magnitudes and number words, with their spans."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.ingest.numbers import find_numbers, words_to_int


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("174,550", 174550),
        ("4 000", 4000),
        ("4\u00a0000", 4000),
        ("4\u2009000", 4000),
        ("31.000", 31000),
        ("60K", 60000),
        ("2.4K", 2400),
        ("1.2 million", 1200000),
        ("24.5 thousand", 24500),
        ("a quarter of a million", 250000),
        ("forty four", 44),
        ("forty-four", 44),
        ("three", 3),
        ("two hundred and five", 205),
        ("a dozen", 12),
        ("two dozen", 24),
        # a scale word's article is its one (so "more than" before it is its qualifier)
        ("a million", 1000000),
        ("a hundred and fifty", 150),
        # letters a case-insensitive pattern takes for ASCII ones, whose lower case is not
        # one ASCII letter (dotted capital I, long s, dotless i)
        ("2.4 m\u0130llion", 2400000),
        ("24.5 thou\u017fand", 24500),
        ("f\u0130ve", 5),
        ("a th\u0131rd of a million", 333333),
    ],
)
def test_value(text: str, value: int) -> None:
    """A number written any usual way parses to one value spanning the whole surface."""
    found = find_numbers(f"lost {text} tanks")
    assert [n.value for n in found] == [value]
    assert found[0].surface == text


def test_span_is_exact() -> None:
    """The span slices the text back to the surface."""
    text = "The army lost 1,077 tanks and 33 aircraft."
    for n in find_numbers(text):
        assert text[n.start : n.end] == n.surface


def test_range_gives_two_numbers() -> None:
    """A hyphenated range is two numbers, not one negative one."""
    assert [n.value for n in find_numbers("150,000-190,000")] == [150000, 190000]


def test_and_only_joins_after_a_scale() -> None:
    """ "one and two" are two numbers; "hundred and five" is one."""
    assert [n.value for n in find_numbers("one and two")] == [1, 2]


@pytest.mark.parametrize(("words", "value"), [("ninety-nine", 99), ("one thousand", 1000)])
def test_words_to_int(words: str, value: int) -> None:
    """Number words add up within a scale."""
    assert words_to_int(words) == value


def test_words_to_int_rejects_other_words() -> None:
    """A phrase with a non-number word has no value."""
    assert words_to_int("forty tanks") is None


# Pieces a text of numbers is made of: number words in any case (and with the characters
# that match a letter case-insensitively: "ſix", "İ"), fractions, dozens, digits with their
# separators and scales, and words that hold a number word's letters without being one.
_PIECES = [
    *("one", "Two", "SIX", "ſix", "forty", "fourteen", "nİne", "ninety", "hundred", "thousand"),
    *("million", "billion", "a", "an", "and", "half", "quarter", "third", "dozen", "of"),
    *("1", "12", "1,200", "4 000", "31.000", "2.4", "K", "k", "m", "mln", "lakh", "bn"),
    *(" ", " ", "-", ",", ".", "\n", "often", "none", "tanks", "Ten", "x"),
]


def _reference(text: str, start: int, end: int) -> list[tuple[int, int, int, str]]:
    """What find_numbers found before it skipped the word branches: every match of the whole
    pattern, read the same way."""
    import ledger.ingest.numbers as numbers

    found = []
    saved = numbers._DIGITS_RE
    numbers._DIGITS_RE = numbers.NUMBER_RE  # the whole pattern, whatever the text holds
    try:
        found = [(n.value, n.start, n.end, n.kind) for n in find_numbers(text, start, end)]
    finally:
        numbers._DIGITS_RE = saved
    return found


@given(
    st.lists(st.sampled_from(_PIECES), max_size=10).map(" ".join),
    st.integers(-3, 60),
    st.integers(-3, 60),
)
def test_the_digit_pattern_finds_what_the_whole_one_does(text: str, start: int, end: int) -> None:
    """A text without a number word is read with the digit branches alone: the same numbers,
    spans and kinds as the whole pattern finds, in any bounds."""
    got = [(n.value, n.start, n.end, n.kind) for n in find_numbers(text, start, end)]
    assert got == _reference(text, start, end)


@pytest.mark.parametrize(
    "phrase",
    [
        *sorted(__import__("ledger.ingest.numbers", fromlist=["_ALL_WORDS"])._ALL_WORDS),
        *("a dozen", "half a dozen", "a quarter of a million", "an eighth", "SIXTY-ſix"),
        *("sixteen", "seventy", "ninety", "a thousand", "1.2 million", "2,400"),
    ],
)
def test_every_number_word_is_read_as_before(phrase: str) -> None:
    text = f"Russia lost {phrase} tanks"
    assert [(n.value, n.start, n.end) for n in find_numbers(text)] == [
        r[:3] for r in _reference(text, 0, len(text))
    ]
