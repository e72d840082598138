"""Once Regulation (EU) 2026/1386 governs a screening, a filing must give the Art. 15(1)
information (docs/scope.md §5); filings under 2019/452 keep the content they had."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine

from tests.factories import complete_content, complete_content_2026, create_draft, error_attrs

# 1 March 2028: after 17 January 2028, the day 2026/1386 applies (the default).
UNDER_2026_1386 = datetime(2028, 3, 1, 10, tzinfo=ZoneInfo("Europe/Berlin"))
UNDER_2019_452 = datetime(2028, 1, 16, 10, tzinfo=ZoneInfo("Europe/Berlin"))


def submit(investor, content):
    draft = create_draft(investor, content)
    return investor.post(f"/api/v1/filings/{draft['id']}/submit/")


def test_a_filing_without_the_art_15_information_is_refused_under_2026_1386(investor):
    with time_machine.travel(UNDER_2026_1386, tick=False):
        response = submit(investor, complete_content())

    assert response.status_code == 422
    assert sorted(error_attrs(response)) == [
        "alternative_suppliers",
        "annex_ii_projects",
        "beneficial_owners",
        "group_operations",
        "investor.address",
        "other_filings",
        "scope",
        "target.address",
        "target_owners_before",
        "union_grants",
    ]


def test_the_refusal_says_how_to_declare_none(investor):
    with time_machine.travel(UNDER_2026_1386, tick=False):
        response = submit(investor, complete_content())

    assert error_attrs(response)["union_grants"] == (
        "Required under Regulation (EU) 2026/1386 (Art. 15(1)); send an empty list if "
        "there is none."
    )


def test_empty_lists_declare_none_and_the_filing_is_accepted(investor):
    with time_machine.travel(UNDER_2026_1386, tick=False):
        response = submit(investor, complete_content_2026(union_grants=[], other_filings=[]))

    assert response.status_code == 201, response.json()


def test_the_same_filing_without_them_is_accepted_under_2019_452(investor):
    # The day before 2026/1386 applies, the screening is under 2019/452 (Art. 30).
    with time_machine.travel(UNDER_2019_452, tick=False):
        response = submit(investor, complete_content())

    assert response.status_code == 201, response.json()


def test_an_investment_completed_before_the_day_keeps_2019_452_content(investor):
    content = complete_content(completion={"status": "completed", "date": "2028-01-16"})

    with time_machine.travel(UNDER_2026_1386, tick=False):
        response = submit(investor, content)

    assert response.status_code == 201, response.json()


def test_an_amendment_under_2026_1386_cannot_drop_the_investor_s_address(investor):
    with time_machine.travel(UNDER_2026_1386, tick=False):
        submitted = submit(investor, complete_content_2026()).json()
        investor_party = {**complete_content_2026()["investor"], "address": ""}
        response = investor.post(
            f"/api/v1/filings/{submitted['filing']['id']}/amend/",
            {"changes": {"investor": investor_party}, "reason": "New seat"},
            format="json",
        )

    assert response.status_code == 422
    assert error_attrs(response) == {
        "changes.investor.address": "Required under Regulation (EU) 2026/1386 (Art. 15(1)): "
        "the address."
    }
