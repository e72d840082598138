"""The clock as the pages show it (issue 17, defect 3): days left that agree with the
deadline, a stopped clock that still shows where it stands, ended phases as ended."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.reviews.conftest import act, make_staff

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(autouse=True)
def long_sessions(settings):
    # These tests jump days ahead within one signed-in session.
    settings.SESSION_COOKIE_AGE = 365 * 24 * 3600


def on(day: str):
    return time_machine.travel(
        datetime.fromisoformat(day).replace(hour=10, tzinfo=BERLIN), tick=False
    )


def ask(senior, case):
    return senior.post(
        f"/api/v1/cases/{case.pk}/information-requests/",
        {"questions": ["Who appoints the board?"], "response_due": "2026-03-31"},
        format="json",
    )


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_the_days_left_agree_with_a_deadline_moved_off_a_weekend(investor, file):
    with on("2026-03-02"):
        senior = make_staff("senior_officer", "case_officer")
        case = file(investor)
        act(senior, case, "open_phase_1")

        shown = page(senior, f"/review/cases/{case.pk}/")

    # Two months from Monday 2 March 2026 fall on Saturday 2 May (61 days), moved to
    # Monday 4 May: 63 days from 2 March.
    assert "2026-05-04 (moved from Saturday 2 May, not a working day)" in shown
    assert "63 calendar days left to the deadline; 0 of 61 used" in shown


def stopped_on_12_march(investor, file):
    """A case in phase 1 from Monday 2 March 2026 whose clock stopped on 12 March."""
    with on("2026-03-02"):
        senior = make_staff("senior_officer", "case_officer")
        case = file(investor)
        act(senior, case, "open_phase_1")
    with on("2026-03-12"):
        assert ask(senior, case).status_code == 201
    return senior, case


def test_the_queue_shows_a_stopped_clock_with_its_days_left(investor, file):
    senior, _ = stopped_on_12_march(investor, file)
    with on("2026-03-20"):
        shown = page(senior, "/review/cases/")

    # Counted 3 to 11 March (9 days) before the stop on the 12th: 61 - 9 = 52 left.
    assert "clock stopped</span> 52 calendar days left" in shown


def test_a_stopped_clock_on_the_case_page_gives_the_earliest_deadline(investor, file):
    senior, case = stopped_on_12_march(investor, file)
    with on("2026-03-20"):
        shown = page(senior, f"/review/cases/{case.pk}/")

    # Running again on 20 March, the 52 days left end on 10 May 2026 (20 March is day 1;
    # 12 in March, 30 in April, 10 in May), a Sunday: Monday 11 May.
    assert "2026-05-11 at the earliest, if the clock runs again today" in shown


def test_an_ended_phase_says_how_many_days_it_used_not_how_many_are_left(investor, file):
    with on("2026-03-02"):
        senior = make_staff("senior_officer", "case_officer")
        case = file(investor)
        act(senior, case, "open_phase_1")
    with on("2026-03-12"):
        act(senior, case, "open_phase_2", reason="Board control needs a closer look")
        shown = page(senior, f"/review/cases/{case.pk}/")

    # Phase 1 ran 3 to 12 March: 10 of its 61 days.
    assert "2026-03-12, after 10 of 61 calendar days" in shown
    assert "0 / 61" not in shown
