"""Three real nodes on loopback (DE, FR and the Commission), each with its own database,
web server and Celery worker: the Art. 6 exchange end to end, with a peer down, Redis
restarted, a replayed message and a forged one."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
import uuid

import pytest

from cooperation.pure import signing
from tests.federation.harness import Federation, wait_for

NOTIFY = """
from django.contrib.auth.models import Group, User
from core.actors import Actor
from core.models import Membership
from cooperation import services as cooperation
from cooperation.models import Message
from reviews import opening, services
from reviews.services import node_authority

def staff(name, group):
    user, _ = User.objects.get_or_create(username=name, email=f"{name}@de.example")
    Membership.objects.get_or_create(user=user, defaults={"organisation": node_authority()})
    user.groups.add(Group.objects.get_or_create(name=group)[0])
    return Actor.for_user(user)

senior = staff("senior", "senior_officer")
contact = staff("contact", "contact_point")
case = opening.call_in(
    actor=senior, title="Acquisition of Nordwind Netz GmbH", investor_name="Huaxin Energy",
    investor_country="CN", target_name="Nordwind Netz GmbH", target_country="DE",
    sectors=["infrastructure.energy"], grounds="Grid operator bought by a state-owned group.",
)
services.open_phase_1(case=case, actor=senior)
# The node's worker prepares the Art. 6 notification after the commit (an after-commit
# effect, core/effects.py): wait for the draft as the contact point would, until a
# deadline.
from tests.federation.harness import wait_for
draft = wait_for(
    lambda: Message.objects.filter(case=case, kind="notification_art6").first(),
    timeout=60, what="the notification the worker prepares",
)
cooperation.send_draft(message=draft, actor=contact)
print(case.reference, draft.message_id)
"""

DECIDE = """
from django.contrib.auth.models import Group, User
from core.actors import Actor
from core.models import Membership
from reviews import decisions, services
from reviews.models import Case
from reviews.services import node_authority

def staff(name, group):
    user, _ = User.objects.get_or_create(username=name, email=f"{name}@de.example")
    Membership.objects.get_or_create(user=user, defaults={"organisation": node_authority()})
    user.groups.add(Group.objects.get_or_create(name=group)[0])
    return Actor.for_user(user)

proposer, approver = staff("senior", "senior_officer"), staff("senior2", "senior_officer")
case = Case.objects.get(reference="{reference}")
decisions.propose_decision(case=case, actor=proposer, outcome="prohibited",
                           reasons="Control by a third-country state over a grid operator.")
services.record_urgency(case=case, actor=approver,
                        justification="Completion is scheduled before the period ends.")
decisions.approve_decision(case=case, actor=approver)  # the final notice follows
"""


@pytest.fixture(scope="module")
def federation():
    nodes = Federation(["DE", "FR", "EU"])
    try:
        yield nodes.start()
    finally:
        nodes.stop()


def received(node, kind):
    return [row for row in node.received() if row[0] == kind]


def delivery_to(node, peer_code, kind):
    rows = node.query(
        "SELECT d.status, d.attempts, d.last_error FROM cooperation_delivery d "
        "JOIN cooperation_message m ON m.id = d.message_id "
        "JOIN cooperation_peer p ON p.id = d.peer_id WHERE p.code = %s AND m.kind = %s",
        (peer_code, kind),
    )
    return rows[0] if rows else None


def post(url, body, headers):
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_art_6_exchange_arrives_exactly_once_whatever_fails(federation):
    de, fr, eu = federation["DE"], federation["FR"], federation["EU"]

    # DE opens phase 1 on a case; its contact point sends the prepared notification.
    reference, notification = de.manage("shell", "-c", NOTIFY).strip().splitlines()[-1].split()
    wait_for(
        lambda: received(fr, "notification_art6") and received(eu, "notification_art6"),
        what="the notification at FR and EU",
    )

    # FR comments (to DE, the Commission sees it); the Commission gives its opinion.
    fr.manage(
        "send_message",
        "comment",
        "--to",
        "DE,EU",
        "--case",
        reference,
        "--reply-to",
        notification,
        "--title",
        "Grid security concerns",
    )
    eu.manage(
        "send_message",
        "opinion",
        "--to",
        "DE",
        "--case",
        reference,
        "--reply-to",
        notification,
        "--title",
        "Opinion of the Commission",
    )
    wait_for(
        lambda: received(de, "comment") and received(de, "opinion") and received(eu, "comment"),
        what="the comment and the opinion at DE",
    )

    # FR goes down; DE decides, and its final notice goes to FR and the Commission.
    fr.stop_web()
    de.manage("shell", "-c", DECIDE.replace("{reference}", reference))
    wait_for(lambda: received(eu, "final_decision"), what="the final notice at EU")
    wait_for(
        lambda: (delivery_to(de, "FR", "final_decision") or ("", 0, ""))[1] >= 1,
        what="a failed attempt to reach FR",
    )
    assert delivery_to(de, "FR", "final_decision")[0] == "pending"
    fr.start_web()
    wait_for(lambda: received(fr, "final_decision"), timeout=180, what="FR catching up")

    # Redis goes away while FR asks DE for information: the outbox keeps the message.
    federation.redis.stop()
    fr.manage(
        "send_message",
        "information_request",
        "--to",
        "DE,EU",
        "--case",
        reference,
        "--reply-to",
        notification,
        "--title",
        "Who controls Huaxin Energy?",
    )
    # Accepted while the broker is down: kept in FR's outbox, not yet attempted.
    assert delivery_to(fr, "DE", "information_request")[:2] == ("pending", 0)
    federation.redis.start()
    wait_for(
        lambda: received(de, "information_request") and received(eu, "information_request"),
        timeout=120,
        what="the request at DE and EU after Redis came back",
    )

    # Every message arrived exactly once, at every node it was addressed to.
    assert sorted(de.received()) == [
        ("comment", "FR"),
        ("information_request", "FR"),
        ("opinion", "EU"),
    ]
    assert fr.received() == [("notification_art6", "DE"), ("final_decision", "DE")]
    assert sorted(eu.received()) == sorted(
        [
            ("notification_art6", "DE"),
            ("comment", "FR"),
            ("final_decision", "DE"),
            ("information_request", "FR"),
        ]
    )
    for node in (de, fr, eu):
        assert (
            node.query(
                "SELECT message_id FROM cooperation_message GROUP BY message_id HAVING count(*) > 1"
            )
            == []
        )

    # FR reads DE's feed as a node catching up would: everything is there, nothing new.
    assert fr.manage("pull_feed", "DE").strip() == "2 entries read from DE, 0 new"

    # A captured message replayed to FR is acknowledged as a duplicate (or, once its
    # timestamp is too old, refused), and never stored twice.
    body, headers = fr.query(
        "SELECT body, signature FROM cooperation_message WHERE kind = 'final_decision'"
    )[0]
    replay = post(
        f"{fr.url}/api/v1/cooperation/messages/",
        body.encode(),
        {**headers, "Content-Type": "application/json"},
    )
    assert replay in (200, 400)
    assert len(received(fr, "final_decision")) == 1

    # A message forged in DE's name, with a key that is not DE's, is refused.
    forged_id = str(uuid.uuid4())
    event = json.loads(body)
    event.update(id=forged_id, type="eu.europa.fdi.withdrawal")
    forged_body = json.dumps(event).encode()
    forged = signing.sign(forged_id, int(time.time()), forged_body, [signing.new_key_pair().secret])
    status = post(
        f"{fr.url}/api/v1/cooperation/messages/",
        forged_body,
        {**forged, "Content-Type": "application/json"},
    )
    assert status == 401
    assert received(fr, "withdrawal") == []
