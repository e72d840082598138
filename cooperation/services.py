"""Sending, delivering and receiving the messages of the cooperation mechanism.

Sending writes the message and one delivery per addressee in the caller's transaction
(the outbox); Celery delivers after commit, and a sweep re-queues whatever is still due,
with exponential backoff, so a broker restart or a peer that is down loses nothing.
Receiving checks the sender's signature, its right to send that kind, that the message
is addressed to this node, and stores it once: a duplicate is acknowledged, not stored.
"""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from cooperation import deadlines, keys, signing
from cooperation.models import Delivery, Kind, Message, MessageRead, NodeKey, Peer, PeerKey
from core import audit, jsonbody
from core.actors import Actor
from core.errors import DomainError, Forbidden, Invalid, NotAuthenticated
from core.queue import enqueue
from core.services import record_audit
from reviews import services as reviews_services
from reviews.models import Case

COMMISSION = "EU"
SOURCE_PREFIX = "urn:fdi-node:"
TYPE_PREFIX = "eu.europa.fdi."
INBOX_PATH = "/api/v1/cooperation/messages/"
FEED_PATH = "/api/v1/cooperation/feed/"
KEY_GRACE = timedelta(days=14)
SEEN_BY_THE_COMMISSION = {Kind.COMMENT, Kind.INFORMATION_REQUEST}
MEMBER_STATES_ONLY = {
    Kind.NOTIFICATION_ART6,
    Kind.COMMENT,
    Kind.FINAL_DECISION,
    Kind.WITHDRAWAL,
}


def node_code() -> str:
    return settings.NODE_CODE


def may_send(sender: str, kind: str) -> bool:
    """Art. 6 and 7: only the Commission gives opinions; only member states notify,
    comment and decide."""
    if kind == Kind.OPINION:
        return sender == COMMISSION
    if kind in MEMBER_STATES_ONLY:
        return sender != COMMISSION
    return kind in Kind.values


# --- keys ---------------------------------------------------------------------------


def create_node_key(*, grace: timedelta = KEY_GRACE) -> NodeKey:
    """A new signing key; the keys before it keep signing beside it for `grace`."""
    pair = signing.new_key_pair()
    with transaction.atomic():
        NodeKey.objects.filter(retired_at__isnull=True).update(retired_at=timezone.now() + grace)
        return NodeKey.objects.create(
            public_key=pair.public, secret_key_encrypted=keys.encrypt(pair.secret)
        )


def signing_secrets() -> list[str]:
    """The active key first, then keys still in their grace period (decrypted: an
    unreadable one raises `keys.NodeKeyUnreadable`, saying what the operator must do)."""
    signing_keys = NodeKey.objects.filter(
        Q(retired_at__isnull=True) | Q(retired_at__gt=timezone.now())
    )
    secrets_ = [
        keys.decrypt(k.secret_key_encrypted)
        for k in sorted(signing_keys, key=lambda k: k.retired_at is not None)
    ]
    if not secrets_:
        raise DomainError(
            "This node has no signing key: run `python manage.py node_keys`.", code="no_key"
        )
    return secrets_


def reencrypt_node_keys() -> int:
    """Encrypt every signing key again with the first NODE_KEY_ENCRYPTION_KEY, after the
    encryption keys were rotated (the old one still listed after it). Returns how many."""
    with transaction.atomic():
        rows = list(NodeKey.objects.select_for_update().order_by("id"))
        for row in rows:
            row.secret_key_encrypted = keys.reencrypt(row.secret_key_encrypted)
            row.save(update_fields=["secret_key_encrypted"])
    return len(rows)


def register_peer(
    *, code: str, name: str, base_url: str, public_key: str, grace: timedelta = KEY_GRACE
) -> Peer:
    """Add a peer, or give a known one a new key: its older keys stay valid for `grace`."""
    if not signing.is_public_key(public_key):
        raise Invalid({"public_key": ["Not an Ed25519 key (whpk_...)."]})
    if not base_url.startswith(("https://", "http://")):
        raise Invalid({"base_url": ["Give an http(s) URL."]})
    with transaction.atomic():
        peer, _ = Peer.objects.update_or_create(
            code=code.upper(), defaults={"name": name, "base_url": base_url.rstrip("/")}
        )
        if not peer.keys.filter(public_key=public_key).exists():
            peer.keys.filter(valid_until__isnull=True).update(valid_until=timezone.now() + grace)
            PeerKey.objects.create(peer=peer, public_key=public_key)
    return peer


def accepted_keys(peer: Peer) -> list[str]:
    now = timezone.now()
    return [k.public_key for k in peer.keys.all() if k.valid_until is None or k.valid_until > now]


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
) -> Message:
    """Write the message and its deliveries; they leave after the transaction commits."""
    sender = node_code()
    if not may_send(sender, kind):
        raise DomainError(f"This node ({sender}) may not send a {Kind(kind).label.lower()}.")
    # Art. 6(2): the Commission sees comments and requests between member states.
    if (
        kind in SEEN_BY_THE_COMMISSION
        and sender != COMMISSION
        and Peer.objects.filter(code=COMMISSION, is_active=True).exists()
    ):
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
        classification=classification,
        title=title,
        payload=payload,
        sent_at=now,
        created_by=actor.label,
    )
    with transaction.atomic():
        _write_outbound(message, peers, actor)
        if kind == Kind.REPLY and case is not None:
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


# --- the pull feed -----------------------------------------------------------------


def keep_audit_head(peer: Peer, published: Any) -> bool:
    """Keep the signed head of `peer`'s audit trail that its feed published, when it is
    the peer's own, its signature holds under the key it carries, and it is newer than
    the copy kept: a peer whose newest audit entries were deleted cannot make this node
    forget the head that named them (docs/security.md)."""
    if published is None:
        return False
    try:
        signed = audit.SignedHead.from_json(published)
        public = Ed25519PublicKey.from_public_bytes(base64.b64decode(signed.public_key))
    except (ValueError, TypeError):
        return False
    if signed.head.node != peer.code or audit.signature_problem(
        signed, {audit.key_id(public): public}
    ):
        return False
    if peer.audit_head is not None:
        kept = audit.SignedHead.from_json(peer.audit_head)
        if kept.head.signed_at >= signed.head.signed_at:
            return False
    Peer.objects.filter(pk=peer.pk).update(audit_head=signed.as_json())
    peer.audit_head = signed.as_json()
    return True


def pull_feed(peer: Peer, *, timeout: float = 10.0) -> tuple[int, int]:
    """Read what `peer` sent to this node since the last cursor, as a node that was down
    catches up; each entry goes through `receive` (signature, rights, duplicates).
    Returns (entries read, new messages)."""
    read = new = 0
    while True:
        path = f"{FEED_PATH}?after={peer.feed_cursor}"
        request = urllib.request.Request(  # noqa: S310 - peers' URLs are http(s), see above
            peer.base_url + path,
            headers={
                "fdi-node": node_code(),
                **signing.sign(
                    str(uuid.uuid4()), int(time.time()), f"GET {path}".encode(), signing_secrets()
                ),
            },
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            page = jsonbody.loads(response.read())
        keep_audit_head(peer, page.get("audit_head"))
        for entry in page["entries"]:
            received = receive(entry["headers"], entry["body"].encode())
            read, new = read + 1, new + (not received.is_duplicate)
        if not page["entries"]:
            return read, new
        Peer.objects.filter(pk=peer.pk).update(feed_cursor=page["next"])
        peer.feed_cursor = page["next"]


# --- the review's ties (Art. 6) -----------------------------------------------------


def prepare_notification(case: Case) -> Message:
    """Art. 6(1): the notification of a case under screening, prepared for the contact
    point to review and send (a draft goes nowhere until sent)."""
    existing = Message.objects.filter(
        case=case, kind=Kind.NOTIFICATION_ART6, direction=Message.Direction.OUTBOUND
    ).first()
    if existing is not None:
        return existing
    payload: dict[str, Any] = {"title": case.title, "sectors": case.sectors}
    if case.filing is not None:
        version = case.filing.versions.order_by("-number").first()
        if version is not None:
            payload = version.content  # the Art. 9 information, as filed
    return Message.objects.create(
        direction=Message.Direction.OUTBOUND,
        status=Message.Status.DRAFT,
        kind=Kind.NOTIFICATION_ART6,
        sender=node_code(),
        addressees=sorted(Peer.objects.filter(is_active=True).values_list("code", flat=True)),
        case_reference=case.reference,
        case=case,
        title=case.title,
        payload=payload,
        sent_at=timezone.now(),
        created_by="system (phase 1 opened)",
    )


def mark_read(message: Message, actor: Actor) -> None:
    """This user has opened the message (each reader has their own unread state)."""
    if actor.user is not None:
        MessageRead.objects.get_or_create(message=message, user=actor.user)


def check_contact_point(actor: Actor) -> None:
    """Only the contact point speaks for this node to the others (Art. 11)."""
    reviews_services.check_may("send_to_other_nodes", actor)


def comment_on(*, notification: Message, text: str, actor: Actor, title: str = "") -> Message:
    """Art. 6(2): a comment on another node's notification, to its sender (and, by
    `send_message`'s rule, the Commission)."""
    check_contact_point(actor)
    if not notification.is_foreign_notification:
        raise DomainError("Comments answer another node's notification.")
    if not text.strip():
        raise Invalid({"text": ["Write the comment."]})
    return send_message(
        kind=Kind.COMMENT,
        addressees=[notification.sender],
        case_reference=notification.case_reference,
        case=notification.case,
        title=title or f"Comment on {notification.case_reference}",
        payload={"comment": text.strip()},
        in_reply_to=notification.message_id,
        actor=actor,
    )


def send_draft(*, message: Message, actor: Actor) -> Message:
    """The contact point sends a prepared notification to every peer; the case may not
    be decided before the comment periods it opens have ended."""
    check_contact_point(actor)  # in the service, not only in the views that call it
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=message.pk)
        if message.status != Message.Status.DRAFT:
            raise DomainError("This message has been sent already.", code="already_sent")
        peers = {p.code: p for p in Peer.objects.filter(is_active=True)}
        if not peers:
            raise DomainError("No peer is registered: add them with add_peer.", code="no_peers")
        message.addressees = sorted(peers)
        message.status = Message.Status.SENT
        message.sent_at = timezone.now()
        message.created_by = actor.label
        _write_outbound(message, peers, actor)
        if message.case is not None and message.kind == Kind.NOTIFICATION_ART6:
            periods = deadlines.for_notification(6, timezone.localdate())
            assert periods.opinion_by is not None
            reviews_services.set_comment_period(
                case=message.case,
                actor=actor,
                ends_on=periods.opinion_by,
                reason=periods.reason,
            )
    return message


def notify_final_decision(case: Case) -> Message | None:
    """Art. 6(7): the final decision goes to those who commented (and the Commission).

    Once per decision: it runs as an after-commit effect, which may run again after a
    failure; a case reopened and decided again sends the new decision."""
    approved = list(case.decisions.filter(status="approved").order_by("reviewed_at", "id"))
    if not approved:
        return None
    decision, number = approved[-1], len(approved)  # the 2nd after a reopened case's 1st
    sent = Message.objects.filter(
        case=case,
        kind=Kind.FINAL_DECISION,
        direction=Message.Direction.OUTBOUND,
        payload__decision_number=number,
    ).first()
    if sent is not None:
        return sent
    spoke = set(
        Message.objects.filter(
            case=case,
            direction=Message.Direction.INBOUND,
            kind__in=[Kind.COMMENT, Kind.OPINION, Kind.INFORMATION_REQUEST],
        ).values_list("sender", flat=True)
    )
    if not spoke:
        return None
    addressees = sorted(
        (spoke | {COMMISSION})
        & set(Peer.objects.filter(is_active=True).values_list("code", flat=True))
    )
    if not addressees:
        raise DomainError(
            "Nobody to send the final decision to: no node that commented "
            f"({', '.join(sorted(spoke))}) is an active peer any more.",
            code="no_active_addressee",
        )
    # The day the decision was taken, not the day this effect happens to run.
    decided_at = decision.reviewed_at or timezone.now()
    return send_message(
        kind=Kind.FINAL_DECISION,
        addressees=addressees,
        case_reference=case.reference,
        title=f"Final decision: {case.title}",
        payload={
            "decision_number": number,
            "outcome": decision.outcome,
            "decided_on": timezone.localdate(decided_at).isoformat(),
            "conditions": [c.description for c in case.conditions.filter(decision=decision)],
        },
        actor=Actor.system("system (final decision)"),
        case=case,
    )


def _write_outbound(message: Message, peers: dict[str, Peer], actor: Actor) -> Message:
    """Save a message to send, with its deliveries, in the caller's transaction."""
    message.body = envelope(message)
    with transaction.atomic():
        message.save()
        deliveries = Delivery.objects.bulk_create(
            Delivery(message=message, peer=peers[code], next_attempt_at=message.sent_at)
            for code in message.addressees
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
        transaction.on_commit(lambda: _queue(ids))
    return message


def envelope(message: Message) -> str:
    """The CloudEvents 1.0 JSON envelope, serialised once: these bytes are signed."""
    event = {
        "specversion": "1.0",
        "id": str(message.message_id),
        "source": f"{SOURCE_PREFIX}{message.sender}",
        "type": f"{TYPE_PREFIX}{message.kind}",
        "time": message.sent_at.isoformat(),
        "subject": message.case_reference,
        "datacontenttype": "application/json",
        "data": {
            "addressees": message.addressees,
            "classification": message.classification,
            "case_reference": message.case_reference,
            "in_reply_to": str(message.in_reply_to) if message.in_reply_to else None,
            "title": message.title,
            "payload": message.payload,
        },
    }
    return json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def signed_headers(message_id: str, body: bytes) -> dict[str, str]:
    return signing.sign(message_id, int(time.time()), body, signing_secrets())


def _queue(delivery_ids: list[int]) -> None:
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
    except (keys.NodeKeyUnreadable, DomainError) as failure:
        # The node cannot sign (no key, or a key it cannot decrypt): an operator must act.
        # The attempt is recorded with the reason, so the delivery page says why, and
        # the message is tried again once the configuration is fixed.
        return _record_attempt(delivery_id, delivered=False, error=f"Not sent: {failure}")
    # Peers' URLs are http(s) only: register_peer refuses any other scheme.
    request = urllib.request.Request(  # noqa: S310
        delivery.peer.base_url + INBOX_PATH,
        data=body,
        method="POST",
        headers={"Content-Type": "application/cloudevents+json", **signed},
    )
    error = ""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            delivered = 200 <= response.status < 300
    except urllib.error.HTTPError as failure:
        delivered, error = False, f"HTTP {failure.code}: {failure.read()[:500]!r}"
    except (OSError, ValueError) as failure:
        delivered, error = False, f"{type(failure).__name__}: {failure}"
    return _record_attempt(delivery_id, delivered=delivered, error=error)


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


# --- receiving ----------------------------------------------------------------------


def refused(detail: str, *, code: str, status_code: int) -> DomainError:
    """A message this node will not take, as the domain error whose kind the protocol's
    status names: 400 malformed, 401 signature, 403 not allowed (docs/cooperation.md)."""
    kind = {400: Invalid, 401: NotAuthenticated, 403: Forbidden}.get(status_code, DomainError)
    return kind(detail, code=code)


@dataclass(frozen=True)
class Received:
    message: Message
    is_duplicate: bool


def receive(headers: dict[str, str], body: bytes) -> Received:
    # The signature is checked over the raw bytes before anything parses them: a body
    # nobody we know signed costs a few signature checks, never a parse (docs/security.md).
    peer = _signer_of(headers, body)
    try:
        event = jsonbody.loads(body)
    except jsonbody.JsonBodyError as error:
        raise refused(str(error), code="malformed", status_code=400) from None
    kind, sender, data = _read_event(event, headers)
    if sender != peer.code:
        raise refused(
            f"The message says it comes from {sender!r} but is signed with {peer.code}'s key.",
            code="bad_signature",
            status_code=401,
        )
    if not may_send(sender, kind):
        raise refused(
            f"{sender} may not send a {Kind(kind).label.lower()}.",
            code="kind_not_allowed",
            status_code=403,
        )
    if node_code() not in data["addressees"]:
        raise refused(
            f"The message is not addressed to {node_code()}.",
            code="not_addressed_here",
            status_code=403,
        )
    message_id = uuid.UUID(event["id"])
    existing = Message.objects.filter(message_id=message_id).first()
    if existing is not None:
        return Received(existing, is_duplicate=True)
    received_at = timezone.now()
    message = Message(
        message_id=message_id,
        direction=Message.Direction.INBOUND,
        status=Message.Status.RECEIVED,
        kind=kind,
        sender=sender,
        addressees=data["addressees"],
        case_reference=data["case_reference"],
        in_reply_to=uuid.UUID(data["in_reply_to"]) if data.get("in_reply_to") else None,
        classification=data["classification"],
        title=data.get("title") or "",
        payload=data.get("payload") or {},
        body=body.decode(),
        signature={k: v for k, v in headers.items() if k.lower().startswith("webhook-")},
        sent_at=parse_datetime(event["time"]) or received_at,  # checked in _read_event
        received_at=received_at,
        periods=deadlines.for_kind(
            kind, timezone.localdate(received_at), **_facts_of(data.get("payload"))
        ).as_dict(),
    )
    message.case = _local_case(message)
    try:
        with transaction.atomic():
            message.save()
            if message.case is not None:
                record_audit(
                    actor=Actor.system(f"node {sender}"),
                    action=f"cooperation.received.{kind}",
                    obj=message.case,
                    organisation=message.case.authority,
                    after={"message": str(message_id), "from": sender},
                )
    except IntegrityError:  # the same message, delivered twice at the same moment
        return Received(Message.objects.get(message_id=message_id), is_duplicate=True)
    if kind == Kind.REPLY:
        _extend_for_information(message)
    return Received(message, is_duplicate=False)


def _extend_for_information(reply: Message) -> None:
    """Art. 6(6): information this node asked for has arrived, so its comments on the
    notification may come up to 20 days from now, if that is later."""
    if reply.in_reply_to is None:
        return
    request = Message.objects.filter(
        message_id=reply.in_reply_to, kind=Kind.INFORMATION_REQUEST
    ).first()
    if request is None or request.in_reply_to is None:
        return
    notification = Message.objects.filter(
        message_id=request.in_reply_to,
        direction=Message.Direction.INBOUND,
        kind__in=[Kind.NOTIFICATION_ART6, Kind.NOTIFICATION_ART7],
    ).first()
    if notification is None or notification.received_at is None:
        return
    periods = deadlines.for_notification(
        7 if notification.kind == Kind.NOTIFICATION_ART7 else 6,
        timezone.localdate(notification.received_at),
        information_received_on=timezone.localdate(reply.received_at),
        **_facts_of(notification.payload),
    )
    Message.objects.filter(pk=notification.pk).update(periods=periods.as_dict())


def _signer_of(headers: dict[str, str], body: bytes) -> Peer:
    """The active peer whose key signed `body`; refused when none did.

    The sender's code is inside the body, which is not parsed before its signature holds,
    so every active peer's keys are tried: a handful of nodes (27 member states and the
    Commission at most), each check a few tens of microseconds.
    """
    peers = Peer.objects.filter(is_active=True).prefetch_related("keys").order_by("code")
    for peer in peers:
        try:
            signing.verify(headers, body, accepted_keys(peer))
        except signing.SignatureError as error:
            if error.reason != "signature":  # malformed headers or a stale timestamp
                raise refused(str(error), code=f"bad_{error.reason}", status_code=400) from None
            continue
        return peer
    raise refused(
        "No node this node knows signed this message (or the body was changed after signing).",
        code="bad_signature",
        status_code=401,
    )


def _read_event(event: Any, headers: dict[str, str]) -> tuple[str, str, dict[str, Any]]:
    def refuse(detail: str) -> DomainError:
        return refused(detail, code="malformed", status_code=400)

    if not isinstance(event, dict) or event.get("specversion") != "1.0":
        raise refuse("The body must be a CloudEvents 1.0 JSON event.")
    lowered = {k.lower(): v for k, v in headers.items()}
    if event.get("id") != lowered.get("webhook-id"):
        raise refuse("The event id and the webhook-id header differ.")
    try:
        uuid.UUID(str(event.get("id")))
    except ValueError:
        raise refuse("The event id must be a UUID.") from None
    source, kind_type = str(event.get("source", "")), str(event.get("type", ""))
    if not source.startswith(SOURCE_PREFIX) or not kind_type.startswith(TYPE_PREFIX):
        raise refuse(f"source must be {SOURCE_PREFIX}<node>, type {TYPE_PREFIX}<kind>.")
    kind = kind_type.removeprefix(TYPE_PREFIX)
    if kind not in Kind.values:
        raise refuse(f"Unknown message kind {kind!r}: one of {', '.join(Kind.values)}.")
    data = event.get("data")
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("addressees"), list)
        or not isinstance(data.get("case_reference"), str)
        or not isinstance(data.get("classification"), str)
        or not isinstance(event.get("time"), str)
    ):
        raise refuse("data needs addressees, case_reference and classification; time is required.")
    try:
        sent_at = parse_datetime(event["time"])
        if data.get("in_reply_to") is not None:
            uuid.UUID(str(data["in_reply_to"]))
    except ValueError:
        sent_at = None
    if sent_at is None:
        raise refuse("time must be an RFC 3339 date-time; in_reply_to a message id (UUID).")
    limits = {"case_reference": 40, "classification": 60, "title": 300}
    too_long = [key for key, limit in limits.items() if len(str(data.get(key) or "")) > limit]
    if too_long or not all(isinstance(code, str) for code in data["addressees"]):
        raise refuse(f"Too long: {', '.join(too_long)}." if too_long else "Addressees are codes.")
    return kind, source.removeprefix(SOURCE_PREFIX), data


def _facts_of(payload: Any) -> dict[str, Any]:
    """Art. 7(8) counts from the investment's completion, when the payload gives it."""
    completion = payload.get("completion") if isinstance(payload, dict) else None
    if isinstance(completion, dict) and completion.get("status") == "completed":
        try:
            return {"completed_on": date.fromisoformat(str(completion.get("date")))}
        except ValueError:
            return {}
    return {}


def _local_case(message: Message) -> Case | None:
    """The local case a message is about: the one of the message it answers; our own
    case by its reference (a peer commenting on our notification); or, for another
    node's notification, a case of ours about the same parties (LEI or register number)."""
    if message.in_reply_to is not None:
        answered = Message.objects.filter(message_id=message.in_reply_to).first()
        if answered is not None and answered.case_id is not None:
            return answered.case
    own = Case.objects.filter(reference=message.case_reference).first()
    if own is not None or message.kind not in (Kind.NOTIFICATION_ART6, Kind.NOTIFICATION_ART7):
        return own
    return case_of_same_parties(message.payload)


def case_of_same_parties(payload: dict[str, Any]) -> Case | None:
    matches = Q()
    for role in ("investor", "target"):
        party = payload.get(role)
        if not isinstance(party, dict):
            continue
        if party.get("lei"):
            for side in ("investor", "target"):
                matches |= Q(**{f"filing__versions__content__{side}__lei": party["lei"]})
        for identifier in party.get("identifiers") or []:
            if isinstance(identifier, dict) and identifier.get("scheme") and identifier.get("id"):
                wanted = [{"scheme": identifier["scheme"], "id": identifier["id"]}]
                for side in ("investor", "target"):
                    matches |= Q(
                        **{f"filing__versions__content__{side}__identifiers__contains": wanted}
                    )
    if not matches:
        return None
    return Case.objects.filter(matches).order_by("-opened_at").first()
