"""Multi-country transactions (Art. 7 of Regulation (EU) 2026/1386, docs/cooperation.md
§16): one transaction filed in DE and FR, linked by the filings' cross-references; each
node tells the other where its case stands, so that they notify on the same day."""

import pytest

from cooperation import multicountry
from cooperation.models import Message
from tests.cooperation.conftest import deliver_to_us, on
from tests.factories import grid_filing_2026 as grid_filing
from tests.reviews.conftest import act, make_staff

pytestmark = pytest.mark.django_db

NEW = "eu-2026-1386"
IN_FRANCE = {"member_state": "FR", "reference": "FR-F-2028-000031", "filed_on": "2028-03-01"}


@pytest.fixture
def case(world, investor, file, django_capture_on_commit_callbacks):
    """Filed in DE and FR on Wednesday 1 March 2028; DE's review starts that day."""
    with on(3, 1), django_capture_on_commit_callbacks(execute=True):
        case = file(investor, {**grid_filing(), "other_filings": [IN_FRANCE]})
        act(make_staff("senior_officer", "case_officer"), case, "open_phase_1")
    return case


def test_the_review_starting_tells_the_other_member_state_the_timeline(case):
    told = Message.objects.get(kind="coordination", direction="outbound")

    assert told.addressees == ["FR"]  # the member states of the transaction, not the EU
    # Filed 1 March: the initial review ends Tuesday 18 April (45 days past Easter), the
    # Art. 5(1) notification is due Thursday 16 March.
    timeline = told.payload["timeline"]
    assert (
        timeline["filing_received"],
        timeline["initial_review_ends"],
        timeline["notification_due"],
        timeline["notification_ground"],
    ) == ("2028-03-01", "2028-04-18", "2028-03-16", "art5_1")


def test_the_same_timeline_is_not_sent_twice(case):
    multicountry.share_timeline(case)

    assert Message.objects.filter(kind="coordination", direction="outbound").count() == 1


def france_tells(client, france, case, notification_due="2028-03-14"):
    with on(3, 2):
        response = deliver_to_us(
            client,
            france,
            "coordination",
            addressees=["DE"],
            regulation=NEW,
            case_reference="FR-2028-000031",
            payload={
                "filing_reference": "FR-F-2028-000031",
                "other_filings": [
                    {"member_state": "DE", "reference": case.filing.reference, "filed_on": "x"}
                ],
                "timeline": {
                    "status": "phase_1",
                    "initial_review_ends": "2028-04-17",
                    "notification_due": notification_due,
                    "notification_ground": "art5_1",
                },
            },
        )
    assert response.status_code == 201, response.content
    return Message.objects.get(kind="coordination", direction="inbound")


def test_the_other_member_state_s_timeline_is_linked_by_the_cross_reference(client, world, case):
    told = france_tells(client, world[0], case)

    assert told.case_id == case.pk


def test_the_case_page_shows_the_earliest_notification_day_of_the_transaction(client, world, case):
    france_tells(client, world[0], case, notification_due="2028-03-14")
    with on(3, 2):
        page = make_staff("contact_point").get(f"/review/cases/{case.pk}/").content.decode()

    assert "The earliest notification day among them: <strong>2028-03-14</strong>" in page
    assert "due 2028-03-14 (art5_1)" in page


def test_a_timeline_in_the_wrong_shape_leaves_the_case_page_working(client, world, case):
    france, _ = world
    with on(3, 2):
        deliver_to_us(
            client,
            france,
            "coordination",
            addressees=["DE"],
            regulation=NEW,
            case_reference="FR-2028-000031",
            payload={
                "filing_reference": "FR-F-2028-000031",
                "other_filings": [{"member_state": "DE", "reference": case.filing.reference}],
                "timeline": {"notification_due": "next week"},
            },
        )
        page = make_staff("contact_point").get(f"/review/cases/{case.pk}/")

    assert page.status_code == 200
