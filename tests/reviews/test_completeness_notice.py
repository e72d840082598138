"""The completeness notice (Art. 4(10) of Regulation (EU) 2026/1386): the filing's
contact is told by e-mail, once, when the authority finds the filing complete and opens
the initial review, with the day that review ends; the case's record keeps it."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from core import effects
from core.models import AuditEntry, Effect
from tests.factories import complete_content_2026
from tests.reviews.conftest import act, make_staff

pytestmark = pytest.mark.django_db

# Wednesday 1 March 2028, under 2026/1386: + 45 days = Saturday 15 April; Sunday 16 and
# Easter Monday 17 April are not working days, so the review ends Tuesday 18 April
# (1182/71 Art. 3(4)).
DAY = datetime(2028, 3, 1, 10, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.fixture
def opened(investor, file, django_capture_on_commit_callbacks):
    with time_machine.travel(DAY, tick=False):
        officer = make_staff("senior_officer", "case_officer")
        case = file(investor, complete_content_2026())
        with django_capture_on_commit_callbacks(execute=True):
            response = act(officer, case, "open_phase_1")
    assert response.status_code == 200, response.json()
    case.refresh_from_db()
    return case


def test_the_contact_is_told_the_filing_is_complete_and_when_the_review_ends(opened):
    [notice] = mail.outbox

    assert notice.to == ["jane@counsel.example"]  # the filing's contact
    assert notice.subject == (
        f"Filing {opened.filing.reference} is complete: initial review until 2028-04-18"
    )
    assert "is complete as of 2028-03-01" in notice.body


def test_the_notice_is_on_the_case_s_record(opened):
    entry = AuditEntry.objects.get(object_id=str(opened.pk), action="case.completeness_notice_sent")

    assert (entry.after or {}).get("to") == "jane@counsel.example"


def test_running_the_effect_again_sends_nothing_more(opened):
    effect = Effect.objects.get(name="reviews.completeness_notice")
    Effect.objects.filter(pk=effect.pk).update(status="pending", next_attempt_at=timezone.now())

    effects.run(effect.pk)

    assert len(mail.outbox) == 1


def test_a_2019_452_case_sends_no_notice(investor, file, django_capture_on_commit_callbacks):
    officer = make_staff("senior_officer", "case_officer")
    case = file(investor)
    with django_capture_on_commit_callbacks(execute=True):
        act(officer, case, "open_phase_1")

    assert mail.outbox == []
