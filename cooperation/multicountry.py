"""Multi-country transactions (Art. 7 of Regulation (EU) 2026/1386; docs/cooperation.md
§16): the filer files one transaction in several member states on the same day, each
filing naming the others (`other_filings`). The member states' nodes find each other's
cases by those cross-references and keep each other informed with `coordination`
messages: the timeline of each case (filed, initial review ends, notification due and on
which ground, notified, decided), so that the contact points can notify on the same day
and see that their decisions fit together.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q
from django.utils import timezone

from cooperation import mechanism
from cooperation.models import Kind, Message, Peer
from cooperation.outbox import send_message
from cooperation.wire import node_code
from core.actors import Actor
from core.pure.regulations import Regulation
from reviews.models import Case, Phase

NEW = Regulation.EU_2026_1386.value
SYSTEM = Actor.system("multi-country coordination (Art. 7)")


def other_filings(case: Case) -> list[dict[str, Any]]:
    """The same transaction's filings in other member states, as the filer named them."""
    content = case.filed_content()
    return [
        f
        for f in content.get("other_filings") or []
        if isinstance(f, dict) and f.get("member_state") != node_code()
    ]


def timeline(case: Case) -> dict[str, Any]:
    """This node's side of the transaction, as the others see it."""
    first = case.phases.filter(kind=Phase.Kind.PHASE_1).order_by("started_on", "id").first()
    duties = mechanism.notification_duty(case)
    notified = mechanism.notification_of(case)
    approved = case.decisions.filter(status="approved").order_by("reviewed_at", "id").last()
    return {
        "status": case.status,
        "filing_received": _day(case.filing.submitted_at if case.filing else None),
        "initial_review_ends": _iso(first.deadline if first else None),
        "notification_due": _iso(duties[0].due) if duties else None,
        "notification_ground": duties[0].duty.ground.value if duties else None,
        "notified_on": _day(notified.sent_at) if notified else None,
        "decided_on": _day(approved.reviewed_at) if approved else None,
        "outcome": approved.outcome if approved else None,
    }


def share_timeline(case: Case) -> Message | None:
    """Tell the other member states of the transaction where this case stands (sent on
    each step; the same timeline twice is sent once)."""
    case = Case.objects.select_related("filing").get(pk=case.pk)  # as it stands now
    if case.regulation != NEW or case.filing is None:
        return None
    others = sorted(
        {f["member_state"] for f in other_filings(case)}
        & set(Peer.objects.filter(is_active=True).values_list("code", flat=True))
    )
    if not others:
        return None
    payload = {
        "filing_reference": case.filing.reference,
        "other_filings": other_filings(case),
        "timeline": timeline(case),
    }
    last = (
        Message.objects.filter(
            case=case, kind=Kind.COORDINATION, direction=Message.Direction.OUTBOUND
        )
        .order_by("-id")
        .first()
    )
    if last is not None and last.payload == payload and sorted(last.addressees) == others:
        return last
    return send_message(
        kind=Kind.COORDINATION,
        addressees=others,
        case_reference=case.reference,
        case=case,
        title=f"Multi-country transaction: {case.title}",
        payload=payload,
        actor=SYSTEM,
        regulation=NEW,
    )


def case_of_cross_reference(message: Message) -> Case | None:
    """This node's case of the same transaction: the one whose filing the sender's names
    among its other filings, or whose filing names the sender's."""
    payload = message.payload if isinstance(message.payload, dict) else {}
    others = payload.get("other_filings")
    named_here = [
        f.get("reference")
        for f in (others if isinstance(others, list) else [])
        if isinstance(f, dict) and f.get("member_state") == node_code()
    ]
    theirs = payload.get("filing_reference")
    matches = Q(filing__reference__in=[r for r in named_here if r and isinstance(r, str)])
    if theirs and isinstance(theirs, str):
        matches |= Q(
            filing__versions__content__other_filings__contains=[
                {"member_state": message.sender, "reference": theirs}
            ]
        )
    return Case.objects.filter(matches).order_by("-opened_at").first()


def others_of(case: Case) -> list[dict[str, Any]]:
    """For the case page: each other filing of the transaction with the latest timeline
    its member state shared."""
    shared = {
        m.sender: m
        for m in Message.objects.filter(
            case=case, kind=Kind.COORDINATION, direction=Message.Direction.INBOUND
        ).order_by("id")
    }
    return [
        {**f, "timeline": _timeline(shared.get(f.get("member_state", "")))}
        for f in other_filings(case)
    ]


def _timeline(message: Message | None) -> dict[str, Any] | None:
    """A peer's timeline as sent, if it is one (a peer's message is read, not trusted)."""
    shared = (message.payload or {}).get("timeline") if message is not None else None
    return shared if isinstance(shared, dict) else None


def common_notification_day(case: Case) -> date | None:
    """The earliest day any member state of the transaction must notify: the day they
    aim for together (Art. 7)."""
    days = [d.due for d in mechanism.notification_duty(case) if d.due]
    for other in others_of(case):
        due = (other["timeline"] or {}).get("notification_due")
        if not isinstance(due, str):
            continue
        try:
            days.append(date.fromisoformat(due))
        except ValueError:
            continue  # not a day: nothing to aim for
    return min(days) if days else None


def _day(moment: Any) -> str | None:
    return timezone.localdate(moment).isoformat() if moment else None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
