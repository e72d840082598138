"""Investments not notified (Art. 13 of Regulation (EU) 2026/1386; docs/cooperation.md
§15): another member state or the Commission asks the host member state about a foreign
investment it was not notified of, until 15 months after its completion; the host
answers the request for information without undue delay, or says it will not screen
and why; comments may follow within 20 days of the information, the Commission's
opinion 10 days more.
"""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from cooperation.models import Kind, Message, Peer
from cooperation.outbox import send_message
from cooperation.peers import commission_is_peer
from cooperation.pure import deadlines
from cooperation.services import check_contact_point
from cooperation.wire import COMMISSION, node_code
from core.actors import Actor
from core.errors import DomainError, Invalid
from core.pure import regulations
from core.pure.days import Unit, last_day
from core.pure.regulations import Event, Regulation
from reviews import regime

NEW = Regulation.EU_2026_1386.value


def window_ends(completed_on: date) -> date:
    """The last day another member state may ask about it: 15 months after completion
    (months counted to the same date, Regulation 1182/71)."""
    return last_day(
        completed_on,
        regulations.NOT_NOTIFIED_MONTHS,
        Unit.MONTHS,
        regime.node_calendar(),
        roll_forward=True,
    )


def ask(
    *,
    host: str,
    title: str,
    investor: dict[str, Any],
    target: dict[str, Any],
    completed_on: date | None,
    information_request: str,
    actor: Actor,
) -> Message:
    """Ask `host` about an investment in its territory that was not notified."""
    check_contact_point(actor)
    errors: dict[str, list[str]] = {}
    member_state = Peer.objects.filter(code=host, is_active=True).exclude(code=COMMISSION).first()
    if member_state is None or host == node_code():
        errors["host"] = ["Name another member state this node knows."]
    if not title.strip():
        errors["title"] = ["Say which investment."]
    if not (target.get("name") or "").strip():
        errors["target"] = ["Name the target."]
    if not information_request.strip():
        errors["information_request"] = ["Say what information is asked for."]
    if completed_on is not None and completed_on > timezone.localdate():
        errors["completed_on"] = ["A completion in the future: ask once it has completed."]
    if errors:
        raise Invalid(errors)
    if completed_on is not None and timezone.localdate() > window_ends(completed_on):
        raise DomainError(
            f"The investment completed on {completed_on}: it could be asked about until "
            f"{window_ends(completed_on)} (Art. 13).",
            code="period_ended",
        )
    addressees = {host} | (
        {COMMISSION} if node_code() != COMMISSION and commission_is_peer() else set()
    )
    return send_message(
        kind=Kind.NOT_NOTIFIED_QUERY,
        addressees=sorted(addressees),
        case_reference=f"{node_code()}-ART13-{secrets.token_hex(4).upper()}",
        title=title.strip(),
        payload={
            "investor": investor,
            "target": target,
            "completed_on": completed_on.isoformat() if completed_on else None,
            "information_request": information_request.strip(),
        },
        actor=actor,
        regulation=NEW,
    )


def answer(*, query: Message, information: str, actor: Actor) -> Message:
    """The host answers the request for information (without undue delay)."""
    if not information.strip():
        _check_host(query, actor)
        raise Invalid({"information": ["Give the information."]})
    return _reply(query, actor, Kind.REPLY, "Information on", {"information": information.strip()})


def refuse_to_screen(*, query: Message, explanation: str, actor: Actor) -> Message:
    """The host will not screen the investment, and says why (Art. 13(9)-(11))."""
    if not explanation.strip():
        _check_host(query, actor)
        raise Invalid({"explanation": ["Explain why the investment will not be screened."]})
    return _reply(
        query, actor, Kind.REFUSAL_TO_SCREEN, "Not screened:", {"explanation": explanation.strip()}
    )


def _reply(query: Message, actor: Actor, kind: str, title: str, payload: dict[str, str]) -> Message:
    """The host's one answer to a query, to the asker and the Commission."""
    with transaction.atomic():
        Message.objects.select_for_update().get(pk=query.pk)  # one answer, however many clicks
        _check_host(query, actor)
        return _send_reply(query, actor, kind, title, payload)


def _send_reply(
    query: Message, actor: Actor, kind: str, title: str, payload: dict[str, str]
) -> Message:
    return send_message(
        kind=kind,
        addressees=_answer_to(query),
        case_reference=query.case_reference,
        case=query.case,
        title=f"{title} {query.title}",
        payload=payload,
        in_reply_to=query.message_id,
        actor=actor,
        regulation=NEW,
    )


def comment(*, query: Message, text: str, actor: Actor) -> Message:
    """The asking node comments, within 20 days of the host's information (Art. 13(8))."""
    check_contact_point(actor)
    if query.direction != Message.Direction.OUTBOUND or query.kind != Kind.NOT_NOTIFIED_QUERY:
        raise DomainError("Comments under Art. 13 follow this node's own query.")
    comments_by = (query.periods or {}).get("comments_by")
    if not comments_by:
        raise DomainError(
            "The host has not given the information yet: comments follow it (Art. 13(8)).",
            code="no_information",
        )
    if timezone.localdate() > date.fromisoformat(comments_by):
        raise DomainError(f"Comments were due by {comments_by} (Art. 13(8)).", code="period_ended")
    if not text.strip():
        raise Invalid({"text": ["Write the comment."]})
    host = [code for code in query.addressees if code != COMMISSION]
    return send_message(
        kind=Kind.COMMENT,
        addressees=host,
        case_reference=query.case_reference,
        title=f"Comment on {query.title}",
        payload={"comment": text.strip()},
        in_reply_to=query.message_id,
        actor=actor,
        regulation=NEW,
    )


def information_received(reply: Message) -> None:
    """The host's information on this node's query arrived: the comment and opinion
    periods run from it (Art. 13(8))."""
    if reply.in_reply_to is None:
        return
    query = Message.objects.filter(
        message_id=reply.in_reply_to,
        kind=Kind.NOT_NOTIFIED_QUERY,
        direction=Message.Direction.OUTBOUND,
    ).first()
    if query is None or reply.received_at is None or reply.sender != _host_of(query):
        return  # only the host's information starts the periods
    due = {
        found.period.key: found.last_day
        for found in regulations.periods(
            Regulation.EU_2026_1386,
            Event.NOT_NOTIFIED_INFORMATION_RECEIVED,
            timezone.localdate(reply.received_at),
            regime.node_calendar(),
            {},
        )
    }
    periods = deadlines.Periods(
        comments_by=due["not_notified_comments"],
        opinion_by=due["not_notified_opinion"],
        reason="Art. 13(8): comments 20 days from the information, the Commission 10 more",
    )
    Message.objects.filter(pk=query.pk).update(periods=periods.as_dict())


def _check_host(query: Message, actor: Actor) -> None:
    check_contact_point(actor)
    if query.direction != Message.Direction.INBOUND or query.kind != Kind.NOT_NOTIFIED_QUERY:
        raise DomainError("This answers another node's query under Art. 13.")
    if _host_of(query) != node_code():
        raise DomainError(
            "Only the member state asked answers the query (the Commission sees a copy).",
            code="not_the_host",
        )
    if Message.objects.filter(
        in_reply_to=query.message_id,
        direction=Message.Direction.OUTBOUND,
        kind__in=[Kind.REPLY, Kind.REFUSAL_TO_SCREEN],
    ).exists():
        raise DomainError("The query has been answered already.", code="already_sent")


def _host_of(query: Message) -> str:
    """The member state a query asks: its addressee that is not the Commission."""
    hosts = [code for code in query.addressees if code != COMMISSION]
    return hosts[0] if hosts else ""


def _answer_to(query: Message) -> list[str]:
    others = {query.sender} | ({COMMISSION} if commission_is_peer() else set())
    return sorted(others - {node_code()})
