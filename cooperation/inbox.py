"""Receiving: the signature is checked over the raw bytes before anything is parsed; then
the sender's right to send that kind, that the message is addressed here; it is stored
once (a duplicate is acknowledged). Also the pull of a peer's feed, and the copy kept of
its signed audit head (docs/cooperation.md, docs/security.md)."""

from __future__ import annotations

import base64
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from cooperation import art13, database, multicountry
from cooperation.models import NOTIFICATIONS, Delivery, Kind, Message, Peer
from cooperation.outbox import lock_case_before_audit, queue_deliveries
from cooperation.peers import accepted_keys, keys_valid_at, signing_secrets
from cooperation.pure import deadlines, signing
from cooperation.wire import (
    COMMISSION,
    FEED_PATH,
    KINDS_2026_1386,
    ORIGIN_SIGNATURE,
    ORIGIN_TIMESTAMP,
    RELAY_TOLERANCE_SECONDS,
    SOURCE_PREFIX,
    TYPE_PREFIX,
    may_send,
    node_code,
)
from core import audit
from core.actors import Actor
from core.errors import DomainError, Forbidden, Invalid, NotAuthenticated, NotFound
from core.pure import jsonbody
from core.pure.regulations import EXTENSION_DAYS, Regulation
from core.services import record_audit
from reviews import regime
from reviews.models import Case

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
    """A message delivered to this node: by its sender, or relayed by a hub with the
    sender's own signature beside the hub's (docs/cooperation.md §9, §13)."""
    # The signature is checked over the raw bytes before anything parses them: a body
    # nobody we know signed costs a few signature checks, never a parse (docs/security.md).
    peer = _signer_of(headers, body)
    kind, sender, data, event = _parse(headers, body)
    lowered = {name.lower(): value for name, value in headers.items()}
    kept = _webhook_headers(lowered)
    relayed_by = ""
    if peer.is_hub and ORIGIN_SIGNATURE in lowered:
        kept = _origin_signature(sender, lowered, body)
        relayed_by, peer = peer.code, Peer.objects.get(code=sender)
    _check_sender(peer, sender, kind)
    if node_code() not in data["addressees"]:
        raise refused(
            f"The message is not addressed to {node_code()}.",
            code="not_addressed_here",
            status_code=403,
        )
    return _store(
        event, kind, sender, data, body, kept, Message.Direction.INBOUND, relayed_by=relayed_by
    )


def relay(headers: dict[str, str], body: bytes) -> Relayed:
    """This node is the hub (`COOPERATION_RELAY`): a member state's or the Commission's
    message, checked as the inbox checks it, stored once, and handed on to each
    addressee with the sender's signature intact (docs/cooperation.md §13). The hub
    keeps the delivery record of every addressee; if it is an addressee itself, the
    message is also received here."""
    if not settings.COOPERATION_RELAY:
        raise NotFound("This node is not a hub.")
    peer = _signer_of(headers, body)
    kind, sender, data, event = _parse(headers, body)
    _check_sender(peer, sender, kind)
    known = set(Peer.objects.filter(is_active=True).values_list("code", flat=True))
    unknown = sorted(set(data["addressees"]) - known - {node_code()})
    if unknown:
        raise refused(
            f"The hub has no active node {', '.join(unknown)} to relay to.",
            code="not_relayable",
            status_code=403,
        )
    kept = _webhook_headers({name.lower(): value for name, value in headers.items()})
    addressed_here = node_code() in data["addressees"]
    with transaction.atomic():
        stored = _store(
            event,
            kind,
            sender,
            data,
            body,
            kept,
            Message.Direction.INBOUND if addressed_here else Message.Direction.RELAYED,
        )
        if stored.is_duplicate:
            return Relayed(stored.message, [], is_duplicate=True)
        onward = sorted(set(data["addressees"]) - {node_code(), sender})
        peers = {p.code: p for p in Peer.objects.filter(code__in=onward)}
        deliveries = Delivery.objects.bulk_create(
            Delivery(message=stored.message, peer=peers[code], next_attempt_at=timezone.now())
            for code in onward
        )
        ids = [d.pk for d in deliveries]
        transaction.on_commit(lambda: queue_deliveries(ids))
    return Relayed(stored.message, onward, is_duplicate=False)


@dataclass(frozen=True)
class Relayed:
    message: Message
    to: list[str]
    is_duplicate: bool


def _parse(headers: dict[str, str], body: bytes) -> tuple[str, str, dict[str, Any], Any]:
    try:
        event = jsonbody.loads(body)
    except jsonbody.JsonBodyError as error:
        raise refused(str(error), code="malformed", status_code=400) from None
    if _holds_nul(event):
        raise refused(
            "A NUL character (U+0000) cannot be stored; the message holds one.",
            code="malformed",
            status_code=400,
        )
    kind, sender, data = _read_event(event, headers)
    return kind, sender, data, event


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


def _check_sender(peer: Peer, sender: str, kind: str) -> None:
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


def _webhook_headers(lowered: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in lowered.items() if name.startswith("webhook-")}


def _origin_signature(sender: str, lowered: dict[str, str], body: bytes) -> dict[str, str]:
    """The sender's own signature on a message a hub relays: it must hold under the
    sender's keys, or the hub relayed something the sender never signed (401). Its
    timestamp may be as old as the hub's retries (RELAY_TOLERANCE_SECONDS); replays are
    stopped by the message id, kept once."""
    origin = Peer.objects.filter(code=sender, is_active=True).prefetch_related("keys").first()
    signed = {
        "webhook-id": lowered.get("webhook-id", ""),
        "webhook-timestamp": lowered.get(ORIGIN_TIMESTAMP, ""),
        "webhook-signature": lowered.get(ORIGIN_SIGNATURE, ""),
    }
    if origin is None:
        raise refused(
            f"The hub relays a message from {sender!r}, a node this node does not know.",
            code="bad_signature",
            status_code=401,
        )
    try:
        signed_at = datetime.fromtimestamp(int(signed["webhook-timestamp"]), tz=UTC)
    except (ValueError, OverflowError, OSError):
        signed_at = timezone.now()  # the check below refuses the malformed timestamp
    try:
        signing.verify(
            signed, body, keys_valid_at(origin, signed_at), tolerance=RELAY_TOLERANCE_SECONDS
        )
    except signing.SignatureError as error:
        raise refused(
            f"The hub relayed a message that {sender}'s signature does not cover: {error}",
            code="bad_origin_signature",
            status_code=401,
        ) from None
    return signed


def _store(
    event: Any,
    kind: str,
    sender: str,
    data: dict[str, Any],
    body: bytes,
    signature: dict[str, str],
    direction: str,
    *,
    relayed_by: str = "",
) -> Received:
    """Keep the message once (a duplicate is acknowledged); a message received here is
    linked to its case, audited, and moves the periods it concerns."""
    regulation = _regulation_of(kind, data)
    message_id = uuid.UUID(event["id"])
    existing = Message.objects.filter(message_id=message_id).first()
    if existing is not None:
        return Received(existing, is_duplicate=True)
    received_at = timezone.now()
    inbound = direction == Message.Direction.INBOUND
    message = Message(
        message_id=message_id,
        direction=direction,
        status=Message.Status.RECEIVED,
        kind=kind,
        sender=sender,
        addressees=data["addressees"],
        case_reference=data["case_reference"],
        in_reply_to=uuid.UUID(data["in_reply_to"]) if data.get("in_reply_to") else None,
        regulation=regulation,
        classification=data["classification"],
        title=data.get("title") or "",
        payload=data.get("payload") or {},
        body=body.decode(),
        signature=signature,
        relayed_by=relayed_by,
        sent_at=parse_datetime(event["time"]) or received_at,  # checked in _read_event
        received_at=received_at,
        periods=(
            _periods_of(kind, regulation, timezone.localdate(received_at), data).as_dict()
            if inbound
            else {}
        ),
    )
    message.case = _local_case(message) if inbound else None
    try:
        with transaction.atomic():
            lock_case_before_audit(message.case)
            message.save()
            if message.case is not None:
                record_audit(
                    actor=Actor.system(f"node {sender}"),
                    action=f"cooperation.received.{kind}",
                    obj=message.case,
                    organisation=message.case.authority,
                    after={"message": str(message_id), "from": sender, "via": relayed_by or None},
                )
            if inbound:
                # In the same transaction: if what the message does fails, it is not
                # kept either, and the sender's retry brings it again (nothing lost).
                _follow(message)
    except IntegrityError:  # the same message, delivered twice at the same moment
        return Received(Message.objects.get(message_id=message_id), is_duplicate=True)
    return Received(message, is_duplicate=False)


def _follow(message: Message) -> None:
    """What a received message does here beyond being kept."""
    if message.kind == Kind.REPLY and message.regulation == Regulation.EU_2026_1386:
        art13.information_received(message)
    elif message.kind == Kind.REPLY:
        _extend_for_information(message)
    elif message.kind in (Kind.ADDITIONAL_INFORMATION, Kind.EXTENSION):
        _follow_periods_2026(message)
    elif message.kind in (Kind.DATABASE_RECORD, Kind.DATABASE_QUERY, Kind.DATABASE_ANSWER):
        database.on_receipt(message)


def _regulation_of(kind: str, data: dict[str, Any]) -> str:
    """The regulation a message says it belongs to (2019/452 when it says none); a kind
    of 2026/1386's mechanism must say 2026/1386."""
    regulation = data.get("regulation") or Regulation.EU_2019_452.value
    known = [r.value for r in Regulation]
    if regulation not in known:
        raise refused(
            f"Unknown regulation {regulation!r}: one of {', '.join(known)}.",
            code="malformed",
            status_code=400,
        )
    if kind in KINDS_2026_1386 and regulation != Regulation.EU_2026_1386:
        raise refused(
            f"A {Kind(kind).label.lower()} belongs to the cooperation mechanism of "
            f"Regulation (EU) 2026/1386: say regulation {Regulation.EU_2026_1386.value!r}.",
            code="malformed",
            status_code=400,
        )
    return str(regulation)


def _periods_of(kind: str, regulation: str, received_on: date, data: dict[str, Any]) -> Any:
    if regulation == Regulation.EU_2026_1386:
        if kind == Kind.NOTIFICATION:
            return deadlines.notification_2026(
                received_on, regime.node_calendar(), commission=node_code() == COMMISSION
            )
        return deadlines.Periods()
    return deadlines.for_kind(kind, received_on, **_facts_of(data.get("payload")))


def _follow_periods_2026(message: Message) -> None:
    """Art. 11(3), 11(4): additional information, or an extension, from the notifying
    member state moves the periods of its notification here."""
    notification = (
        Message.objects.filter(
            direction=Message.Direction.INBOUND,
            kind=Kind.NOTIFICATION,
            sender=message.sender,
            case_reference=message.case_reference,
        )
        .order_by("id")
        .first()
    )
    if notification is None or notification.received_at is None or message.received_at is None:
        return
    current = deadlines.from_dict(notification.periods)
    if message.kind == Kind.ADDITIONAL_INFORMATION:
        moved = deadlines.after_additional_information_2026(
            current, timezone.localdate(message.received_at), regime.node_calendar()
        )
    else:
        days = message.payload.get("days") if isinstance(message.payload, dict) else None
        if not isinstance(days, int) or not 1 <= days <= EXTENSION_DAYS:
            return  # an extension that names no valid length moves nothing
        moved = deadlines.extended_2026(
            current, timezone.localdate(notification.received_at), days, regime.node_calendar()
        )
    Message.objects.filter(pk=notification.pk).update(periods=moved.as_dict())


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
            if not isinstance(data["in_reply_to"], str):
                raise ValueError("in_reply_to")
            uuid.UUID(data["in_reply_to"])
    except ValueError:
        sent_at = None
    if sent_at is None:
        raise refuse("time must be an RFC 3339 date-time; in_reply_to a message id (UUID).")
    if not isinstance(data.get("payload") or {}, dict):
        raise refuse("payload must be a JSON object.")
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
    if own is not None:
        return own
    if message.kind in (Kind.COORDINATION, Kind.NOTIFICATION):
        # Art. 7: the same transaction filed here, by the filings' cross-references.
        linked = multicountry.case_of_cross_reference(message)
        if linked is not None:
            return linked
    if message.kind not in (*NOTIFICATIONS, Kind.NOT_NOTIFIED_QUERY):
        return None
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
        identifiers = party.get("identifiers")
        for identifier in identifiers if isinstance(identifiers, list) else []:
            if isinstance(identifier, dict) and identifier.get("scheme") and identifier.get("id"):
                wanted = [{"scheme": identifier["scheme"], "id": identifier["id"]}]
                for side in ("investor", "target"):
                    matches |= Q(
                        **{f"filing__versions__content__{side}__identifiers__contains": wanted}
                    )
    if not matches:
        return None
    return Case.objects.filter(matches).order_by("-opened_at").first()
