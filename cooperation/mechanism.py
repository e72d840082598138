"""The cooperation mechanism of Regulation (EU) 2026/1386 inside the review
(docs/cooperation.md §12): whether and by when a case must be notified (Art. 5, 6), the
notification, other nodes' intent to comment with requests for additional information
(Art. 9, 10), the information, the one extension (Art. 11(4)), the emergency notice
(11(6)) and the decision report (12(4)). The decision lock of Art. 11(5) is the case's
`comment_period_ends`, as under 2019/452; an emergency is the urgency recorded on the
case, notified to the others.

Messages are sent through the outbox like every other (`outbox.send_message`), with the
regulation on them; a case under 2019/452 keeps the messages of `services`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cooperation.models import Kind, Message, Peer
from cooperation.outbox import send_message, write_outbound
from cooperation.peers import commission_is_peer
from cooperation.pure import deadlines, duty
from cooperation.services import check_contact_point
from cooperation.wire import COMMISSION, node_code
from core.actors import Actor
from core.errors import DomainError, Invalid
from core.pure import regulations
from core.pure.regulations import Event, Regulation
from reviews import notices, opening, regime
from reviews import services as reviews_services
from reviews.models import Case, Outcome, Phase
from screening.models import OwnershipAssessment

NEW = Regulation.EU_2026_1386.value
MEASURES = {Outcome.CLEARED_WITH_CONDITIONS, Outcome.PROHIBITED, Outcome.UNWINDING_ORDERED}

# --- the duty to notify (Art. 5, 6) -----------------------------------------------


@dataclass(frozen=True)
class DutyDue:
    duty: duty.Duty
    due: date | None  # None: without undue delay

    def as_dict(self) -> dict[str, Any]:
        return {**self.duty.as_dict(), "due": self.due.isoformat() if self.due else None}


def notification_duty(case: Case) -> list[DutyDue]:
    """The grounds on which this case must be notified, each with the day it is due
    (counted from the filing's receipt, Art. 6); none once it has been notified."""
    if case.regulation != NEW or notification_of(case) is not None:
        return []
    found = duty.duties(facts_of(case))
    received_on = timezone.localdate(
        case.filing.submitted_at if case.filing and case.filing.submitted_at else case.opened_at
    )
    node = regime.current()
    due = {
        found_due.period.key: found_due.last_day
        for found_due in regulations.periods(
            Regulation.EU_2026_1386,
            Event.FILING_RECEIVED,
            received_on,
            regime.calendar(node),
            regime.national(node),
        )
    }
    return [DutyDue(d, due.get(duty.PERIOD_KEYS.get(d.ground, ""))) for d in found]


def facts_of(case: Case) -> duty.Facts:
    """What Art. 5 asks about the case, from the scope decision, the resolved ownership,
    confirmed watch-list matches, this node's earlier cases and the filing."""
    version = case.latest_version()
    content = case.filed_content()
    ownership = _ownership(version)
    links = [link for link in ownership.get("state_links") or [] if link.get("third_country")]
    approved = case.decisions.filter(status="approved").order_by("reviewed_at", "id").last()
    in_depth = case.phases.filter(kind=Phase.Kind.PHASE_2).exists()
    return duty.Facts(
        in_minimum_scope=(case.scope or {}).get("in_minimum_scope"),
        state_control=tuple(
            f"{link.get('country')}: {'; '.join(link.get('basis') or [])}" for link in links
        ),
        sanctions=tuple(
            sorted(
                {name for name, topic in opening.watchlist_topics(version) if topic == "sanction"}
            )
            if version is not None
            else ()
        ),
        prior_measures=opening.investor_facts(case).prior_measures,
        in_depth=in_depth,
        annex_ii_projects=tuple(content.get("annex_ii_projects") or []),
        group_member_states=tuple(
            sorted(
                {
                    str(g.get("member_state"))
                    for g in content.get("group_operations") or []
                    if g.get("member_state") and g.get("member_state") != settings.NODE_CODE
                }
            )
        ),
        measures_without_in_depth=approved is not None
        and approved.outcome in MEASURES
        and not in_depth,
    )


def _ownership(version: Any) -> dict[str, Any]:
    if version is None:
        return {}
    assessment = OwnershipAssessment.objects.filter(
        version=version, status=OwnershipAssessment.Status.DONE
    ).first()
    return (assessment.result or {}) if assessment is not None else {}


def notification_of(case: Case) -> Message | None:
    """This node's 2026/1386 notification of the case, once sent."""
    return Message.objects.filter(
        case=case, kind=Kind.NOTIFICATION, direction=Message.Direction.OUTBOUND
    ).first()


# --- notifying (Art. 5, 6, 11(5)) --------------------------------------------------


def notify(*, case: Case, ground: str, actor: Actor) -> Message:
    """The contact point notifies the case to every peer, on `ground`; the decision
    waits until the periods it opens have ended (Art. 11(5)). Never twice (Art. 5(4))."""
    check_contact_point(actor)
    if case.regulation != NEW:
        raise DomainError(
            "This case is under Regulation (EU) 2019/452: send its Art. 6 notification.",
            code="wrong_regulation",
        )
    try:
        chosen = duty.Ground(ground)
    except ValueError:
        raise Invalid({"ground": [f"One of: {', '.join(g.value for g in duty.Ground)}."]}) from None
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)  # one notification at a time
        earlier = notification_of(case)
        if earlier is not None:
            raise DomainError(
                f"The case was notified on {timezone.localdate(earlier.sent_at)}; "
                "Art. 5(4): never twice.",
                code="already_notified",
            )
        peers = sorted(Peer.objects.filter(is_active=True).values_list("code", flat=True))
        if not peers:
            raise DomainError("No peer is registered: add them with add_peer.", code="no_peers")
        reasons = [d.duty.reasons for d in notification_duty(case) if d.duty.ground == chosen]
        message = send_message(
            kind=Kind.NOTIFICATION,
            addressees=peers,
            case_reference=case.reference,
            title=case.title,
            payload={
                **_content(case),
                "filing_reference": case.filing.reference if case.filing else None,
                "ground": chosen.value,
                "ground_label": chosen.label,
                "ground_reasons": list(reasons[0]) if reasons else [],
            },
            actor=actor,
            case=case,
            regulation=NEW,
        )
        periods = deadlines.notification_2026(
            timezone.localdate(message.sent_at), regime.node_calendar(), commission=False
        )
        Message.objects.filter(pk=message.pk).update(periods=_own(periods))
        _lock_until(case, actor, periods, "Art. 11(5): no decision before the periods end")
        if case.urgency_justification.strip():
            # Urgency recorded before the notification: the others learn of it with it.
            notify_emergency(case, actor, case.urgency_justification)
    return message


def _content(case: Case) -> dict[str, Any]:
    """Art. 15(1): the filing as filed, with the filer's confidentiality marks and its
    cross-references to filings in other member states (Art. 7)."""
    if case.filing is not None:
        return dict(case.filed_content())
    return {
        "title": case.title,
        "sectors": case.sectors,
        "investor": {"name": case.investor_name, "country": case.investor_country},
        "target": {"name": case.target_name, "country": case.target_country},
    }


def _own(periods: deadlines.Periods) -> dict[str, Any]:
    """The periods of this node's own notification: the others' comments and the
    Commission's opinion (the intent days are theirs)."""
    found = periods.as_dict()
    found.pop("intent_by", None)
    return found


def _lock_until(case: Case, actor: Actor, periods: deadlines.Periods, reason: str) -> None:
    assert periods.opinion_by is not None and periods.comments_by is not None
    reviews_services.set_comment_period(
        case=case,
        actor=actor,
        ends_on=max(periods.opinion_by, periods.comments_by),
        reason=reason,
    )


# --- the other nodes' side: intent to comment (Art. 9, 10) --------------------------


def announce_intent(
    *, notification: Message, actor: Actor, information_request: str = ""
) -> Message:
    """This node intends to comment on (the Commission: give an opinion on) another
    node's notification, within 15 days of it (the Commission 20); a request for
    additional information goes with it, justified, and the Commission sees it."""
    check_contact_point(actor)
    if not (notification.is_foreign_notification and notification.kind == Kind.NOTIFICATION):
        raise DomainError("An intent to comment answers another node's 2026/1386 notification.")
    with transaction.atomic():
        _locked(notification)  # two clicks at once send one intent
        return _announce(notification, actor, information_request)


def _announce(notification: Message, actor: Actor, information_request: str) -> Message:
    if _answered(notification, Kind.INTENT_TO_COMMENT):
        raise DomainError("This node has announced its intent already.", code="already_sent")
    intent_by = (notification.periods or {}).get("intent_by")
    if intent_by and timezone.localdate() > date.fromisoformat(intent_by):
        raise DomainError(f"The intent was due by {intent_by} (Art. 9).", code="period_ended")
    asked = information_request.strip()
    return send_message(
        kind=Kind.INTENT_TO_COMMENT,
        addressees=[notification.sender],
        case_reference=notification.case_reference,
        case=notification.case,
        title=f"Intent to comment on {notification.case_reference}"
        + (" with a request for additional information" if asked else ""),
        payload={"information_request": asked} if asked else {},
        in_reply_to=notification.message_id,
        actor=actor,
        regulation=NEW,
    )


def _locked(message: Message) -> Message:
    """The message's row, held until the transaction ends: a check that it has not been
    answered and the answer then happen once, however many requests race."""
    return Message.objects.select_for_update().get(pk=message.pk)


def _answered(message: Message, kind: str) -> bool:
    return Message.objects.filter(
        kind=kind, direction=Message.Direction.OUTBOUND, in_reply_to=message.message_id
    ).exists()


# --- the notifying node answers (Art. 10, 11(4), 11(6), 12(4)) ---------------------


def send_additional_information(*, request: Message, text: str, actor: Actor) -> Message:
    """The additional information another node asked for with its intent (Art. 10), to
    it and the Commission; comments and the opinion may then come 15 and 25 days after
    it arrives, so the decision waits for that too (Art. 11(3))."""
    check_contact_point(actor)
    if not (
        request.direction == Message.Direction.INBOUND
        and request.kind == Kind.INTENT_TO_COMMENT
        and (request.payload or {}).get("information_request")
        and request.case is not None
    ):
        raise DomainError("Additional information answers a request that came with an intent.")
    if not text.strip():
        raise Invalid({"text": ["Give the information."]})
    case = request.case
    addressees = {request.sender} | ({COMMISSION} if commission_is_peer() else set())
    with transaction.atomic():
        _locked(request)
        if _answered(request, Kind.ADDITIONAL_INFORMATION):
            raise DomainError("The information was sent already.", code="already_sent")
        message = send_message(
            kind=Kind.ADDITIONAL_INFORMATION,
            addressees=sorted(addressees - {node_code()}),
            case_reference=case.reference,
            case=case,
            title=f"Additional information on {case.reference}",
            payload={"information": text.strip()},
            in_reply_to=request.message_id,
            actor=actor,
            regulation=NEW,
        )
        notification = notification_of(case)
        if notification is not None:
            moved = deadlines.after_additional_information_2026(
                deadlines.from_dict(notification.periods),
                timezone.localdate(),
                regime.node_calendar(),
            )
            Message.objects.filter(pk=notification.pk).update(periods=_own(moved))
            _lock_until(case, actor, moved, "Art. 11(3): 15 and 25 days after the information")
    return message


def extend_periods(*, case: Case, days: int, reason: str, actor: Actor) -> Message:
    """Art. 11(4): once, by up to 20 days, on substantial new information; every node
    notified and the investor are told."""
    check_contact_point(actor)
    notification = notification_of(case)
    if notification is None:
        raise DomainError("Only a notified case has periods to extend.", code="not_notified")
    if not 1 <= days <= regulations.EXTENSION_DAYS:
        raise Invalid({"days": [f"1 to {regulations.EXTENSION_DAYS} days (Art. 11(4))."]})
    if not reason.strip():
        raise Invalid({"reason": ["Say what substantial new information calls for it."]})
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if Message.objects.filter(
            case=case, kind=Kind.EXTENSION, direction=Message.Direction.OUTBOUND
        ).exists():
            raise DomainError(
                "The periods were extended once already; Art. 11(4) allows one extension.",
                code="already_extended",
            )
        moved = deadlines.extended_2026(
            deadlines.from_dict(notification.periods),
            timezone.localdate(notification.sent_at),
            days,
            regime.node_calendar(),
        )
        message = send_message(
            kind=Kind.EXTENSION,
            addressees=list(notification.addressees),
            case_reference=case.reference,
            case=case,
            title=f"Periods on {case.reference} extended by {days} days",
            payload={"days": days, "reason": reason.strip(), **_own(moved)},
            in_reply_to=notification.message_id,
            actor=actor,
            regulation=NEW,
        )
        Message.objects.filter(pk=notification.pk).update(periods=_own(moved))
        _lock_until(case, actor, moved, f"Art. 11(4): extended by {days} days")
        notices.tell_investor(
            case,
            key=f"extension:{message.message_id}",
            subject=f"{case.reference}: the cooperation periods are extended by {days} days",
            body=(
                f"The periods in which other member states may comment on, and the "
                f"Commission give an opinion on, the investment ({case.title}) are "
                f"extended by {days} days under Art. 11(4) of Regulation (EU) 2026/1386: "
                f"comments until {moved.comments_by}, the opinion until {moved.opinion_by}. "
                "The authority decides after they end.\n"
            ),
        )
    return message


def notify_emergency(case: Case, actor: Actor, justification: str) -> Message | None:
    """Art. 11(6): a decision before the periods end, for a justified emergency, is
    notified to the member states and the Commission the case was notified to."""
    notification = notification_of(case)
    if case.regulation != NEW or notification is None:
        return None
    return send_message(
        kind=Kind.EMERGENCY_NOTICE,
        addressees=list(notification.addressees),
        case_reference=case.reference,
        case=case,
        title=f"Emergency: {case.reference} is decided before the periods end",
        payload={"justification": justification, "periods": _own_periods(notification)},
        in_reply_to=notification.message_id,
        actor=actor,
        regulation=NEW,
    )


def _own_periods(notification: Message) -> dict[str, Any]:
    return {k: v for k, v in (notification.periods or {}).items() if k != "reason"}


# --- the decision report (Art. 12(4)) ------------------------------------------------

SPOKEN = (Kind.COMMENT, Kind.OPINION)


def prepare_decision_report(case: Case) -> Message | None:
    """A draft report of the decision for the contact point to complete: due within 7
    days of the decision entering into force, it lists every comment and opinion
    received, each to be answered with how it was taken into account (or why not).
    Once per decision (an after-commit effect may run twice)."""
    notification = notification_of(case)
    approved = case.decisions.filter(status="approved").order_by("reviewed_at", "id").last()
    if notification is None or approved is None:
        return None
    existing = Message.objects.filter(
        case=case, kind=Kind.DECISION_REPORT, payload__decision=str(approved.pk)
    ).first()
    if existing is not None:
        return existing
    decided_on = timezone.localdate(approved.reviewed_at or timezone.now())
    node = regime.current()
    [report_due] = regulations.periods(
        Regulation.EU_2026_1386,
        Event.DECISION_IN_FORCE,
        decided_on,
        regime.calendar(node),
        regime.national(node),
    )
    spoken = Message.objects.filter(
        case=case, direction=Message.Direction.INBOUND, kind__in=SPOKEN, regulation=NEW
    ).order_by("id")
    draft = Message(
        direction=Message.Direction.OUTBOUND,
        status=Message.Status.DRAFT,
        kind=Kind.DECISION_REPORT,
        sender=node_code(),
        addressees=list(notification.addressees),
        case_reference=case.reference,
        case=case,
        in_reply_to=notification.message_id,
        regulation=NEW,
        title=f"Decision on {case.reference}: {approved.get_outcome_display()}",
        payload={
            "decision": str(approved.pk),
            "outcome": approved.outcome,
            "decided_on": decided_on.isoformat(),
            "due_by": report_due.last_day.isoformat() if report_due.last_day else None,
            "operative_part": "",
            "summary_of_reasons": approved.reasons,
            "weighing": [
                {
                    "message": str(m.message_id),
                    "from": m.sender,
                    "kind": m.kind,
                    "said": _said(m),
                    "taken_into_account": "",
                }
                for m in spoken
            ],
        },
        sent_at=timezone.now(),
        created_by="system (decision taken)",
    )
    draft.save()
    return draft


def _said(message: Message) -> str:
    payload = message.payload if isinstance(message.payload, dict) else {}
    text = payload.get("comment") or payload.get("opinion") or payload.get("text") or ""
    return (str(text) or message.title)[:2000]


def send_decision_report(
    *,
    report: Message,
    operative_part: str,
    summary_of_reasons: str,
    weighing: dict[str, str],
    actor: Actor,
) -> Message:
    """Art. 12(4): the operative part, a summary of the reasons, and for each comment
    and opinion how it was taken into account or why it was not; every one answered."""
    check_contact_point(actor)
    errors: dict[str, list[str]] = {}
    if not operative_part.strip():
        errors["operative_part"] = ["Give the operative part of the decision."]
    if not summary_of_reasons.strip():
        errors["summary_of_reasons"] = ["Summarise the reasons."]
    rows = list((report.payload or {}).get("weighing") or [])
    for row in rows:
        if not (weighing.get(row["message"]) or "").strip():
            errors[f"weighing.{row['message']}"] = [
                f"Say how {row['from']}'s {row['kind']} was taken into account, or why not."
            ]
    if errors:
        raise Invalid(errors)
    with transaction.atomic():
        report = Message.objects.select_for_update().get(pk=report.pk)
        if report.status != Message.Status.DRAFT or report.kind != Kind.DECISION_REPORT:
            raise DomainError("This report has been sent already.", code="already_sent")
        peers = {p.code: p for p in Peer.objects.filter(code__in=report.addressees, is_active=True)}
        report.payload = {
            **report.payload,
            "operative_part": operative_part.strip(),
            "summary_of_reasons": summary_of_reasons.strip(),
            "weighing": [
                {**row, "taken_into_account": weighing[row["message"]].strip()} for row in rows
            ],
        }
        report.addressees = sorted(peers)
        report.status = Message.Status.SENT
        report.sent_at = timezone.now()
        report.created_by = actor.label
        write_outbound(report, peers, actor)
    return report


# --- asking the notifier (Art. 11(4), 12(2)) ------------------------------------------


def request_extension(*, notification: Message, reason: str, actor: Actor) -> Message:
    """Ask the notifying member state to extend the periods, on substantial new
    information (Art. 11(4)); it decides, once. The Commission sees the request."""
    check_contact_point(actor)
    if not (notification.is_foreign_notification and notification.kind == Kind.NOTIFICATION):
        raise DomainError("An extension is asked of the member state that notified.")
    if not reason.strip():
        raise Invalid({"reason": ["Say what substantial new information calls for it."]})
    with transaction.atomic():
        _locked(notification)
        if _answered(notification, Kind.EXTENSION_REQUEST):
            raise DomainError("This node has asked for an extension already.", code="already_sent")
        return _ask_extension(notification, reason, actor)


def _ask_extension(notification: Message, reason: str, actor: Actor) -> Message:
    return send_message(
        kind=Kind.EXTENSION_REQUEST,
        addressees=[notification.sender],
        case_reference=notification.case_reference,
        case=notification.case,
        title=f"Request to extend the periods on {notification.case_reference}",
        payload={"reason": reason.strip()},
        in_reply_to=notification.message_id,
        actor=actor,
        regulation=NEW,
    )


def request_meeting(*, case: Case, about: Message | None, reason: str, actor: Actor) -> Message:
    """Ask for a meeting on a notified investment (Art. 12(2)): on another node's
    notification, with its sender; on this node's own, with every node notified."""
    check_contact_point(actor)
    if not reason.strip():
        raise Invalid({"reason": ["Say what the meeting is to discuss."]})
    if about is not None and about.is_foreign_notification and about.kind == Kind.NOTIFICATION:
        addressees, reference, answered = [about.sender], about.case_reference, about.message_id
    else:
        notification = notification_of(case)
        if notification is None:
            raise DomainError("A meeting is about a notification.", code="not_notified")
        addressees = list(notification.addressees)
        reference, answered = case.reference, notification.message_id
    return send_message(
        kind=Kind.MEETING_REQUEST,
        addressees=addressees,
        case_reference=reference,
        case=case,
        title=f"Meeting requested on {reference}",
        payload={"reason": reason.strip()},
        in_reply_to=answered,
        actor=actor,
        regulation=NEW,
    )


# --- penalties (Art. 14(7)) ------------------------------------------------------------


def report_penalty(case: Case, penalty: Any) -> Message | None:
    """A penalty recorded on a 2026/1386 case is reported to the Commission, in the
    transaction that records it."""
    if case.regulation != NEW or not commission_is_peer():
        return None
    return send_message(
        kind=Kind.PENALTY_REPORT,
        addressees=[COMMISSION],
        case_reference=case.reference,
        case=case,
        title=f"Penalty on {case.reference}: {penalty.get_kind_display()}",
        payload={
            "kind": penalty.kind,
            "amount": str(penalty.amount) if penalty.amount is not None else None,
            "currency": penalty.currency,
            "decided_on": penalty.decided_on.isoformat(),
            "investor": {"name": case.investor_name, "country": case.investor_country},
        },
        actor=Actor.system("penalty report (Art. 14(7))"),
        regulation=NEW,
    )
