"""Country and currency codes (ISO 3166-1 alpha-2, ISO 4217) and EU membership.

EU membership is configuration with dates (Regulation (EU) 2019/452: a "third country"
is any country outside the Union on the relevant date).
"""

from __future__ import annotations

from datetime import date

import pycountry

# Kosovo uses the user-assigned code XK in ISO-based registers (and in LEI data).
EXTRA_COUNTRIES = {"XK": "Kosovo"}

# Member state -> (joined, left), from the accession treaties (1958 for the founders).
_ACCESSIONS = {
    date(1958, 1, 1): "BE DE FR IT LU NL",
    date(1973, 1, 1): "DK IE GB",
    date(1981, 1, 1): "GR",
    date(1986, 1, 1): "ES PT",
    date(1995, 1, 1): "AT FI SE",
    date(2004, 5, 1): "CY CZ EE HU LT LV MT PL SI SK",
    date(2007, 1, 1): "BG RO",
    date(2013, 7, 1): "HR",
}
_WITHDRAWALS = {"GB": date(2020, 2, 1)}  # the UK left at the end of 31 January 2020
EU_MEMBERSHIP: dict[str, tuple[date, date | None]] = {
    code: (joined, _WITHDRAWALS.get(code))
    for joined, codes in _ACCESSIONS.items()
    for code in codes.split()
}


def country_name(code: str) -> str | None:
    if code in EXTRA_COUNTRIES:
        return EXTRA_COUNTRIES[code]
    country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    return country.name if country else None


def is_country(code: str) -> bool:
    return isinstance(code, str) and code.isupper() and country_name(code) is not None


def is_currency(code: str) -> bool:
    return (
        isinstance(code, str)
        and len(code) == 3
        and code.isupper()
        and pycountry.currencies.get(alpha_3=code) is not None
    )


def is_member_state(code: str, on: date | None = None) -> bool:
    period = EU_MEMBERSHIP.get(code)
    if period is None:
        return False
    on = on or date.today()
    joined, left = period
    return joined <= on and (left is None or on < left)


def is_third_country(code: str, on: date | None = None) -> bool:
    return is_country(code) and not is_member_state(code, on)
