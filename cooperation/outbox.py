"""Sending: a message and one delivery per addressee are written in the caller's
transaction (the outbox); Celery delivers after commit with exponential backoff, and a
sweep re-queues whatever is due, so a broker restart or a peer that is down loses nothing."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cooperation import keys
from cooperation.models import Delivery, Kind, Message, Peer
from cooperation.peers import commission_is_peer
from cooperation.pure import deadlines
from cooperation.wire import (
    COMMISSION,
    INBOX_PATH,
    ORIGIN_SIGNATURE,
    ORIGIN_TIMESTAMP,
    RELAY_PATH,
    SEEN_BY_THE_COMMISSION,
    envelope,
    may_send,
    node_code,
    signed_headers,
)
from core.actors import Actor
from core.errors import DomainError, Invalid
from core.pure.regulations import Regulation
from core.queue import enqueue
from core.services import record_audit
from reviews import services as reviews_services
from reviews.models import Case

# --- sending ------------------------------------------------------------------------


def send_message(
    *,
    kind: str,
    addressees: list[str],
    case_reference: str,
    title: str,
    payload: dict[str, Any],
    actor: Actor,
    case: Case | None = None,
    in_reply_to: uuid.UUID | None = None,
    classification: str = "EU RESTRICTED",
    regulation: str | None = None,
) -> Message:
    """Write the message and its deliveries; they leave after the transaction commits.

    The regulation, when not given, is that of the message answered, else the case's:
    an opinion on a 2026/1386 notification belongs to 2026/1386's mechanism."""
    sender = node_code()
    regulation = regulation or _regulation_for(in_reply_to, case)
    if kind == Kind.COMMENT and sender != COMMISSION:
        _require_intent(in_reply_to)
    if not may_send(sender, kind):
        raise DomainError(f"This node ({sender}) may not send a {Kind(kind).label.lower()}.")
    # Art. 6(2): the Commission sees comments and requests between member states.
    if kind in SEEN_BY_THE_COMMISSION and sender != COMMISSION and commission_is_peer():
        addressees = sorted({*addressees, COMMISSION})
    peers = {p.code: p for p in Peer.objects.filter(code__in=addressees, is_active=True)}
    unknown = sorted(set(addressees) - set(peers))
    if unknown or not addressees:
        raise Invalid(
            {"addressees": [f"No active peer: {', '.join(unknown)}." if unknown else "Name one."]}
        )
    now = timezone.now()
    message = Message(
        direction=Message.Direction.OUTBOUND,
        status=Message.Status.SENT,
        kind=kind,
        sender=sender,
        addressees=sorted(addressees),
        case_reference=case_reference,
        case=case,
        in_reply_to=in_reply_to,
        regulation=regulation,
        classification=classification,
        title=title,
        payload=payload,
        sent_at=now,
        created_by=actor.label,
    )
    with transaction.atomic():
        write_outbound(message, peers, actor)
        if kind == Kind.REPLY and case is not None and regulation == Regulation.EU_2019_452:
            # Art. 6(6): comments may come up to 20 days after the information arrives
            # (and the Commission's opinion 5 days after that). The period only ever
            # grows: information sent early leaves the 35 (+5) days from the notification.
            periods = deadlines.after_information(timezone.localdate())
            assert periods.opinion_by is not None
            reviews_services.set_comment_period(
                case=case,
                actor=actor,
                ends_on=periods.opinion_by,
                reason="Information sent to another node (Art. 6(6))",
            )
    return message


def _require_intent(in_reply_to: uuid.UUID | None) -> None:
    """Art. 9 of 2026/1386: a member state comments on a notification after announcing
    its intent to, however the comment is sent (page, API, command)."""
    if in_reply_to is None:
        return
    answered = Message.objects.filter(message_id=in_reply_to, kind=Kind.NOTIFICATION).first()
    if (
        answered is not None
        and not Message.objects.filter(
            kind=Kind.INTENT_TO_COMMENT,
            direction=Message.Direction.OUTBOUND,
            in_reply_to=in_reply_to,
        ).exists()
    ):
        raise DomainError(
            "Announce the intent to comment first (Art. 9 of Regulation (EU) 2026/1386).",
            code="no_intent",
        )


def _regulation_for(in_reply_to: uuid.UUID | None, case: Case | None) -> str:
    answered = Message.objects.filter(message_id=in_reply_to).first() if in_reply_to else None
    if answered is not None:
        return answered.regulation
    return case.regulation if case is not None else Regulation.EU_2019_452.value


def write_outbound(message: Message, peers: dict[str, Peer], actor: Actor) -> Message:
    """Save a message to send, with its deliveries, in the caller's transaction: one per
    addressee, or one to the hub that relays 2026/1386 messages (§13)."""
    message.body = envelope(message)
    hub = hub_for(message)
    with transaction.atomic():
        lock_case_before_audit(message.case)
        message.save()
        deliveries = Delivery.objects.bulk_create(
            [Delivery(message=message, peer=hub, next_attempt_at=message.sent_at, via_hub=True)]
            if hub is not None
            else [
                Delivery(message=message, peer=peers[code], next_attempt_at=message.sent_at)
                for code in message.addressees
            ]
        )
        if message.case is not None:
            record_audit(
                actor=actor,
                action=f"cooperation.sent.{message.kind}",
                obj=message.case,
                organisation=message.case.authority,
                after={"message": str(message.message_id), "to": message.addressees},
            )
        ids = [d.pk for d in deliveries]
        transaction.on_commit(lambda: queue_deliveries(ids))
    return message


def lock_case_before_audit(case: Case | None) -> None:
    """Take the case's row before the audit chain's lock, as every service that changes a
    case does. A message that refers to the case has its foreign key checked at commit
    (PostgreSQL's deferred constraints); without this, a transaction could hold the chain
    while waiting at commit for a case another transaction holds, and that one waits for
    the chain: a deadlock (seen in the federation test)."""
    if case is not None:
        Case.objects.select_for_update(no_key=True).filter(pk=case.pk).values_list("pk").first()


def hub_for(message: Message) -> Peer | None:
    """The hub this node sends `message` through: 2026/1386 messages, when the node is
    configured with one (`COOPERATION_HUB`); 2019/452 messages always go direct."""
    code = settings.COOPERATION_HUB
    if not code or message.regulation != Regulation.EU_2026_1386:
        return None
    hub = Peer.objects.filter(code=code, is_active=True, is_hub=True).first()
    if hub is None:
        raise DomainError(
            f"COOPERATION_HUB names {code}, which is not an active hub peer here "
            "(add_peer ... --hub).",
            code="no_hub",
        )
    return hub


def queue_deliveries(delivery_ids: list[int]) -> None:
    from cooperation.tasks import deliver_message

    for delivery_id in delivery_ids:
        enqueue(deliver_message, delivery_id)


LEASE = timedelta(minutes=2)
MAX_BACKOFF = timedelta(hours=6)


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, ... up to 6 hours between attempts (the first step is
    COOPERATION_RETRY_SECONDS)."""
    first = settings.COOPERATION_RETRY_SECONDS
    return min(timedelta(seconds=first * 2 ** max(0, attempts - 1)), MAX_BACKOFF)


def deliver(delivery_id: int, *, timeout: float = 10.0) -> bool:
    """One attempt to hand a message to its addressee; True once it is acknowledged.

    The row is leased (its next attempt pushed two minutes on) before the HTTP call, so
    the sweep does not send it a second time meanwhile; a duplicate would be harmless
    anyway, as receivers keep each message id once."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True)
            .select_related("message", "peer")
            .filter(pk=delivery_id, status=Delivery.Status.PENDING)
            .first()
        )
        if delivery is None:
            return Delivery.objects.filter(pk=delivery_id, status="delivered").exists()
        delivery.next_attempt_at = timezone.now() + LEASE
        delivery.save(update_fields=["next_attempt_at"])
    body = delivery.message.body.encode()
    try:
        signed = signed_headers(str(delivery.message.message_id), body)
        if delivery.message.sender != node_code():  # this node relays it, as the hub
            signed.update(origin_headers(delivery.message))
    except (keys.NodeKeyUnreadable, DomainError) as failure:
        # The node cannot sign (no key, or a key it cannot decrypt): an operator must act.
        # The attempt is recorded with the reason, so the delivery page says why, and
        # the message is tried again once the configuration is fixed.
        return _record_attempt(delivery_id, delivered=False, error=f"Not sent: {failure}")
    # Peers' URLs are http(s) only: register_peer refuses any other scheme.
    request = urllib.request.Request(  # noqa: S310
        delivery.peer.base_url + (RELAY_PATH if delivery.via_hub else INBOX_PATH),
        data=body,
        method="POST",
        headers={"Content-Type": "application/cloudevents+json", **signed},
    )
    error = ""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            delivered = 200 <= response.status < 300
    except urllib.error.HTTPError as failure:
        delivered, error = False, refused_in_words(delivery.peer.code, failure)
    except (OSError, ValueError) as failure:
        delivered = False
        error = unreachable_in_words(delivery.peer.code, delivery.peer.base_url, failure, timeout)
    return _record_attempt(delivery_id, delivered=delivered, error=error)


def refused_in_words(peer: str, failure: urllib.error.HTTPError) -> str:
    """Why a peer refused a delivery, for the people who read the delivery record (issue
    17: they saw Python's exception names); what the peer said is kept at the end."""
    said = failure.read()[:300].decode("utf-8", "replace").strip()
    if failure.code in (401, 403):
        why = (
            f"{peer}'s node refused our signature or our right to send this (HTTP "
            f"{failure.code}): check the keys the two nodes registered for each other"
        )
    elif failure.code == 413:
        why = f"{peer}'s node refused the message as too large (HTTP 413)"
    elif 400 <= failure.code < 500:
        why = f"{peer}'s node refused the message (HTTP {failure.code})"
    else:
        why = f"{peer}'s node failed while receiving it (HTTP {failure.code}); it is tried again"
    return f"{why}. It said: {said}" if said else f"{why}."


def unreachable_in_words(peer: str, url: str, failure: Exception, timeout: float) -> str:
    """Why a peer's node could not be reached, in words; the technical cause after them."""
    cause = getattr(failure, "reason", failure)
    if isinstance(cause, ConnectionRefusedError):
        why = f"Nothing answered at {peer}'s address ({url}): its node is down or not there"
    elif isinstance(cause, TimeoutError) or "timed out" in str(cause):
        why = f"{peer}'s node did not answer within {timeout:g} seconds"
    elif isinstance(cause, socket.gaierror):
        why = f"The address of {peer}'s node ({url}) could not be found"
    else:
        why = f"{peer}'s node could not be reached at {url}"
    return f"{why}; it is tried again. (Cause: {type(cause).__name__}: {cause})"


def origin_headers(message: Message) -> dict[str, str]:
    """The sender's own signature of a relayed message, as the hub received it."""
    kept = {name.lower(): value for name, value in (message.signature or {}).items()}
    return {
        ORIGIN_SIGNATURE: kept.get("webhook-signature", ""),
        ORIGIN_TIMESTAMP: kept.get("webhook-timestamp", ""),
    }


def _record_attempt(delivery_id: int, *, delivered: bool, error: str) -> bool:
    now = timezone.now()
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().get(pk=delivery_id)
        delivery.attempts += 1
        if delivered:
            delivery.status, delivery.delivered_at, delivery.last_error = "delivered", now, ""
        else:
            delivery.next_attempt_at = now + backoff(delivery.attempts)
            delivery.last_error = error or "The peer did not acknowledge the message."
        delivery.save()
    return delivered


def due_deliveries() -> list[int]:
    return list(
        Delivery.objects.filter(
            status=Delivery.Status.PENDING, next_attempt_at__lte=timezone.now()
        ).values_list("pk", flat=True)[:1000]
    )
