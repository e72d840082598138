"""The case page shows a filing's value in full (it showed 412,000,000 as "412,000,")."""

import pytest

from reviews.case_reading import filed_summary


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("412000000", "412,000,000 EUR"),  # as stored: normalised, no cents
        ("16500000", "16,500,000 EUR"),
        ("1234.5", "1,234.50 EUR"),
    ],
)
def test_the_value_is_shown_in_full(stored, shown):
    summary = filed_summary({"value": {"amount": stored, "currency": "EUR"}})

    assert summary["value"] == shown
