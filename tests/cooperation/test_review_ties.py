"""The cooperation mechanism inside the review: the Art. 6 notification prepared on
phase 1, no decision during the comment period unless urgent, the final decision to
those who commented, and another node's notification linked to our case."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from cooperation import outbox
from cooperation.models import Delivery, Message, Peer
from core import effects
from core.actors import Actor
from core.models import Effect
from tests.cooperation.conftest import deliver_to_us, make_peer
from tests.factories import VALID_LEI
from tests.reviews.conftest import act, assign

BERLIN = ZoneInfo("Europe/Berlin")
NOTIFIED_AT = datetime(2026, 7, 6, 10, tzinfo=BERLIN)


@pytest.fixture
def in_phase_1(django_capture_on_commit_callbacks):
    """Open phase 1 and let its commit callbacks run (they prepare the notification)."""

    def open_it(senior, case):
        with django_capture_on_commit_callbacks(execute=True):
            assert act(senior, case, "open_phase_1").json()["status"] == "phase_1"
        return Message.objects.get(case=case, kind="notification_art6")

    return open_it


@pytest.fixture
def proposed_after_a_comment(in_phase_1, client, filed, senior):
    """Phase 1, a comment from France on the notification, a clearance proposed."""
    france = make_peer("FR")
    _, case = filed
    in_phase_1(senior, case)
    deliver_to_us(client, france, "comment", case_reference=case.reference)
    act(senior, case, "propose_decision", outcome="cleared", reasons="No concern.")
    return case


@pytest.fixture
def notified(in_phase_1, filed, senior, contact, node_key):
    """The notification sent to France and the Commission on NOTIFIED_AT: (case, that day)."""
    make_peer("FR"), make_peer("EU")
    _, case = filed
    with time_machine.travel(NOTIFIED_AT, tick=False):
        draft = in_phase_1(senior, case)
        contact.post(f"/api/v1/cooperation/mail/{draft.message_id}/send/")
    return case, NOTIFIED_AT.date()


def test_opening_phase_1_prepares_a_notification_for_the_contact_point(
    in_phase_1, filed, senior, node_key
):
    make_peer("FR"), make_peer("EU")
    _, case = filed

    draft = in_phase_1(senior, case)

    assert (draft.status, draft.addressees) == ("draft", ["EU", "FR"])
    assert draft.payload["target"]["name"] == "Zielwerk GmbH"  # the Art. 9 information
    assert not Delivery.objects.exists()


def test_the_contact_point_sends_it_and_the_comment_period_starts(
    in_phase_1, filed, senior, contact, node_key
):
    make_peer("FR"), make_peer("EU")
    _, case = filed
    with time_machine.travel(NOTIFIED_AT, tick=False):
        draft = in_phase_1(senior, case)

        response = contact.post(f"/api/v1/cooperation/mail/{draft.message_id}/send/")

    assert response.status_code == 200, response.json()
    assert sorted(d["peer"] for d in response.json()["deliveries"]) == ["EU", "FR"]
    case.refresh_from_db()
    # 35 days for comments, and 5 more for the Commission's opinion: 6 July + 40 days.
    assert case.comment_period_ends == date(2026, 8, 15)


def test_an_officer_cannot_send_to_other_nodes(in_phase_1, filed, senior, node_key):
    make_peer("FR")
    _, case = filed
    draft = in_phase_1(senior, case)

    response = senior.post(f"/api/v1/cooperation/mail/{draft.message_id}/send/")

    assert response.status_code == 403
    draft.refresh_from_db()
    assert (draft.status, Delivery.objects.filter(message=draft).count()) == ("draft", 0)


def test_no_decision_during_the_comment_period_unless_it_is_urgent(
    in_phase_1, filed, senior, other_senior, contact, node_key
):
    make_peer("FR")
    _, case = filed
    draft = in_phase_1(senior, case)
    contact.post(f"/api/v1/cooperation/mail/{draft.message_id}/send/")
    act(senior, case, "propose_decision", outcome="cleared", reasons="No concern.")

    refused = act(other_senior, case, "approve_decision")
    other_senior.post(
        f"/api/v1/cases/{case.pk}/urgency/",
        {"justification": "The target's insolvency closes the deal on Friday."},
        format="json",
    )
    approved = act(other_senior, case, "approve_decision")

    assert refused.status_code == 409
    assert "may comment until" in refused.json()["errors"][0]["detail"]
    assert (approved.status_code, approved.json()["status"]) == (200, "decided")


def test_the_final_decision_goes_to_those_who_commented(
    in_phase_1, client, filed, senior, other_senior, node_key, django_capture_on_commit_callbacks
):
    france, _ = make_peer("FR"), make_peer("EU")
    make_peer("AT")
    _, case = filed
    in_phase_1(senior, case)
    deliver_to_us(client, france, "comment", case_reference=case.reference)
    act(senior, case, "propose_decision", outcome="cleared", reasons="No concern.")

    with django_capture_on_commit_callbacks(execute=True):
        act(other_senior, case, "approve_decision")

    notice = Message.objects.get(case=case, kind="final_decision")
    assert (notice.addressees, notice.payload["outcome"]) == (["EU", "FR"], "cleared")


def test_another_nodes_notification_about_the_same_target_is_linked_to_our_case(client, filed):
    france = make_peer("FR")
    _, case = filed

    deliver_to_us(
        client,
        france,
        "notification_art6",
        payload={"investor": {"name": "Far East Holdings Ltd", "lei": VALID_LEI}},
    )

    assert Message.objects.get(kind="notification_art6").case == case


def test_only_the_contact_point_seniors_and_the_cases_officer_read_the_messages(
    client, filed, senior, officer, contact, node_key
):
    from tests.reviews.conftest import make_staff

    france = make_peer("FR")
    _, case = filed
    stranger = make_staff("case_officer", name="stranger")
    deliver_to_us(client, france, "comment", case_reference=case.reference)
    assign(senior, case, "officer")

    counts = {
        name: user.get("/api/v1/cooperation/mail/").json()["count"]
        for name, user in [("contact", contact), ("officer", officer), ("stranger", stranger)]
    }

    assert counts == {"contact": 1, "officer": 1, "stranger": 0}


def test_a_notice_that_cannot_be_sent_never_turns_the_approval_into_an_error(
    proposed_after_a_comment, senior, other_senior, node_key, django_capture_on_commit_callbacks
):
    case = proposed_after_a_comment
    Peer.objects.filter(code="FR").update(is_active=False)  # nobody left to tell

    with django_capture_on_commit_callbacks(execute=True):
        approved = act(other_senior, case, "approve_decision")

    assert (approved.status_code, approved.json()["status"]) == (200, "decided")
    effect = Effect.objects.filter(name="reviews.case_transitioned").latest("id")
    assert (effect.status, effect.attempts) == ("pending", 1)
    assert effect.last_error == (
        "DomainError: Nobody to send the final decision to: no node that commented (FR) is an "
        "active peer any more."
    )
    assert not Message.objects.filter(case=case, kind="final_decision").exists()

    # France is back: the retry sends the notice, once.
    Peer.objects.filter(code="FR").update(is_active=True)
    Effect.objects.filter(pk=effect.pk).update(next_attempt_at=timezone.now())
    effects.sweep_due()
    effects.sweep_due()

    effect.refresh_from_db()
    assert effect.status == "done"
    assert Message.objects.filter(case=case, kind="final_decision").count() == 1


def send_information(case, *, days_after_notifying):
    with time_machine.travel(NOTIFIED_AT + timedelta(days=days_after_notifying), tick=False):
        outbox.send_message(
            kind="reply",
            addressees=["FR"],
            case_reference=case.reference,
            title="The information you asked for",
            payload={},
            actor=Actor.system("contact point"),
            case=case,
        )
    case.refresh_from_db()
    return case.comment_period_ends


def test_information_sent_late_holds_the_decision_25_days_after_it(notified):
    case, notified_on = notified

    ends = send_information(case, days_after_notifying=30)

    # Sent on day 30: comments until day 30 + 20 = 50, the Commission's opinion until 55,
    # later than the notification's own 35 + 5 = 40 days.
    assert ends == notified_on + timedelta(days=55)


def test_information_sent_early_leaves_the_notifications_period(notified):
    case, notified_on = notified

    ends = send_information(case, days_after_notifying=10)

    # Sent on day 10: 10 + 20 + 5 = 35 days, inside the notification's 35 + 5 = 40.
    assert ends == notified_on + timedelta(days=40)


def test_a_case_reopened_and_decided_again_sends_its_new_decision(
    proposed_after_a_comment, senior, other_senior, node_key, django_capture_on_commit_callbacks
):
    case = proposed_after_a_comment
    with django_capture_on_commit_callbacks(execute=True):
        act(other_senior, case, "approve_decision")

    with django_capture_on_commit_callbacks(execute=True):
        act(senior, case, "reopen", reason="The court annulled the clearance.")
    act(senior, case, "propose_decision", outcome="prohibited", reasons="Grid control.")
    with django_capture_on_commit_callbacks(execute=True):
        act(other_senior, case, "approve_decision")

    notices = Message.objects.filter(case=case, kind="final_decision").order_by("id")
    assert [(n.payload["decision_number"], n.payload["outcome"]) for n in notices] == [
        (1, "cleared"),
        (2, "prohibited"),
    ]


def test_a_notice_sent_late_carries_the_day_the_decision_was_taken(
    proposed_after_a_comment, senior, other_senior, node_key, django_capture_on_commit_callbacks
):
    case = proposed_after_a_comment
    Peer.objects.filter(code="FR").update(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        act(other_senior, case, "approve_decision")
    decided_on = timezone.localdate(case.decisions.get().reviewed_at)

    # France is back two days later; the retry sends the notice then.
    Peer.objects.filter(code="FR").update(is_active=True)
    with time_machine.travel(timezone.now() + timedelta(days=2), tick=False):
        Effect.objects.update(next_attempt_at=timezone.now())
        effects.sweep_due()

    notice = Message.objects.get(case=case, kind="final_decision")
    assert notice.payload["decided_on"] == decided_on.isoformat()
