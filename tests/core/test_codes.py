"""Country and currency codes, and EU membership on a date (Regulation (EU) 2019/452)."""

from datetime import date

from core.pure.codes import is_country, is_currency, is_member_state, is_third_country


def test_the_united_kingdom_is_a_third_country_since_1_february_2020():
    assert is_member_state("GB", date(2020, 1, 31))
    assert is_third_country("GB", date(2020, 2, 1))


def test_croatia_is_a_member_state_from_its_accession():
    assert is_third_country("HR", date(2013, 6, 30))
    assert is_member_state("HR", date(2013, 7, 1))


def test_china_is_a_third_country():
    assert is_third_country("CN", date(2026, 1, 1))


def test_kosovo_is_a_known_country_code():
    assert is_country("XK")


def test_codes_must_be_upper_case_iso():
    assert not is_country("de")
    assert not is_currency("eur")
    assert is_currency("EUR")
