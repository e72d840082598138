"""The deadline watch warns and escalates once per event, however often it runs."""

from datetime import date

import pytest
from django.core import mail
from django.utils import timezone

from core import effects
from core.models import Effect
from reviews.deadline_watch import watch_deadlines
from reviews.models import InboxItem, Phase
from tests.reviews.conftest import act, assign, cleared_with_condition


@pytest.fixture
def running(filed, senior, officer):
    _, case = filed
    assign(senior, case, "officer")
    act(officer, case, "open_phase_1")
    return case, Phase.objects.get(case=case)


def set_deadline(phase, day):
    Phase.objects.filter(pk=phase.pk).update(deadline=day)


def test_running_the_watch_twice_warns_the_assignee_once(running, officer):
    case, phase = running
    set_deadline(phase, date(2026, 7, 15))

    # Wed 8 July is within 5 working days of Wed 15 July.
    first = watch_deadlines(on=date(2026, 7, 8))
    second = watch_deadlines(on=date(2026, 7, 9))

    assert (first, second) == (1, 0)
    item = InboxItem.objects.get()
    assert (item.recipient, item.case) == (officer.user, case)
    assert item.subject == f"Deadline ahead: {case.reference} Phase 1 ends on 2026-07-15"


def test_the_warning_is_also_sent_by_email_once(
    running, officer, django_capture_on_commit_callbacks
):
    _, phase = running
    set_deadline(phase, date(2026, 7, 15))

    with django_capture_on_commit_callbacks(execute=True):
        watch_deadlines(on=date(2026, 7, 8))
    with django_capture_on_commit_callbacks(execute=True):
        watch_deadlines(on=date(2026, 7, 8))

    assert [m.to for m in mail.outbox] == [[officer.user.email]]


def test_nothing_is_said_before_the_warning_window(running):
    _, phase = running
    set_deadline(phase, date(2026, 7, 15))

    # Tue 7 July is 6 working days before Wed 15 July.
    assert watch_deadlines(on=date(2026, 7, 7)) == 0


def test_an_overdue_phase_is_escalated_to_the_seniors(running, officer, senior, other_senior):
    _, phase = running
    set_deadline(phase, date(2026, 7, 15))

    watch_deadlines(on=date(2026, 7, 16))
    watch_deadlines(on=date(2026, 7, 17))

    told = sorted(InboxItem.objects.values_list("recipient__username", flat=True))
    assert told == ["officer", "senior", "senior2"]


def test_a_moved_deadline_is_a_new_event(running):
    _, phase = running
    set_deadline(phase, date(2026, 7, 15))
    watch_deadlines(on=date(2026, 7, 8))
    set_deadline(phase, date(2026, 7, 17))  # a request for information was answered

    assert watch_deadlines(on=date(2026, 7, 14)) == 1


def test_an_overdue_condition_is_escalated_to_the_seniors_once(filed, senior, other_senior):
    _, case = filed
    cleared_with_condition(senior, other_senior, case, due_date="2027-01-31")

    watch_deadlines(on=date(2027, 2, 1))
    watch_deadlines(on=date(2027, 2, 2))

    subjects = list(InboxItem.objects.values_list("recipient__username", "subject"))
    assert sorted(subjects) == [
        ("senior", f"Condition overdue: {case.reference}"),
        ("senior2", f"Condition overdue: {case.reference}"),
    ]


def test_a_mail_server_outage_delays_the_warning_mail_and_loses_nothing(
    running, officer, settings, django_capture_on_commit_callbacks
):
    _, phase = running
    set_deadline(phase, date(2026, 7, 15))
    settings.EMAIL_BACKEND = "tests.reviews.refusing_mail.EmailBackend"

    with django_capture_on_commit_callbacks(execute=True):
        warned = watch_deadlines(on=date(2026, 7, 8))  # the watch goes on: no exception

    item = InboxItem.objects.get()
    effect = Effect.objects.get(name="reviews.email_inbox_item")
    assert (warned, item.emailed_at, mail.outbox) == (1, None, [])
    assert effect.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"

    # The server is back; the retry sends it, once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Effect.objects.filter(pk=effect.pk).update(next_attempt_at=timezone.now())
    effects.sweep_due()

    item.refresh_from_db()
    assert [m.to for m in mail.outbox] == [[officer.user.email]]
    assert item.emailed_at is not None
