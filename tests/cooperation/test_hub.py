"""The hub (the Commission's secure system, docs/cooperation.md §13): a node sends its
2026/1386 messages through it; the hub checks and keeps them and hands each on with the
sender's own signature; receivers accept what a hub relays only when that signature
holds."""

import time

import pytest
from django.test import Client

from cooperation import outbox, peers
from cooperation.models import Delivery, Message
from cooperation.pure import signing
from core.actors import Actor
from core.errors import DomainError
from tests.cooperation.conftest import make_peer

pytestmark = pytest.mark.django_db

RELAY = "/api/v1/cooperation/relay/"
INBOX = "/api/v1/cooperation/messages/"


@pytest.fixture
def hub(db):
    """The Commission's node, registered here as a hub."""
    node = make_peer("EU")
    peers.Peer.objects.filter(code="EU").update(is_hub=True)
    return node


def relayed_by(hub, origin, message_id, body, *, origin_timestamp=None, origin_secret=None):
    """The headers a hub sends: its own fresh signature, and the sender's as it got it."""
    original = signing.sign(
        message_id,
        origin_timestamp or int(time.time()) - 3600,  # signed an hour ago, the hub retried
        body,
        [origin_secret or origin.keys.secret],
    )
    return {
        **hub.headers(message_id, body),
        "HTTP_FDI_ORIGIN_SIGNATURE": original["webhook-signature"],
        "HTTP_FDI_ORIGIN_TIMESTAMP": original["webhook-timestamp"],
    }


def post(client, path, body, headers):
    return client.post(path, data=body, content_type="application/cloudevents+json", **headers)


def test_a_message_relayed_by_the_hub_is_received_as_the_sender_s(client, hub):
    france = make_peer("FR")
    message_id, body = france.message("comment", addressees=["DE"])

    response = post(client, INBOX, body, relayed_by(hub, france, message_id, body))

    assert response.status_code == 201, response.content
    received = Message.objects.get()
    assert (received.sender, received.relayed_by) == ("FR", "EU")


def test_a_hub_that_relays_a_forged_message_is_refused(client, hub):
    france = make_peer("FR")
    message_id, body = france.message("comment", addressees=["DE"])
    forger = signing.new_key_pair().secret

    response = post(
        client, INBOX, body, relayed_by(hub, france, message_id, body, origin_secret=forger)
    )

    assert (response.status_code, response.json()["errors"][0]["code"]) == (
        401,
        "bad_origin_signature",
    )
    assert not Message.objects.exists()


def test_a_peer_that_is_no_hub_cannot_relay(client, db):
    france, italy = make_peer("FR"), make_peer("IT")
    message_id, body = france.message("comment", addressees=["DE"])

    response = post(client, INBOX, body, relayed_by(italy, france, message_id, body))

    assert response.status_code == 401  # signed by IT, says it comes from FR


def test_a_sender_s_signature_older_than_90_days_is_refused(client, hub):
    france = make_peer("FR")
    message_id, body = france.message("comment", addressees=["DE"])
    long_ago = int(time.time()) - 91 * 24 * 3600

    response = post(
        client, INBOX, body, relayed_by(hub, france, message_id, body, origin_timestamp=long_ago)
    )

    assert response.status_code == 401


# --- this node as the hub -----------------------------------------------------------


@pytest.fixture
def as_hub(settings, db):
    settings.COOPERATION_RELAY = True
    return make_peer("FR"), make_peer("IT")


def test_the_hub_keeps_the_message_and_a_delivery_per_addressee(client, as_hub):
    france, _ = as_hub
    message_id, body = france.message("comment", addressees=["IT"])

    response = post(client, RELAY, body, france.headers(message_id, body))

    assert response.status_code == 201, response.content
    assert response.json()["relayed_to"] == ["IT"]
    kept = Message.objects.get()
    assert kept.direction == "relayed"
    assert [d.peer.code for d in Delivery.objects.filter(message=kept)] == ["IT"]


def test_the_hub_hands_it_on_with_the_sender_s_signature(client, as_hub):
    france, _ = as_hub
    message_id, body = france.message("comment", addressees=["IT"])
    signed = france.headers(message_id, body)
    post(client, RELAY, body, signed)

    origin = outbox.origin_headers(Message.objects.get())

    assert origin == {
        "fdi-origin-signature": signed["HTTP_WEBHOOK_SIGNATURE"],
        "fdi-origin-timestamp": signed["HTTP_WEBHOOK_TIMESTAMP"],
    }


def test_a_message_for_the_hub_itself_is_also_received_there(client, as_hub):
    france, _ = as_hub
    message_id, body = france.message("comment", addressees=["DE", "IT"])

    post(client, RELAY, body, france.headers(message_id, body))

    assert Message.objects.get().direction == "inbound"


def test_the_hub_relays_a_message_once(client, as_hub):
    france, _ = as_hub
    message_id, body = france.message("comment", addressees=["IT"])
    post(client, RELAY, body, france.headers(message_id, body))

    again = post(client, RELAY, body, france.headers(message_id, body))

    assert (again.status_code, again.json()["duplicate"]) == (200, True)
    assert Delivery.objects.count() == 1


def test_the_hub_refuses_an_addressee_it_does_not_know(client, as_hub):
    france, _ = as_hub
    message_id, body = france.message("comment", addressees=["PL"])

    response = post(client, RELAY, body, france.headers(message_id, body))

    assert (response.status_code, response.json()["errors"][0]["code"]) == (403, "not_relayable")


def test_a_node_that_is_no_hub_has_no_relay(client, db):
    france = make_peer("FR")
    message_id, body = france.message("comment", addressees=["IT"])

    assert post(Client(), RELAY, body, france.headers(message_id, body)).status_code == 404


# --- sending through the hub --------------------------------------------------------


def meeting_request():
    """A 2026/1386 message of this node to France (Art. 12(2))."""
    return outbox.send_message(
        kind="meeting_request",
        addressees=["FR"],
        case_reference="DE-2028-000001",
        title="Meeting",
        payload={},
        actor=Actor.system("test"),
        regulation="eu-2026-1386",
    )


def test_a_2026_1386_message_goes_to_the_hub_only(settings, hub, node_key):
    settings.COOPERATION_HUB = "EU"
    make_peer("FR")

    sent = meeting_request()

    deliveries = list(Delivery.objects.filter(message=sent))
    assert [(d.peer.code, d.via_hub) for d in deliveries] == [("EU", True)]


def test_a_2019_452_message_still_goes_direct(settings, hub, node_key):
    settings.COOPERATION_HUB = "EU"
    make_peer("FR")

    sent = outbox.send_message(
        kind="comment",
        addressees=["FR"],
        case_reference="FR-2026-000001",
        title="Comment",
        payload={},
        actor=Actor.system("test"),
    )

    deliveries = Delivery.objects.filter(message=sent).order_by("peer__code")
    assert [(d.peer.code, d.via_hub) for d in deliveries] == [("EU", False), ("FR", False)]


def test_a_hub_that_is_not_registered_stops_the_message(settings, db, node_key):
    settings.COOPERATION_HUB = "EU"
    make_peer("FR")

    with pytest.raises(DomainError) as refused:
        meeting_request()

    assert refused.value.code == "no_hub"
