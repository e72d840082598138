"""Peers with real keys, and messages as another node would sign and send them."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from cooperation import peers, wire
from cooperation.models import Message
from cooperation.pure import signing


@dataclass
class FakeNode:
    """Another node's identity: its code and its key pair, registered as our peer."""

    code: str
    keys: signing.KeyPair

    def message(
        self,
        kind,
        *,
        addressees=("DE", "EU"),
        case_reference="FR-2026-000007",
        in_reply_to=None,
        payload=None,
        regulation="eu-2019-452",
    ):
        message = Message(
            message_id=uuid.uuid4(),
            kind=kind,
            sender=self.code,
            addressees=list(addressees),
            case_reference=case_reference,
            in_reply_to=in_reply_to,
            regulation=regulation,
            classification="EU RESTRICTED",
            title=f"{kind} from {self.code}",
            payload=payload or {},
            sent_at=timezone.now(),
        )
        return str(message.message_id), wire.envelope(message).encode()

    def headers(self, message_id, body, *, timestamp=None, secret=None):
        signed = signing.sign(
            message_id, timestamp or int(time.time()), body, [secret or self.keys.secret]
        )
        return {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in signed.items()}


def make_peer(code, base_url="http://127.0.0.1:9"):
    keys = signing.new_key_pair()
    peers.register_peer(code=code, name=f"{code} node", base_url=base_url, public_key=keys.public)
    return FakeNode(code, keys)


def on(month, day, year=2028):
    """Travel to a day under Regulation (EU) 2026/1386 (10:00 in Berlin); staff signed in
    before another day's travel are signed out (sessions last 30 minutes)."""
    return time_machine.travel(
        datetime(year, month, day, 10, tzinfo=ZoneInfo("Europe/Berlin")), tick=False
    )


@pytest.fixture
def world(db, node_key):
    """France and the Commission as this node's peers, registered on 1 March 2028."""
    with on(3, 1):
        return make_peer("FR"), make_peer("EU")


@pytest.fixture
def france(db):
    return make_peer("FR")


@pytest.fixture
def commission(db):
    return make_peer("EU")


@pytest.fixture
def node_key(db):
    return peers.create_node_key()


def deliver_to_us(client, node, kind, **kwargs):
    message_id, body = node.message(kind, **kwargs)
    return client.post(
        "/api/v1/cooperation/messages/",
        data=body,
        content_type="application/cloudevents+json",
        **node.headers(message_id, body),
    )


@pytest.fixture
def filed_case(investor):
    from reviews.tasks import open_missing_cases
    from tests.factories import submitted_filing

    submitted_filing(investor)
    open_missing_cases()
    from reviews.models import Case

    return Case.objects.get()


# The review's staff and a filed case, for the ties between the review and cooperation.
from tests.reviews.conftest import (  # noqa: E402, F401 - fixtures shared with reviews
    eager_tasks,
    file,
    filed,
    officer,
    other_senior,
    senior,
)


@pytest.fixture
def contact(db):
    from tests.reviews.conftest import make_staff

    return make_staff("contact_point", name="contact")
