"""The regulation that governs a case, chosen when it opens (Art. 30 of Regulation (EU)
2026/1386: docs/deadlines.md §3), and the clock it gives phase 1.

The day 2026/1386 applies is node configuration (`EU_2026_1386_APPLIES_FROM`); these
tests keep the default, 17 January 2028, and travel to the days around it."""

import copy
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from core.models import AuditEntry
from reviews.regime import DEFAULT
from tests.factories import complete_content, complete_content_2026
from tests.reviews.conftest import act, make_staff

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")


def at(year, month, day):
    return time_machine.travel(datetime(year, month, day, 10, 0, tzinfo=BERLIN), tick=False)


def test_a_filing_received_the_day_before_the_new_regulation_applies_is_under_2019_452(
    investor, file
):
    with at(2028, 1, 16):
        case = file(investor)

    assert case.regulation == "eu-2019-452"
    assert case.regime["phases"]["phase_1"] == {"length": 2, "unit": "months"}


def test_a_filing_received_on_the_day_the_new_regulation_applies_is_under_2026_1386(investor, file):
    with at(2028, 1, 17):
        case = file(investor, complete_content_2026())

    assert case.regulation == "eu-2026-1386"
    assert case.regulation_reason == (
        "screening began on 2028-01-17, on or after 2028-01-17, and the investment was "
        "not completed before: Art. 30"
    )


def test_the_node_can_move_the_day(investor, file, settings):
    settings.EU_2026_1386_APPLIES_FROM = "2026-01-01"

    with at(2026, 12, 1):
        case = file(investor, complete_content_2026())

    assert case.regulation == "eu-2026-1386"


def test_an_investment_completed_before_the_day_stays_under_2019_452(investor, file):
    # Filed on 1 March 2028 for an investment completed on 16 January 2028.
    with at(2028, 3, 1):
        content = complete_content(completion={"status": "completed", "date": "2028-01-16"})
        case = file(investor, content)

    assert case.regulation == "eu-2019-452"
    assert "completed on 2028-01-16" in case.regulation_reason


def test_the_initial_review_of_a_2026_1386_case_is_45_calendar_days(investor, file):
    # Phase 1 opens on Wednesday 1 March 2028: + 45 days = Saturday 15 April; Sunday 16
    # and Easter Monday 17 April are not working days: Tuesday 18 April (1182/71 Art. 3(4)).
    with at(2028, 3, 1):
        officer = make_staff("senior_officer", "case_officer")
        case = file(investor, complete_content_2026())
        response = act(officer, case, "open_phase_1")

    assert response.status_code == 200, response.json()
    phase = case.phases.get()
    assert (phase.length, phase.unit, phase.deadline.isoformat()) == (
        45,
        "calendar_days",
        "2028-04-18",
    )


def test_the_regulation_is_recorded_in_the_opening_audit_entry(investor, file):
    with at(2028, 1, 17):
        case = file(investor, complete_content_2026())

    after = AuditEntry.objects.get(object_id=str(case.pk), action="case.opened").after or {}
    assert after["regulation"] == "eu-2026-1386"
    assert after["regulation_reason"].endswith("Art. 30")


def test_the_regulation_does_not_change_when_the_configuration_moves(
    investor, file, settings, django_capture_on_commit_callbacks
):
    with at(2027, 6, 1):
        case = file(investor, complete_content_2026())
        settings.EU_2026_1386_APPLIES_FROM = "2027-01-01"
        with django_capture_on_commit_callbacks(execute=True):
            amended = investor.post(
                f"/api/v1/filings/{case.filing_id}/amend/",
                {"changes": {"title": "Amended"}, "reason": "New title"},
                format="json",
            )

    assert amended.status_code == 201, amended.json()
    case.refresh_from_db()
    assert case.regulation == "eu-2019-452"


def test_the_investor_sees_which_regulation_governs_the_review(investor, file):
    with at(2028, 1, 17):
        case = file(investor, complete_content_2026())
        response = investor.get(f"/api/v1/filings/{case.filing_id}/review/")

    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["regulation"], body["regulation_title"]) == (
        "eu-2026-1386",
        "Regulation (EU) 2026/1386",
    )


def call_in(completed_on, **more):
    senior = make_staff("senior_officer", "case_officer")
    return senior.post(
        "/api/v1/cases/",
        {
            "title": "Late find",
            "investor_name": "Far Holdings",
            "investor_country": "CN",
            "target_name": "Chip GmbH",
            "target_country": "DE",
            "grounds": "Found in the press.",
            "completed_on": completed_on,
            **more,
        },
        format="json",
    )


def test_a_call_in_of_an_investment_completed_before_the_day_is_under_2019_452():
    with at(2028, 2, 1):
        response = call_in("2027-11-30")

    assert response.status_code == 201, response.json()
    assert response.json()["regulation"] == "eu-2019-452"


def test_a_call_in_cannot_say_the_investment_completed_in_the_future():
    with at(2028, 2, 1):
        response = call_in("2028-02-02")

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "completed_on"


# --- own-initiative windows (Art. 4(4), 4(5)) -----------------------------------------


@pytest.fixture
def windows(settings):
    """A node with the shortest windows the Regulation allows: 15 months after an
    investment that needed no prior authorisation, 24 after one that needed it and was
    not filed."""
    regime = copy.deepcopy(DEFAULT)
    regime["national_periods"]["own_initiative"] = {"length": 15, "unit": "months"}
    regime["national_periods"]["own_initiative_not_filed"] = {"length": 24, "unit": "months"}
    settings.REVIEW_REGIME = regime


def test_a_call_in_within_the_window_shows_its_last_day(windows):
    # Completed Thursday 20 January 2028, called in 1 May 2029: 15 months end Friday
    # 20 April 2029, closed; as not filed, 24 months end Sunday 20 January 2030 ->
    # Monday 21 January 2030.
    with at(2029, 5, 1):
        response = call_in("2028-01-20", prior_authorisation_not_filed=True)

    assert response.status_code == 201, response.json()
    window = response.json()["call_in_window"]
    assert (window["until"], window["basis"]) == (
        "2030-01-21",
        "Art. 4(5) Regulation (EU) 2026/1386: at least 24 months",
    )


def test_a_call_in_after_the_window_closed_is_refused(windows):
    with at(2029, 5, 1):
        response = call_in("2028-01-20")

    assert response.status_code == 400
    assert response.json()["errors"][0]["detail"] == (
        "The own-initiative window (15 months from completion, Art. 4(4) Regulation (EU) "
        "2026/1386: at least 15 months, at most 5 years) closed on 2029-04-20."
    )


def test_the_investor_is_told_when_its_filing_is_complete_and_the_initial_review_ends(
    investor, file
):
    # The completeness notice (Art. 4(10)): opening phase 1 on Wednesday 1 March 2028;
    # + 45 days = Saturday 15 April, past Easter Monday 17: Tuesday 18 April.
    with at(2028, 3, 1):
        officer = make_staff("senior_officer", "case_officer")
        case = file(investor, complete_content_2026())
        before = investor.get(f"/api/v1/filings/{case.filing_id}/review/").json()
        act(officer, case, "open_phase_1")
        after = investor.get(f"/api/v1/filings/{case.filing_id}/review/").json()

    assert (before["filing_complete_on"], before["initial_review_ends"]) == (None, None)
    assert (after["filing_complete_on"], after["initial_review_ends"]) == (
        "2028-03-01",
        "2028-04-18",
    )
