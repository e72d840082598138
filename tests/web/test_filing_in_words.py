"""The whole filing on the case page, in words (issue 17, defect 8): special rights,
funding, activities with their NACE codes, LEIs and the contact were missing, and codes
were shown raw."""

import re

import pytest


@pytest.fixture
def in_full(verified, filed):
    """The "filing as it stands" part of the case page of the factory's filing."""
    _, case = filed
    page = verified.get(f"/review/cases/{case.pk}/").content.decode()
    found = re.search(r'<details open id="filing-in-full">(.*?)</details>', page, re.S)
    assert found
    return found.group(1)


def entry(html, label):
    found = re.search(rf"<dt>{re.escape(label)}</dt><dd>(.*?)</dd>", html, re.S)
    assert found, label
    return found.group(1).split("<br>")


def test_special_rights_are_shown_with_their_kind_in_words(in_full):
    assert entry(in_full, "Special rights (board, veto, golden share)") == [
        "Veto right: Veto over disposals"
    ]


def test_funding_names_its_kind_amount_and_provider(in_full):
    assert entry(in_full, "Funding") == [
        "Own funds: 25,000,000 EUR, from Far East Holdings Ltd, CN"
    ]


def test_activities_give_each_nace_code_with_its_section(in_full):
    assert entry(in_full, "The investor&#x27;s activities") == [
        "Holding",
        "NACE: K64.20 (Financial and insurance activities)",
        "Active in: NL",
    ]


def test_the_investor_is_shown_with_its_lei(in_full):
    assert "LEI 5299000J2N45DDNE4Y28" in entry(in_full, "Investor")


def test_the_contact_is_shown(in_full):
    assert entry(in_full, "Contact") == ["Jane Counsel", "jane@counsel.example"]


def test_the_transaction_and_sectors_are_words_not_codes(in_full):
    assert entry(in_full, "Transaction") == ["Share acquisition"]
    assert entry(in_full, "Sectors (Art. 4(1))") == ["Critical technology: robotics"]
    assert "technology.robotics" not in in_full and "share_acquisition" not in in_full
