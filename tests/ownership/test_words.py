"""Ownership facts in words: shares and BODS reason codes as the pages show them."""

from ownership.pure import words


def test_a_share_known_exactly_is_one_figure():
    assert words.percent(60, 60) == "60.00 %"


def test_a_share_known_within_bounds_is_a_range():
    assert words.percent(25, 50) == "25.00–50.00 %"


def test_an_unknown_reason_code_is_kept_as_it_is():
    assert words.unspecified_reason("someNewCode") == "someNewCode"
