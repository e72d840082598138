"""The home page leads staff to their work, and the dashboard's months carry their year
(issue 17, defect 12); the dashboard's figures count what the database holds."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine

from reviews import regime
from reviews.models import Case
from reviews.services import node_authority
from tests.reviews.conftest import make_staff


def test_the_home_page_leads_an_officer_to_the_dashboard_not_the_administration(db):
    officer = make_staff("case_officer", name="home-officer")

    page = officer.get("/").content.decode()

    assert '<a href="/review/">dashboard</a>' in page
    assert "/admin/" not in page


def test_the_intake_chart_names_the_year_where_one_starts_and_under_the_first_month(db):
    with time_machine.travel(datetime(2027, 3, 15, 10, tzinfo=ZoneInfo("Europe/Berlin"))):
        senior = make_staff("senior_officer")
        page = senior.get("/review/").content.decode()

    # The last 12 months on 15 March 2027: April 2026 to March 2027.
    chart = page[page.index('aria-labelledby="intake-t"') :]
    chart = chart[: chart.index("</svg>")]
    assert '>Apr</text><text x="21" y="146" text-anchor="middle">2026</text>' in chart
    assert '>Jan</text><text x="327" y="146" text-anchor="middle">2027</text>' in chart
    assert chart.count('y="146"') == 2


def _case_opened(reference, opened_at, status="received"):
    return Case.objects.create(
        reference=reference,
        authority=node_authority(),
        origin="ex_officio",
        status=status,
        title=f"Acquisition {reference}",
        regime=regime.current(),
        opened_at=opened_at,
    )


def test_the_intake_chart_counts_each_case_in_its_month_of_the_nodes_time_zone(db):
    berlin = ZoneInfo("Europe/Berlin")
    for number, opened in enumerate(
        [
            datetime(2026, 3, 31, 23, 59, tzinfo=berlin),  # before the 12 months
            datetime(2026, 4, 1, 0, 0, tzinfo=berlin),  # the first instant of April
            datetime(2026, 10, 31, 23, 30, tzinfo=berlin),  # 22:30 UTC: October
            datetime(2026, 11, 1, 0, 30, tzinfo=berlin),  # 31 October in UTC: November
            datetime(2027, 2, 28, 23, 59, tzinfo=berlin),
            datetime(2027, 3, 1, 0, 0, tzinfo=berlin),
            datetime(2027, 3, 15, 9, 0, tzinfo=berlin),
        ],
        start=1,
    ):
        _case_opened(f"DE-2027-{number:06d}", opened)
    with time_machine.travel(datetime(2027, 3, 15, 10, tzinfo=berlin)):
        senior = make_staff("senior_officer")
        page = senior.get("/review/").content.decode()

    assert re.findall(r'<title id="intake-t">([^<]*)</title>', page) == [
        "Cases opened per month: 2026-04: 1, 2026-05: 0, 2026-06: 0, "
        "2026-07: 0, 2026-08: 0, 2026-09: 0, 2026-10: 1, 2026-11: 1, 2026-12: 0, "
        "2027-01: 0, 2027-02: 1, 2027-03: 2"
    ]


def test_the_dashboard_counts_cases_by_status_as_they_stand_now(db):
    now = datetime(2027, 3, 15, 10, tzinfo=ZoneInfo("Europe/Berlin"))
    for number, status in enumerate(["received", "received", "phase_1", "decided"], start=1):
        _case_opened(f"DE-2027-{number:06d}", now, status)
    senior = make_staff("senior_officer")

    def counts():
        page = senior.get("/review/").content.decode()
        table = page[page.index('id="phase-h"') : page.index("Open requests for information")]
        return re.findall(r"<tr><td>([^<]+)</td><td class=\"num\">(\d+)</td></tr>", table)

    assert counts() == [("Decided", "1"), ("Phase 1 (review)", "1"), ("Received", "2")]
    Case.objects.filter(reference="DE-2027-000001").update(status="phase_1")
    assert counts() == [("Decided", "1"), ("Phase 1 (review)", "2"), ("Received", "1")]
