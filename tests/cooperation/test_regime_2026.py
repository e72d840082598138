"""The 2019/452 cooperation messages are not drafted for a case under 2026/1386."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine

from cooperation.models import Message
from reviews.models import Case
from tests.factories import complete_content_2026, create_draft
from tests.reviews.conftest import act, make_staff


def test_no_art_6_notification_is_drafted_for_a_2026_1386_case(
    investor, django_capture_on_commit_callbacks
):
    with time_machine.travel(
        datetime(2028, 3, 1, 10, tzinfo=ZoneInfo("Europe/Berlin")), tick=False
    ):
        senior = make_staff("senior_officer", "case_officer")
        draft = create_draft(investor, complete_content_2026())
        with django_capture_on_commit_callbacks(execute=True):
            investor.post(f"/api/v1/filings/{draft['id']}/submit/")
        case = Case.objects.get(filing_id=draft["id"])
        with django_capture_on_commit_callbacks(execute=True):
            response = act(senior, case, "open_phase_1")

    assert response.status_code == 200, response.json()
    assert case.regulation == "eu-2026-1386"
    assert not Message.objects.filter(case_reference=case.reference).exists()
