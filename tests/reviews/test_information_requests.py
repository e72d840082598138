"""A request for information, round trip: the officer asks, the investor answers through
its API, and the phase clock stops in between so the deadline moves."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from core.models import AuditEntry
from tests.factories import error_attrs
from tests.reviews.conftest import act

BERLIN = ZoneInfo("Europe/Berlin")
THIRTY_CALENDAR_DAYS = {
    "name": "test: 30 calendar days",
    "holidays": {"country": "DE", "subdivision": None},
    "phases": {
        "phase_1": {"length": 30, "unit": "calendar_days"},
        "phase_2": {"length": 60, "unit": "calendar_days"},
    },
    "roll_forward": True,
    "warning_working_days": 5,
}


def on(day: str):
    return time_machine.travel(
        datetime.fromisoformat(day).replace(hour=10, tzinfo=BERLIN), tick=False
    )


@pytest.fixture
def thirty_days(settings):
    settings.REVIEW_REGIME = THIRTY_CALENDAR_DAYS
    # These tests jump days ahead within one signed-in session; sessions end after 30
    # idle minutes otherwise.
    settings.SESSION_COOKIE_AGE = 365 * 24 * 3600


@pytest.fixture
def in_phase_1(thirty_days, filed, senior):
    filing_id, case = filed
    with on("2026-07-01"):
        # Deadline: 1 July + 30 days = Friday 31 July.
        assert act(senior, case, "open_phase_1").json()["phases"][0]["deadline"] == "2026-07-31"
    return filing_id, case


def ask(senior, case, due="2026-07-20"):
    return senior.post(
        f"/api/v1/cases/{case.pk}/information-requests/",
        {
            "questions": ["Who appoints the board?", "Send the shareholders' agreement."],
            "response_due": due,
        },
        format="json",
    )


def answer(investor, filing_id, answers):
    return investor.post(
        f"/api/v1/filings/{filing_id}/information-requests/1/", {"answers": answers}, format="json"
    )


def test_the_answer_restarts_the_clock_and_the_deadline_moves(in_phase_1, senior, investor):
    filing_id, case = in_phase_1
    with on("2026-07-06"):
        body = ask(senior, case).json()
        assert body["phases"][0]["deadline"] is None  # stopped: not known until answered
    with on("2026-07-10"):
        listed = investor.get(f"/api/v1/filings/{filing_id}/information-requests/").json()
        response = answer(
            investor,
            filing_id,
            [
                {"question": 1, "text": "The shareholders' meeting, by simple majority."},
                {"question": 2, "text": "Attached to the filing as document 'SHA'."},
            ],
        )
        phase = senior.get(f"/api/v1/cases/{case.pk}/").json()["phases"][0]

    assert [q["text"] for q in listed[0]["questions"]] == [
        "Who appoints the board?",
        "Send the shareholders' agreement.",
    ]
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "answered"
    # Stopped 6 to 9 July, running again on the 10th: 4 days, so 31 July becomes 4 August.
    assert phase["deadline"] == "2026-08-04"
    assert phase["stops"] == [
        {
            "started_on": "2026-07-06",
            "ended_on": "2026-07-10",
            "reason": "Request for information 1",
        }
    ]


def test_an_answer_must_answer_every_question(in_phase_1, senior, investor):
    filing_id, case = in_phase_1
    with on("2026-07-06"):
        ask(senior, case)

        response = answer(investor, filing_id, [{"question": 1, "text": "The meeting."}])

    assert response.status_code == 422
    assert error_attrs(response) == {"answers.2": "Answer question 2."}


def test_documents_of_an_answer_must_belong_to_the_filing(in_phase_1, senior, investor):
    filing_id, case = in_phase_1
    with on("2026-07-06"):
        ask(senior, case)

        response = answer(
            investor,
            filing_id,
            [
                {
                    "question": 1,
                    "text": "See document.",
                    "documents": ["00000000-0000-0000-0000-000000000000"],
                },
                {"question": 2, "text": "Attached."},
            ],
        )

    assert response.status_code == 422
    assert "answers.1.documents" in error_attrs(response)


def test_another_investor_cannot_see_the_request(in_phase_1, senior, other_investor):
    filing_id, case = in_phase_1
    with on("2026-07-06"):
        ask(senior, case)

        response = other_investor.get(f"/api/v1/filings/{filing_id}/information-requests/")

    assert response.status_code == 404


def test_another_investors_answer_changes_nothing(in_phase_1, senior, other_investor):
    filing_id, case = in_phase_1
    with on("2026-07-06"):
        ask(senior, case)
        before = senior.get(f"/api/v1/cases/{case.pk}/").json()
        entries = AuditEntry.objects.count()

        response = answer(
            other_investor, filing_id, [{"question": 1, "text": "x"}, {"question": 2, "text": "y"}]
        )

        after = senior.get(f"/api/v1/cases/{case.pk}/").json()
    assert response.status_code == 404
    # The request is still open and unanswered, the clock still stopped, the case's
    # version and timeline as they were.
    assert (after["information_requests"][0]["status"], after["phases"][0]["is_stopped"]) == (
        "open",
        True,
    )
    assert after == before
    assert AuditEntry.objects.count() == entries


def test_a_request_answered_twice_is_refused_the_second_time(in_phase_1, senior, investor):
    filing_id, case = in_phase_1
    answers = [{"question": 1, "text": "The meeting."}, {"question": 2, "text": "Attached."}]
    with on("2026-07-06"):
        ask(senior, case)
        answer(investor, filing_id, answers)

        again = answer(investor, filing_id, answers)

    assert again.status_code == 409


def test_a_withdrawn_request_restarts_the_clock(in_phase_1, senior):
    _, case = in_phase_1
    with on("2026-07-06"):
        ask(senior, case)
    with on("2026-07-08"):
        response = senior.post(
            f"/api/v1/cases/{case.pk}/information-requests/1/withdraw/",
            {"reason": "Asked the wrong company"},
            format="json",
        )

    # Stopped 6 and 7 July: two days, so 31 July becomes Sunday 2 August, then Monday 3.
    assert response.json()["phases"][0]["deadline"] == "2026-08-03"


def test_a_response_date_in_the_past_is_refused(in_phase_1, senior):
    _, case = in_phase_1
    with on("2026-07-06"):
        response = ask(senior, case, due="2026-07-01")

    assert response.status_code == 400
    assert "response_due" in error_attrs(response)


def test_the_audit_trail_records_when_the_clock_stopped_and_restarted(in_phase_1, senior, investor):
    filing_id, case = in_phase_1
    with on("2026-07-06"):
        ask(senior, case)
    with on("2026-07-10"):
        answer(investor, filing_id, [{"question": 1, "text": "a"}, {"question": 2, "text": "b"}])

    timeline = senior.get(f"/api/v1/cases/{case.pk}/").json()["timeline"]

    stopped, restarted = (t["after"] for t in timeline[-2:])
    assert stopped["clock_stopped_on"] == "2026-07-06"
    assert (restarted["clock_restarted_on"], restarted["deadline"]) == ("2026-07-10", "2026-08-04")


def test_phase_2_opened_while_a_request_is_open_starts_with_its_clock_stopped(
    in_phase_1, senior, investor
):
    filing_id, case = in_phase_1
    with on("2026-07-06"):
        ask(senior, case)
    with on("2026-07-08"):
        opened = act(senior, case, "open_phase_2", reason="Board control needs a closer look")
        review = investor.get(f"/api/v1/filings/{filing_id}/review/").json()
    phase_2 = opened.json()["phases"][1]

    assert (phase_2["deadline"], phase_2["is_stopped"]) == (None, True)
    assert (review["clock_stopped"], review["open_information_requests"]) == (True, 1)


def test_phase_2_runs_from_the_answer_to_a_request_it_inherited(in_phase_1, senior, investor):
    filing_id, case = in_phase_1
    with on("2026-07-06"):
        ask(senior, case)
    with on("2026-07-08"):
        act(senior, case, "open_phase_2", reason="Board control needs a closer look")
    with on("2026-07-13"):
        answer(
            investor,
            filing_id,
            [{"question": 1, "text": "The meeting."}, {"question": 2, "text": "Attached."}],
        )
        phase_2 = senior.get(f"/api/v1/cases/{case.pk}/").json()["phases"][1]

    # Phase 2 (60 calendar days) opened on 8 July, stopped 8 to 12 July; counted from the
    # answer on 13 July: 13-31 July = 19, August = 31 (50), 1-10 September = 10 (60).
    assert phase_2["deadline"] == "2026-09-10"
