"""The cooperation mechanism of Regulation (EU) 2026/1386 (docs/cooperation.md §12):
the duty to notify (Art. 5, 6), the notification and the decision lock (11(5)), the
others' intent to comment with a request for information (Art. 9, 10), the information,
the one extension (11(4)), the emergency notice (11(6)) and the decision report (12(4)).

Days are worked by hand from Regulation 1182/71 (counted from the day after the event;
a last day on a Saturday, Sunday or German public holiday moves to the next working
day). The filing is received on Wednesday 1 March 2028."""

import pytest
from django.core import mail

from cooperation import mechanism, services
from cooperation.models import Message
from core.actors import Actor
from core.errors import DomainError, Invalid
from tests.cooperation.conftest import deliver_to_us, on
from tests.factories import grid_filing_2026 as grid_filing
from tests.reviews.conftest import act, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(world, investor, file):
    with on(3, 1):
        return file(investor, grid_filing())


def contact_point():
    """The contact point, signed in now (inside the day travelled to: sessions last 30
    minutes)."""
    return make_staff("contact_point")


def notify(case, contact, ground="art5_1"):
    """Notify from the case page as the contact point does; the page it comes back to."""
    return contact.post(
        f"/review/cases/{case.pk}/cooperation/",
        {"action": "notify", "ground": ground, "confirm": "on"},
        follow=True,
    )


@pytest.fixture
def notified(case):
    with on(3, 1):
        notify(case, contact_point())
    return Message.objects.get(case=case, kind="notification")


# --- the duty (Art. 5, 6) ----------------------------------------------------------


def test_a_state_controlled_investment_in_the_minimum_scope_must_be_notified_in_15_days(case):
    [due] = mechanism.notification_duty(case)

    # Received Wednesday 1 March 2028 + 15 days = Thursday 16 March (Art. 6).
    assert (due.duty.ground, str(due.due)) == ("art5_1", "2028-03-16")


def test_the_duty_names_the_state_control_it_rests_on(case):
    [due] = mechanism.notification_duty(case)

    assert due.duty.reasons[0] == "in the minimum scope of Art. 4(15)"
    assert due.duty.reasons[1].startswith("state control (5(1)(a)): CN: integrated ownership")


def test_the_case_page_tells_the_contact_point_to_notify_and_by_when(case):
    with on(3, 2):
        page = contact_point().get(f"/review/cases/{case.pk}/").content.decode()

    assert "Must be notified to the member states and the Commission" in page
    assert "by 2028-03-16" in page


def test_an_in_depth_investigation_with_the_group_in_another_member_state_is_art_5_2(
    world, investor, file
):
    content = grid_filing()
    content["scope"] = {"categories": []}  # not in the minimum scope: no 5(1)
    with on(3, 1):
        case = file(investor, content)
        senior = make_staff("senior_officer", "case_officer")
        act(senior, case, "open_phase_1")
        act(senior, case, "open_phase_2", reason="Grid security")

    [due] = mechanism.notification_duty(case)

    # Received 1 March + 45 days = Saturday 15 April; Easter Sunday 16 and Easter Monday
    # 17 April: Tuesday 18 April 2028 (Art. 6 with 5(2)).
    assert (due.duty.ground, str(due.due)) == ("art5_2", "2028-04-18")
    assert "the group has subsidiaries in FR" in due.duty.reasons


# --- notifying and the decision lock (Art. 5(4), 11(3), 11(5)) ----------------------


def test_the_notification_goes_to_every_peer_with_its_ground(notified):
    assert (notified.addressees, notified.regulation) == (["EU", "FR"], "eu-2026-1386")
    assert notified.payload["ground"] == "art5_1"


def test_the_notification_carries_the_filing_and_its_confidentiality_marks(world, investor, file):
    with on(3, 1):
        case = file(investor, {**grid_filing(), "confidential": ["funding"]})
        notify(case, contact_point())

    sent = Message.objects.get(case=case, kind="notification")
    assert sent.payload["confidential"] == ["funding"]
    assert sent.payload["other_filings"] == []  # the cross-references of Art. 7


def test_no_decision_before_the_opinion_period_ends(notified, case):
    # Notified 1 March: comments within 20 days (Tuesday 21 March), the Commission's
    # opinion within 30 (Friday 31 March); the decision waits for the later.
    case.refresh_from_db()

    assert notified.periods["comments_by"] == "2028-03-21"
    assert case.comment_period_ends.isoformat() == "2028-03-31"


def test_a_case_is_never_notified_twice(notified, case):
    with on(3, 2):
        response = notify(case, contact_point())

    assert "The case was notified on 2028-03-01; Art. 5(4): never twice." in (
        response.content.decode()
    )
    assert Message.objects.filter(case=case, kind="notification").count() == 1


def test_a_2019_452_case_is_not_notified_this_way(world, investor, file):
    case = file(investor)  # today, under 2019/452

    with pytest.raises(DomainError) as refused:
        mechanism.notify(case=case, ground="art5_1", actor=_contact_actor())

    assert refused.value.code == "wrong_regulation"


def _contact_actor():
    return Actor.for_user(contact_point().user)


# --- the others' side: intent (Art. 9, 10) -----------------------------------------


def receive_notification(client, france):
    with on(3, 1):
        response = deliver_to_us(
            client,
            france,
            "notification",
            regulation="eu-2026-1386",
            case_reference="FR-2028-000031",
            payload={"title": "Acquisition of a port operator", "ground": "art5_1"},
        )
    assert response.status_code == 201, response.content
    return Message.objects.get(kind="notification", direction="inbound")


def test_a_received_notification_opens_the_intent_comment_and_opinion_periods(client, world):
    france, _ = world
    received = receive_notification(client, france)

    # Received 1 March: this member state's intent within 15 days (Thursday 16 March),
    # comments within 20 (Tuesday 21 March), the Commission's opinion within 30.
    assert received.periods["intent_by"] == "2028-03-16"
    assert received.periods["comments_by"] == "2028-03-21"
    assert received.periods["opinion_by"] == "2028-03-31"


def test_a_2026_1386_kind_without_its_regulation_is_refused(client, world):
    france, _ = world
    response = deliver_to_us(client, france, "notification")

    assert response.status_code == 400
    assert "say regulation 'eu-2026-1386'" in response.json()["errors"][0]["detail"]


def test_the_intent_with_a_request_goes_to_the_notifier_and_the_commission(client, world):
    france, _ = world
    received = receive_notification(client, france)
    with on(3, 10):
        sent = mechanism.announce_intent(
            notification=received,
            information_request="Who appoints Huaxin's directors?",
            actor=_contact_actor(),
        )

    assert (sent.kind, sent.addressees) == ("intent_to_comment", ["EU", "FR"])
    assert sent.payload == {"information_request": "Who appoints Huaxin's directors?"}


def test_the_intent_is_refused_after_its_15_days(client, world):
    france, _ = world
    received = receive_notification(client, france)

    with on(3, 17), pytest.raises(DomainError) as refused:
        mechanism.announce_intent(notification=received, actor=_contact_actor())

    assert str(refused.value.detail) == "The intent was due by 2028-03-16 (Art. 9)."


def test_a_comment_needs_the_intent_first(client, world):
    france, _ = world
    received = receive_notification(client, france)

    with on(3, 5), pytest.raises(DomainError) as refused:
        services.comment_on(notification=received, text="Concerns", actor=_contact_actor())

    assert refused.value.code == "no_intent"


def test_additional_information_received_moves_the_periods(client, world):
    france, _ = world
    received = receive_notification(client, france)
    with on(3, 10):
        deliver_to_us(
            client,
            france,
            "additional_information",
            regulation="eu-2026-1386",
            case_reference="FR-2028-000031",
            payload={"information": "The state appoints two directors."},
        )
    received.refresh_from_db()

    # Information received Friday 10 March: comments 15 days later, Saturday 25 March,
    # move to Monday 27 March; the opinion 25 days later, Tuesday 4 April (Art. 11(3)).
    assert (received.periods["comments_by"], received.periods["opinion_by"]) == (
        "2028-03-27",
        "2028-04-04",
    )


# --- the notifying node answers (Art. 10, 11(4), 11(6), 12(4)) ----------------------


def intent_from_france(client, france, notified, request="Who appoints the directors?"):
    with on(3, 6):
        deliver_to_us(
            client,
            france,
            "intent_to_comment",
            regulation="eu-2026-1386",
            case_reference=notified.case_reference,
            in_reply_to=notified.message_id,
            payload={"information_request": request},
        )
    return Message.objects.get(kind="intent_to_comment", direction="inbound")


def test_sending_the_information_holds_the_decision_25_days_after_it(client, world, notified, case):
    intent = intent_from_france(client, world[0], notified)
    with on(3, 10):
        response = contact_point().post(
            f"/review/cases/{case.pk}/cooperation/",
            {
                "action": "additional_information",
                "message": str(intent.message_id),
                "text": "SASAC appoints two of five.",
            },
        )
    case.refresh_from_db()

    assert response.status_code == 302
    sent = Message.objects.get(kind="additional_information")
    assert sent.addressees == ["EU", "FR"]
    # Sent Friday 10 March + 25 days = Tuesday 4 April, later than 31 March.
    assert case.comment_period_ends.isoformat() == "2028-04-04"


def test_the_periods_are_extended_once_and_the_investor_is_told(
    notified, case, django_capture_on_commit_callbacks
):
    with on(3, 15), django_capture_on_commit_callbacks(execute=True):
        contact_point().post(
            f"/review/cases/{case.pk}/cooperation/",
            {"action": "extend", "days": "20", "reason": "A new shareholder agreement."},
        )
    case.refresh_from_db()

    # From the notification on 1 March: comments 20 + 20 = 40 days, Monday 10 April;
    # the opinion 30 + 20 = 50 days, Thursday 20 April (Art. 11(4)).
    notified.refresh_from_db()
    assert (notified.periods["comments_by"], notified.periods["opinion_by"]) == (
        "2028-04-10",
        "2028-04-20",
    )
    assert case.comment_period_ends.isoformat() == "2028-04-20"
    # The filing's contact (grid_operator_filing).
    assert [m.to for m in mail.outbox if "extended" in m.subject] == [
        ["k.berger@berger-partner.example"]
    ]


def test_a_second_extension_is_refused(notified, case):
    with on(3, 15):
        mechanism.extend_periods(case=case, days=5, reason="New facts", actor=_contact_actor())
        with pytest.raises(DomainError) as refused:
            mechanism.extend_periods(case=case, days=5, reason="More", actor=_contact_actor())

    assert refused.value.code == "already_extended"


def test_an_emergency_recorded_on_a_notified_case_is_notified_to_the_others(notified, case):
    with on(3, 8):
        senior = make_staff("senior_officer", "case_officer")
        response = senior.post(
            f"/api/v1/cases/{case.pk}/urgency/",
            {"justification": "The grid's operator is insolvent on 10 March."},
            format="json",
        )

    assert response.status_code == 200, response.json()
    emergency = Message.objects.get(kind="emergency_notice")
    assert emergency.addressees == ["EU", "FR"]


def decided(case, client, world, notified, capture):
    france, _ = world
    with on(3, 20):
        deliver_to_us(
            client,
            france,
            "comment",
            regulation="eu-2026-1386",
            case_reference=case.reference,
            in_reply_to=notified.message_id,
            payload={"comment": "Keep the control room in the Union."},
        )
    with on(4, 3), capture(execute=True):  # the report is drafted after the commit
        proposer = make_staff("senior_officer", "case_officer")
        approver = make_staff("senior_officer", "case_officer")
        for response in (
            act(proposer, case, "open_phase_1"),
            act(proposer, case, "propose_decision", outcome="cleared", reasons="No risk left."),
            act(approver, case, "approve_decision"),
        ):
            assert response.status_code == 200, response.json()
    return Message.objects.get(kind="decision_report")


def test_a_decided_notified_case_has_a_report_to_write_within_7_days(
    case, client, world, notified, django_capture_on_commit_callbacks
):
    report = decided(case, client, world, notified, django_capture_on_commit_callbacks)

    # Decided Monday 3 April 2028 + 7 days = Monday 10 April (Art. 12(4)).
    assert (report.status, report.payload["due_by"]) == ("draft", "2028-04-10")
    assert [row["said"] for row in report.payload["weighing"]] == [
        "Keep the control room in the Union."
    ]


def test_the_report_must_say_how_each_comment_was_taken_into_account(
    case, client, world, notified, django_capture_on_commit_callbacks
):
    report = decided(case, client, world, notified, django_capture_on_commit_callbacks)

    with on(4, 4), pytest.raises(Invalid) as refused:
        mechanism.send_decision_report(
            report=report,
            operative_part="Authorised.",
            summary_of_reasons="No risk left.",
            weighing={},
            actor=_contact_actor(),
        )

    comment = report.payload["weighing"][0]["message"]
    assert list(refused.value.detail) == [f"weighing.{comment}"]


def test_the_report_goes_to_the_nodes_notified(
    case, client, world, notified, django_capture_on_commit_callbacks
):
    report = decided(case, client, world, notified, django_capture_on_commit_callbacks)
    comment = report.payload["weighing"][0]["message"]

    with on(4, 4):
        sent = mechanism.send_decision_report(
            report=report,
            operative_part="Authorised.",
            summary_of_reasons="No risk left.",
            weighing={comment: "The control room stays in Berlin: condition 1."},
            actor=_contact_actor(),
        )

    assert (sent.status, sent.addressees) == ("sent", ["EU", "FR"])
    assert sent.payload["weighing"][0]["taken_into_account"].startswith("The control room")


def test_no_report_for_a_case_that_was_not_notified(
    world, investor, file, django_capture_on_commit_callbacks
):
    with on(3, 1), django_capture_on_commit_callbacks(execute=True):
        case = file(investor, grid_filing())
        proposer = make_staff("senior_officer", "case_officer")
        approver = make_staff("senior_officer", "case_officer")
        act(proposer, case, "open_phase_1")
        act(proposer, case, "propose_decision", outcome="cleared", reasons="Fine.")
        act(approver, case, "approve_decision")

    assert not Message.objects.filter(case=case, kind="decision_report").exists()


# --- asking the notifier, and penalties (Art. 11(4), 12(2), 14(7)) -------------------


def test_a_member_state_asks_the_notifier_for_an_extension_once(client, world):
    france, _ = world
    received = receive_notification(client, france)
    with on(3, 5):
        actor = _contact_actor()
        sent = mechanism.request_extension(
            notification=received, reason="A new shareholder agreement", actor=actor
        )
        with pytest.raises(DomainError) as again:
            mechanism.request_extension(notification=received, reason="Again", actor=actor)

    assert (sent.kind, sent.addressees) == ("extension_request", ["EU", "FR"])
    assert again.value.code == "already_sent"


def test_the_notifier_sees_the_request_beside_its_extension_form(client, world, notified, case):
    france, _ = world
    with on(3, 5):
        deliver_to_us(
            client,
            france,
            "extension_request",
            regulation="eu-2026-1386",
            case_reference=case.reference,
            in_reply_to=notified.message_id,
            payload={"reason": "A new shareholder agreement"},
        )
        page = contact_point().get(f"/review/cases/{case.pk}/").content.decode()

    assert "FR asks for an extension: A new shareholder agreement" in page


def test_a_meeting_on_a_notified_case_is_asked_of_every_node_notified(notified, case):
    with on(3, 5):
        response = contact_point().post(
            f"/review/cases/{case.pk}/cooperation/",
            {"action": "meeting", "reason": "The control room"},
            follow=True,
        )

    assert "Meeting requested of EU, FR." in response.content.decode()
    assert Message.objects.get(kind="meeting_request").in_reply_to == notified.message_id


def test_a_penalty_on_a_2026_1386_case_is_reported_to_the_commission(case):
    with on(3, 5):
        senior = make_staff("senior_officer", "case_officer")
        response = senior.post(
            f"/api/v1/cases/{case.pk}/penalties/",
            {
                "kind": "breach_of_measures",
                "decided_on": "2028-03-04",
                "reasons": "Completed during the standstill.",
                "amount": "250000",
                "currency": "EUR",
            },
            format="json",
        )

    assert response.status_code == 201, response.json()
    report = Message.objects.get(kind="penalty_report")
    assert (report.addressees, report.payload["amount"]) == (["EU"], "250000.00")


# --- found in review -----------------------------------------------------------------


def test_a_decision_report_cannot_be_sent_as_a_plain_draft(
    case, client, world, notified, django_capture_on_commit_callbacks
):
    report = decided(case, client, world, notified, django_capture_on_commit_callbacks)

    with on(4, 4), pytest.raises(DomainError) as refused:
        services.send_draft(message=report, actor=_contact_actor())

    assert refused.value.code == "wrong_kind"


def test_a_comment_through_the_api_also_needs_the_intent(client, world):
    france, _ = world
    received = receive_notification(client, france)
    with on(3, 5):
        response = contact_point().post(
            "/api/v1/cooperation/mail/",
            {
                "kind": "comment",
                "addressees": ["FR"],
                "case_reference": received.case_reference,
                "title": "Concerns",
                "in_reply_to": str(received.message_id),
            },
            format="json",
        )

    assert (response.status_code, response.json()["errors"][0]["code"]) == (409, "no_intent")


def test_the_intent_is_announced_from_the_notification_s_own_page(client, world):
    france, _ = world
    received = receive_notification(client, france)  # no case of ours is linked to it
    with on(3, 5):
        page = contact_point().post(
            f"/review/messages/{received.message_id}/intent/",
            {"information_request": ""},
            follow=True,
        )

    assert "Intent to comment sent to EU, FR." in page.content.decode()


def test_urgency_recorded_before_the_notification_goes_out_with_it(case):
    with on(3, 1):
        senior = make_staff("senior_officer", "case_officer")
        senior.post(
            f"/api/v1/cases/{case.pk}/urgency/",
            {"justification": "Insolvency on 3 March."},
            format="json",
        )
        notify(case, contact_point())

    assert Message.objects.get(kind="emergency_notice").addressees == ["EU", "FR"]
