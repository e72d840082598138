"""What a node accepts from its peers, and what it refuses with a clear error."""

import json
import time

from cooperation.models import Message
from cooperation.pure import signing
from tests.cooperation.conftest import FakeNode, deliver_to_us, make_peer


def codes(response):
    return [error["code"] for error in response.json()["errors"]]


def test_a_signed_notification_from_a_peer_is_stored_with_its_periods(client, france):
    response = deliver_to_us(client, france, "notification_art6")

    assert response.status_code == 201, response.json()
    message = Message.objects.get()
    assert (message.direction, message.sender, message.kind) == (
        "inbound",
        "FR",
        "notification_art6",
    )
    assert message.periods["comments_by"] is not None


def test_a_message_delivered_twice_is_acknowledged_and_kept_once(client, france):
    message_id, body = france.message("notification_art6")
    headers = france.headers(message_id, body)
    post = lambda: client.post(  # noqa: E731
        "/api/v1/cooperation/messages/", data=body, content_type="application/json", **headers
    )

    first, second = post(), post()

    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json() == {"message_id": message_id, "duplicate": True}
    assert Message.objects.count() == 1


def test_a_forged_signature_is_refused(client, france):
    impostor = make_peer("IT")  # any key but France's
    message_id, body = france.message("notification_art6")

    response = client.post(
        "/api/v1/cooperation/messages/",
        data=body,
        content_type="application/json",
        **france.headers(message_id, body, secret=impostor.keys.secret),
    )

    assert response.status_code == 401
    assert codes(response) == ["bad_signature"]
    assert not Message.objects.exists()


def test_a_message_from_a_node_we_do_not_know_is_refused_as_unsigned(client, db):
    stranger = FakeNode("XX", signing.new_key_pair())  # never registered as a peer

    response = deliver_to_us(client, stranger, "comment")

    assert (response.status_code, codes(response)) == (401, ["bad_signature"])
    assert not Message.objects.exists()


def test_a_peer_signing_in_another_peers_name_is_refused(client, france):
    italy = make_peer("IT")
    message_id, body = france.message("comment")  # says it comes from FR

    response = client.post(
        "/api/v1/cooperation/messages/",
        data=body,
        content_type="application/json",
        **italy.headers(message_id, body),
    )

    assert (response.status_code, codes(response)) == (401, ["bad_signature"])
    assert "signed with IT's key" in response.json()["errors"][0]["detail"]


def test_a_signed_body_is_checked_before_it_is_parsed(client, france):
    # Valid signature over bytes that are not JSON at all: the signature holds, then the
    # body is refused as malformed (and a deep body was never parsed unsigned, above).
    body = b"[" * 5000
    response = client.post(
        "/api/v1/cooperation/messages/",
        data=body,
        content_type="application/json",
        **france.headers("0f8c8a4e-2d55-4a5e-9d43-1e8c0f1f5b11", body),
    )

    assert (response.status_code, codes(response)) == (400, ["malformed"])


def test_a_timestamp_outside_the_tolerance_is_refused(client, france):
    message_id, body = france.message("comment")

    response = client.post(
        "/api/v1/cooperation/messages/",
        data=body,
        content_type="application/json",
        **france.headers(message_id, body, timestamp=int(time.time()) - 3600),
    )

    assert (response.status_code, codes(response)) == (400, ["bad_timestamp"])


def test_only_the_commission_may_send_an_opinion(client, france, commission):
    refused = deliver_to_us(client, france, "opinion")
    accepted = deliver_to_us(client, commission, "opinion")

    assert (refused.status_code, codes(refused)) == (403, ["kind_not_allowed"])
    assert accepted.status_code == 201


def test_a_message_not_addressed_to_this_node_is_refused(client, france):
    response = deliver_to_us(client, france, "comment", addressees=("AT", "EU"))

    assert (response.status_code, codes(response)) == (403, ["not_addressed_here"])


def test_a_body_that_is_not_a_cloud_event_is_refused(client, france):
    body = b'{"hello": "world"}'

    response = client.post(
        "/api/v1/cooperation/messages/",
        data=body,
        content_type="application/json",
        **france.headers("4f1d7c0e-4b1e-4c53-9d7a-1f0c2b3a4d5e", body),
    )

    assert (response.status_code, codes(response)) == (400, ["malformed"])


def test_a_comment_on_our_case_is_linked_to_it(client, france, filed_case):
    response = deliver_to_us(client, france, "comment", case_reference=filed_case.reference)

    assert response.status_code == 201
    assert Message.objects.get().case == filed_case


def test_a_reply_with_requested_information_extends_the_comment_period(client, france, node_key):
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    import time_machine
    from django.utils import timezone

    from cooperation import outbox
    from core.actors import Actor

    with time_machine.travel(
        datetime(2026, 7, 6, 10, tzinfo=ZoneInfo("Europe/Berlin")), tick=False
    ):
        deliver_to_us(client, france, "notification_art6")
        notification = Message.objects.get(kind="notification_art6")
        # Received 30 days ago: comments were due in 5 days.
        Message.objects.filter(pk=notification.pk).update(
            received_at=timezone.now() - timedelta(days=30)
        )
        request = outbox.send_message(
            kind="information_request",
            addressees=["FR"],
            case_reference=notification.case_reference,
            title="Who controls the investor?",
            payload={},
            in_reply_to=notification.message_id,
            actor=Actor.system("test"),
        )

        deliver_to_us(client, france, "reply", in_reply_to=request.message_id)

    notification.refresh_from_db()
    # 20 days after the information arrived on 6 July.
    assert notification.periods["comments_by"] == "2026-07-26"
    assert "Art. 6(6)" in notification.periods["reason"]


def test_a_malformed_reference_to_another_message_is_refused_not_a_crash(client, france):
    message_id, body = france.message("comment")
    event = json.loads(body)
    event["data"]["in_reply_to"] = "not-a-uuid"
    body = json.dumps(event).encode()

    response = client.post(
        "/api/v1/cooperation/messages/",
        data=body,
        content_type="application/json",
        **france.headers(message_id, body),
    )

    assert (response.status_code, codes(response)) == (400, ["malformed"])


def test_a_case_reference_too_long_to_store_is_refused(client, france):
    response = deliver_to_us(client, france, "comment", case_reference="X" * 41)

    assert (response.status_code, codes(response)) == (400, ["malformed"])


def test_a_malformed_message_is_a_client_error_without_a_field(client, france):
    response = deliver_to_us(client, france, "comment", addressees=("DE", 42))

    body = response.json()
    assert response.status_code == 400
    assert (body["type"], body["errors"][0]["attr"]) == ("client_error", None)


def test_a_payload_that_is_not_an_object_is_refused(client, france, node_key):
    from tests.cooperation.conftest import deliver_to_us

    response = deliver_to_us(client, france, "comment", payload=["a", "list"])

    assert response.status_code == 400
    assert response.json()["errors"][0]["detail"] == "payload must be a JSON object."


def test_a_nul_character_in_a_message_is_refused(client, france, node_key):
    from tests.cooperation.conftest import deliver_to_us

    response = deliver_to_us(client, france, "comment", payload={"comment": "a\u0000b"})

    assert response.status_code == 400


def test_a_reply_to_that_is_not_a_string_is_refused(client, france, node_key):
    import json

    message_id, body = france.message("comment")
    event = json.loads(body)
    event["data"]["in_reply_to"] = 12345678901234567890123456789012
    body = json.dumps(event).encode()

    response = client.post(
        "/api/v1/cooperation/messages/",
        data=body,
        content_type="application/cloudevents+json",
        **france.headers(message_id, body),
    )

    assert response.status_code == 400
