"""The reports of Regulation (EU) 2026/1386 from the database: the public annual report
(Art. 4(8)) and the confidential report to the Commission (Art. 24(1)), on two cases
opened in March 2028: one authorised with a measure after a hearing (and later fined
for a breach), one withdrawn."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from reviews.services import node_authority
from reviews.statistics import commission_report, public_report
from tests.factories import complete_content_2026
from tests.reviews.conftest import act, make_staff

pytestmark = pytest.mark.django_db


def in_scope(category):
    content = complete_content_2026(scope={"categories": [category]})
    content["completion"] = {"status": "planned", "date": "2028-09-30"}
    return content


@pytest.fixture
def year_2028(investor, file):
    """Both cases by a Chinese investor (30 % of the votes and a veto: effective
    participation), so both need prior authorisation."""
    with time_machine.travel(
        datetime(2028, 3, 1, 10, tzinfo=ZoneInfo("Europe/Berlin")), tick=False
    ):
        senior = make_staff("senior_officer", "case_officer")
        other = make_staff("senior_officer", "case_officer")
        gallium = file(
            investor,
            in_scope(
                {
                    "category": "strategic_raw_materials",
                    "activities": ["recycling"],
                    "materials": ["gallium"],
                }
            ),
        )
        act(senior, gallium, "open_phase_1")
        senior.post(
            f"/api/v1/cases/{gallium.pk}/hearings/",
            {"intended_outcome": "cleared_with_conditions", "letter": "Conditions intended."},
            format="json",
        )
        investor.post(
            f"/api/v1/filings/{gallium.filing_id}/hearings/1/", {"answer": "Agreed."}, format="json"
        )
        act(
            senior,
            gallium,
            "propose_decision",
            outcome="cleared_with_conditions",
            reasons="Supply risk met by a commitment.",
            conditions=[
                {
                    "description": "Supply EU customers first",
                    "measure": "supply_commitment",
                    "owner": "Target",
                    "due_date": "2029-03-01",
                }
            ],
        )
        assert act(other, gallium, "approve_decision").status_code == 200
        senior.post(
            f"/api/v1/cases/{gallium.pk}/penalties/",
            {"kind": "breach_of_measures", "decided_on": "2028-03-01", "reasons": "Breach."},
            format="json",
        )
        ballots = file(investor, in_scope({"category": "electoral_systems"}))
        act(senior, ballots, "withdraw", reason="The investor withdrew.")
        yield senior


def test_the_public_report_counts_screenings_decisions_and_scope(year_2028):
    report = public_report(node_authority(), 2028)

    assert report.sections == [
        (
            "Screening",
            [
                ("cases opened", 2),
                ("of which prior authorisation required", 2),
                ("of which reviewed on own initiative", 0),
                ("in-depth investigations opened", 0),
            ],
        ),
        (
            "Decisions",
            [
                ("authorised", 0),
                ("authorised with mitigating measures", 1),
                ("prohibited", 0),
                ("unwinding ordered", 0),
                ("withdrawn", 1),
                ("outside scope", 0),
            ],
        ),
        (
            "Minimum-scope categories (Art. 4(15))",
            [
                ("Electoral systems", 1),
                (
                    "Exploration, extraction, processing, recycling, recovery or stockpiling "
                    "of strategic raw materials",
                    1,
                ),
            ],
        ),
    ]


def test_the_commission_report_adds_origins_risks_and_penalties(year_2028):
    sections = dict(commission_report(node_authority(), 2028).sections)

    assert sections["Countries of investors"] == [("CN", 2)]
    assert sections["Countries of ultimate owners and linked states"] == [("CN", 2)]
    # Both targets work in robotics (the filing's sectors): Art. 19(1), once per case.
    assert ("Art. 19(1): Sector", 2) in sections["Risks found (cases per factor)"]
    assert ("Breach of mitigating measures", 1) in sections["Penalties (Art. 4(11))"]


def test_the_confidential_report_downloads_as_csv(year_2028):
    with time_machine.travel(datetime(2028, 12, 1, 10, tzinfo=ZoneInfo("Europe/Berlin"))):
        reader = make_staff("senior_officer", "case_officer")
        response = reader.get("/review/statistics/?report=art24&year=2028&download=csv")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="art24-report-2028.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert ["Decisions", "authorised with mitigating measures", "1"] in rows
