"""The home page leads staff to their work, and the dashboard's months carry their year
(issue 17, defect 12)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine

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
