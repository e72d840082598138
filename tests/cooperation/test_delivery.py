"""The outbox: a message leaves after its transaction commits, over real HTTP to a peer,
and one that is refused or finds the peer down is tried again later, never lost."""

import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from cooperation import outbox, peers
from cooperation.models import Delivery, Message
from cooperation.pure import signing
from cooperation.tasks import redeliver_due
from core.actors import Actor
from tests.cooperation.conftest import make_peer

START = datetime(2026, 7, 6, 8, 0, tzinfo=UTC)


class PeerServer:
    """A peer's inbox on loopback: records what arrives, answers with the given statuses."""

    def __init__(self, statuses):
        self.statuses = list(statuses)
        self.received: list[tuple[dict, bytes]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append((dict(self.headers), body))
                code = outer.statuses.pop(0) if outer.statuses else 201
                self.send_response(code)
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


@pytest.fixture
def peer_server():
    servers = []

    def start(*statuses):
        server = PeerServer(statuses)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def send_to(code, kind="notification_art6"):
    return outbox.send_message(
        kind=kind,
        addressees=[code],
        case_reference="DE-2026-000001",
        title="Acquisition of Nordwind Netz GmbH",
        payload={"investor": "Berger Energie Holding AG"},
        actor=Actor.system("test"),
    )


def test_a_sent_message_arrives_signed_with_this_nodes_key(db, node_key, peer_server):
    peer = peer_server(201)
    peers.register_peer(
        code="FR", name="France", base_url=peer.url, public_key=signing.new_key_pair().public
    )
    message = send_to("FR")
    delivery = Delivery.objects.get(message=message)

    assert outbox.deliver(delivery.pk) is True

    headers, body = peer.received[0]
    assert body == message.body.encode()
    assert signing.verify(headers, body, [node_key.public_key]) == str(message.message_id)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 1)


def test_a_peer_that_is_down_gets_the_message_on_a_later_attempt(
    db, node_key, peer_server, settings
):
    settings.COOPERATION_RETRY_SECONDS = 30
    peer = peer_server(503)
    peers.register_peer(
        code="FR", name="France", base_url=peer.url, public_key=signing.new_key_pair().public
    )
    with time_machine.travel(START, tick=False) as clock:
        delivery = Delivery.objects.get(message=send_to("FR"))
        first = outbox.deliver(delivery.pk)
        clock.shift(timedelta(seconds=29))
        too_early = outbox.due_deliveries()  # what the sweep would send again
        clock.shift(timedelta(seconds=1))
        due = outbox.due_deliveries()
        second = outbox.deliver(delivery.pk)

    assert (first, too_early, due) == (False, [], [delivery.pk])
    assert (second, len(peer.received)) == (True, 2)


def test_an_unreachable_peer_backs_off_exponentially(db, node_key, settings):
    settings.COOPERATION_RETRY_SECONDS = 30
    make_peer("FR")  # at an address where nothing listens
    waits = []
    with time_machine.travel(START, tick=False) as clock:
        delivery = Delivery.objects.get(message=send_to("FR"))
        for _ in range(4):
            outbox.deliver(delivery.pk, timeout=1)
            delivery.refresh_from_db()
            waits.append(delivery.next_attempt_at - timezone.now())
            clock.move_to(delivery.next_attempt_at)

    # 30 s, doubling after each failure.
    assert waits == [timedelta(seconds=s) for s in (30, 60, 120, 240)]
    assert delivery.last_error.startswith("Nothing answered at FR's address (http://127.0.0.1:")


def test_the_sweep_queues_what_is_due(db, node_key):
    peers.register_peer(
        code="FR",
        name="France",
        base_url="http://127.0.0.1:9",
        public_key=signing.new_key_pair().public,
    )
    send_to("FR")

    assert redeliver_due.apply().get() == 1


def test_a_message_whose_transaction_rolls_back_leaves_nothing(db, node_key):
    peers.register_peer(
        code="FR",
        name="France",
        base_url="http://127.0.0.1:9",
        public_key=signing.new_key_pair().public,
    )

    with pytest.raises(RuntimeError), transaction.atomic():
        send_to("FR")
        raise RuntimeError("the change that caused the message failed")

    assert (Message.objects.count(), Delivery.objects.count()) == (0, 0)


def test_only_the_commission_node_may_send_an_opinion(db, node_key, settings):
    peers.register_peer(
        code="FR",
        name="France",
        base_url="http://127.0.0.1:9",
        public_key=signing.new_key_pair().public,
    )

    from core.errors import DomainError

    with pytest.raises(DomainError):
        send_to("FR", kind="opinion")
    settings.NODE_CODE = "EU"
    assert send_to("FR", kind="opinion").sender == "EU"


def test_after_a_key_rotation_messages_verify_with_the_old_key_and_the_new(db, peer_server):
    old = peers.create_node_key()
    new = peers.create_node_key()  # the old one keeps signing for the grace period
    peer = peer_server(201)
    peers.register_peer(
        code="FR", name="France", base_url=peer.url, public_key=signing.new_key_pair().public
    )

    outbox.deliver(Delivery.objects.get(message=send_to("FR")).pk)

    headers, body = peer.received[0]
    assert signing.verify(headers, body, [old.public_key])
    assert signing.verify(headers, body, [new.public_key])


def test_a_peers_new_key_leaves_its_old_key_valid_for_the_grace_period(db):
    first, second = signing.new_key_pair(), signing.new_key_pair()
    peers.register_peer(
        code="FR", name="France", base_url="https://fr.example", public_key=first.public
    )

    with time_machine.travel(START, tick=False):
        peer = peers.register_peer(
            code="FR",
            name="France",
            base_url="https://fr.example",
            public_key=second.public,
            grace=timedelta(days=14),
        )
        accepted = peers.accepted_keys(peer)

    assert sorted(accepted) == sorted([first.public, second.public])
    assert peer.keys.get(public_key=first.public).valid_until == START + timedelta(days=14)


def test_a_comment_between_member_states_is_copied_to_the_commission(db, node_key):
    for code in ("FR", "EU"):
        peers.register_peer(
            code=code,
            name=code,
            base_url="http://127.0.0.1:9",
            public_key=signing.new_key_pair().public,
        )

    assert send_to("FR", kind="comment").addressees == ["EU", "FR"]


def test_a_message_the_node_cannot_sign_records_why_and_stays_pending(db, node_key, settings):
    make_peer("FR")  # at an address where nothing listens
    delivery = Delivery.objects.get(message=send_to("FR"))
    settings.SECRET_KEY = "another-secret-key"  # the node key was encrypted under the old one

    delivered = outbox.deliver(delivery.pk, timeout=1)

    delivery.refresh_from_db()
    assert (delivered, delivery.status, delivery.attempts) == (False, "pending", 1)
    assert delivery.last_error.startswith("Not sent: This node's signing key cannot be decrypted")


def test_a_peer_that_refuses_our_signature_is_named_with_what_to_check(db, node_key, peer_server):
    peer = peer_server(401)
    peers.register_peer(
        code="FR", name="France", base_url=peer.url, public_key=signing.new_key_pair().public
    )
    delivery = Delivery.objects.get(message=send_to("FR"))

    outbox.deliver(delivery.pk)

    delivery.refresh_from_db()
    assert delivery.last_error == (
        "FR's node refused our signature or our right to send this (HTTP 401): check the "
        "keys the two nodes registered for each other. It said: {}"
    )
