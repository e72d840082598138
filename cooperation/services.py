"""The cooperation mechanism inside the review (Art. 6): the notification prepared when a
case enters phase 1 and sent by the contact point, comments on other nodes'
notifications, the final decision to those who commented, and who may speak for this
node. Sending, receiving, keys and the wire format are in `outbox`, `inbox`, `peers`
and `wire`."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from cooperation.models import Kind, Message, MessageRead, Peer
from cooperation.outbox import send_message, write_outbound
from cooperation.pure import deadlines
from cooperation.wire import COMMISSION, node_code
from core.actors import Actor
from core.errors import DomainError, Invalid
from reviews import services as reviews_services
from reviews.models import Case

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
    `send_message`'s rule, the Commission). Under 2026/1386 a member state comments
    after announcing its intent to (Art. 9; `send_message` refuses it otherwise)."""
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
        regulation=notification.regulation,
    )


def send_draft(*, message: Message, actor: Actor) -> Message:
    """The contact point sends a prepared notification to every peer; the case may not
    be decided before the comment periods it opens have ended."""
    check_contact_point(actor)  # in the service, not only in the views that call it
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=message.pk)
        if message.status != Message.Status.DRAFT:
            raise DomainError("This message has been sent already.", code="already_sent")
        if message.kind != Kind.NOTIFICATION_ART6:
            # A 2026/1386 decision report has its own form (every comment weighed).
            raise DomainError(
                f"A {message.get_kind_display().lower()} is sent from its own form.",
                code="wrong_kind",
            )
        peers = {p.code: p for p in Peer.objects.filter(is_active=True)}
        if not peers:
            raise DomainError("No peer is registered: add them with add_peer.", code="no_peers")
        message.addressees = sorted(peers)
        message.status = Message.Status.SENT
        message.sent_at = timezone.now()
        message.created_by = actor.label
        periods = deadlines.for_notification(6, timezone.localdate())
        # The periods it opens, on the message as on a received one (the case page's
        # deadlines column stayed empty after sending: issue 17, defect 10).
        message.periods = periods.as_dict()
        write_outbound(message, peers, actor)
        if message.case is not None:
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
