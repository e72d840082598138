"""The cooperation pages of the reviewers: the panel of the case page (messages sent and
received about the case, their deadlines and delivery, what the contact point may send
from here), the dashboard's unread messages, the mailbox and a message's own page."""

from __future__ import annotations

import json
import uuid
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from cooperation import art13, database, mechanism, multicountry, services
from cooperation import selectors as mail
from cooperation.mechanism import NEW
from cooperation.models import Kind, Message, Peer
from cooperation.pure import duty
from core.actors import Actor
from core.errors import DomainError, Invalid
from reviews import filing_words, selectors
from reviews.models import Case
from reviews.page_extensions import Panel
from reviews.pure.workflow import Role
from reviews.services import roles_of
from reviews.views import as_sentence, staff_page


def panel(case: Case, actor: Actor) -> Panel | None:
    on_the_case = actor.user is not None and case.assignee_id == actor.user.pk
    if not (mail.reads_every_message(actor) or on_the_case):
        return None
    found = list(
        Message.objects.filter(case=case).prefetch_related("deliveries__peer").order_by("id")
    )
    answered = {
        (m.kind, m.in_reply_to)
        for m in found
        if m.direction == Message.Direction.OUTBOUND and m.in_reply_to
    }
    notification = mechanism.notification_of(case) if case.regulation == NEW else None
    return Panel(
        "cooperation/panel.html",
        {
            "case": case,
            "messages": found,
            "is_contact_point": Role.CONTACT_POINT in roles_of(actor),
            # Regulation (EU) 2026/1386 (docs/cooperation.md §12).
            "under_2026_1386": case.regulation == NEW,
            "duties": mechanism.notification_duty(case) if case.regulation == NEW else [],
            "database_findings": database.findings_for(case) if case.regulation == NEW else [],
            "other_filings": multicountry.others_of(case) if case.regulation == NEW else [],
            "common_day": multicountry.common_notification_day(case)
            if case.regulation == NEW
            else None,
            "grounds": [(g.value, g.label) for g in duty.Ground],
            "notification": notification,
            "may_extend": notification is not None
            and not any(m.kind == Kind.EXTENSION for m in found),
            "intents_to_answer": [
                m
                for m in found
                if m.kind == Kind.INTENT_TO_COMMENT
                and m.direction == Message.Direction.INBOUND
                and (m.payload or {}).get("information_request")
                and (Kind.ADDITIONAL_INFORMATION, m.message_id) not in answered
            ],
            "extension_requests": [
                m
                for m in found
                if m.kind == Kind.EXTENSION_REQUEST and m.direction == Message.Direction.INBOUND
            ],
            "reports": [m for m in found if m.kind == Kind.DECISION_REPORT and m.status == "draft"],
            "to_answer": [
                {
                    "message": m,
                    "needs_intent": m.kind == Kind.NOTIFICATION
                    and (Kind.INTENT_TO_COMMENT, m.message_id) not in answered,
                }
                for m in found
                if m.is_foreign_notification
            ],
            # The case moved and this app has not followed yet (an after-commit effect
            # waiting for a worker, or failing): say so rather than show nothing.
            "catching_up": mail.effects_waiting_for(case),
        },
    )


@staff_page
@require_POST
def act(request: HttpRequest, actor: Actor, case_id: str) -> HttpResponse:
    case = get_object_or_404(selectors.cases_for(actor), pk=case_id)
    try:
        services.check_contact_point(actor)
        done = _act(case, actor, request.POST)
    except DomainError as error:
        messages.error(request, as_sentence(error.detail))
    else:
        messages.success(request, done)
    return redirect("review-case", case_id=case.pk)


def _act(case: Case, actor: Actor, form: Any) -> str:
    if form.get("action") == "notify":
        sent = mechanism.notify(case=case, ground=form.get("ground", ""), actor=actor)
        multicountry.share_timeline(case)  # the others of the transaction see the day
        return f"Notification sent to {', '.join(sent.addressees)}."
    if form.get("action") == "meeting":
        try:  # on another node's notification, or (none given) on this node's own
            about_id = uuid.UUID(form.get("message", ""))
        except ValueError:
            about_id = None
        about = Message.objects.filter(case=case, message_id=about_id).first() if about_id else None
        sent = mechanism.request_meeting(
            case=case, about=about, reason=form.get("reason", ""), actor=actor
        )
        return f"Meeting requested of {', '.join(sent.addressees)}."
    if form.get("action") == "database_query":
        sent = database.query(case=case, actor=actor)
        return f"The Commission's database was asked ({', '.join(sent.addressees)})."
    if form.get("action") == "extend":
        try:
            days = int(form.get("days", ""))
        except ValueError:
            raise Invalid({"days": ["A number of days, 1 to 20."]}) from None
        sent = mechanism.extend_periods(
            case=case, days=days, reason=form.get("reason", ""), actor=actor
        )
        return f"Periods extended; told {', '.join(sent.addressees)} and the investor."
    try:
        message_id = uuid.UUID(form.get("message", ""))
    except ValueError:
        raise Invalid({"message": ["No such message."]}) from None
    if form.get("action") == "send_draft":
        draft = get_object_or_404(Message, case=case, message_id=message_id)
        sent = services.send_draft(message=draft, actor=actor)
        return f"Notification sent to {', '.join(sent.addressees)}."
    if form.get("action") == "intent":
        notification = get_object_or_404(
            Message, case=case, message_id=message_id, direction="inbound"
        )
        sent = mechanism.announce_intent(
            notification=notification,
            information_request=form.get("information_request", ""),
            actor=actor,
        )
        return f"Intent to comment sent to {', '.join(sent.addressees)}."
    if form.get("action") == "extension_request":
        notification = get_object_or_404(
            Message, case=case, message_id=message_id, direction="inbound"
        )
        sent = mechanism.request_extension(
            notification=notification, reason=form.get("reason", ""), actor=actor
        )
        return f"Extension requested of {', '.join(sent.addressees)}."
    if form.get("action") == "additional_information":
        request = get_object_or_404(Message, case=case, message_id=message_id, direction="inbound")
        sent = mechanism.send_additional_information(
            request=request, text=form.get("text", ""), actor=actor
        )
        return f"Additional information sent to {', '.join(sent.addressees)}."
    if form.get("action") == "decision_report":
        report = get_object_or_404(Message, case=case, message_id=message_id, status="draft")
        sent = mechanism.send_decision_report(
            report=report,
            operative_part=form.get("operative_part", ""),
            summary_of_reasons=form.get("summary_of_reasons", ""),
            weighing={
                row["message"]: form.get(f"weighing-{row['message']}", "")
                for row in (report.payload or {}).get("weighing") or []
            },
            actor=actor,
        )
        return f"Decision report sent to {', '.join(sent.addressees)}."
    if form.get("action") == "comment":
        notification = get_object_or_404(
            Message, case=case, message_id=message_id, direction="inbound"
        )
        sent = services.comment_on(
            notification=notification,
            text=form.get("text", ""),
            title=form.get("title", ""),
            actor=actor,
        )
        return f"Comment sent to {', '.join(sent.addressees)}."
    raise Invalid({"action": ["Unknown action."]})


def dashboard_panel(actor: Actor) -> Panel:
    unread = mail.unread_for(actor)
    return Panel(
        "cooperation/dashboard.html",
        {"count": unread.count(), "messages": list(unread[:10])},
    )


@staff_page
def mailbox(request: HttpRequest, actor: Actor) -> HttpResponse:
    """Every message this user may read, newest first; unread ones marked."""
    return _mailbox(request, actor)


def _mailbox(
    request: HttpRequest, actor: Actor, *, form: dict[str, str] | None = None, status: int = 200
) -> HttpResponse:
    shown = request.GET.get("show", "")
    found = mail.with_read(mail.messages_for(actor), actor)
    if shown == "unread":
        found = found.filter(~mail.read_by(actor), direction=Message.Direction.INBOUND)
    elif shown in (Message.Direction.INBOUND, Message.Direction.OUTBOUND):
        found = found.filter(direction=shown)
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "cooperation/mailbox.html",
        {
            "page": page,
            "shown": shown,
            "query": f"show={shown}" if shown else "",
            "may_ask": Role.CONTACT_POINT in roles_of(actor),
            "form": form or {},
            "hosts": Peer.objects.filter(is_active=True).exclude(code="EU").order_by("code"),
        },
        status=status,
    )


def _readable_message(actor: Actor, message_id: str) -> Message:
    try:
        wanted = uuid.UUID(message_id)
    except ValueError:
        raise Http404("No such message.") from None
    return get_object_or_404(
        mail.messages_for(actor).prefetch_related("deliveries__peer"), message_id=wanted
    )


@staff_page
@require_POST
def comment_on_message(request: HttpRequest, actor: Actor, message_id: str) -> HttpResponse:
    """The contact point comments on another node's notification from its page."""
    notification = _readable_message(actor, message_id)
    try:
        sent = services.comment_on(
            notification=notification, text=request.POST.get("text", ""), actor=actor
        )
    except DomainError as error:
        messages.error(request, as_sentence(error.detail))
    else:
        messages.success(request, f"Comment sent to {', '.join(sent.addressees)}.")
    return redirect("review-message", message_id=notification.message_id)


@staff_page
def message_page(request: HttpRequest, actor: Actor, message_id: str) -> HttpResponse:
    """One message as its reader needs it; opening it marks it read for this user."""
    message = _readable_message(actor, message_id)
    services.mark_read(message, actor)
    names = dict(Peer.objects.values_list("code", "name"))
    payload = message.payload or {}
    # The filer's confidentiality marks travel in the content (Art. 4(6) of 2026/1386).
    # A peer's list is read as sent: only names count.
    marks = payload.get("confidential")
    marked = {m for m in marks if isinstance(m, str)} if isinstance(marks, list) else set()
    return render(
        request,
        "cooperation/message.html",
        {
            "message": message,
            "sender_name": names.get(message.sender, ""),
            "payload": _content_in_words(payload, marked),
            "confidential": sorted(marked),
            "answered": (
                mail.messages_for(actor).filter(message_id=message.in_reply_to).first()
                if message.in_reply_to
                else None
            ),
            "replies": mail.messages_for(actor).filter(in_reply_to=message.message_id),
            # Under 2026/1386 the intent comes first (Art. 9), then the comment.
            "may_announce_intent": Role.CONTACT_POINT in roles_of(actor)
            and message.is_foreign_notification
            and message.kind == Kind.NOTIFICATION
            and not _intent_sent(message),
            "may_comment": Role.CONTACT_POINT in roles_of(actor)
            and message.is_foreign_notification
            and (message.kind != Kind.NOTIFICATION or _intent_sent(message)),
            # Art. 13 of 2026/1386: the host answers a query; the asker comments after.
            "art13": _art13_actions(message, actor),
        },
    )


def _intent_sent(notification: Message) -> bool:
    return Message.objects.filter(
        kind=Kind.INTENT_TO_COMMENT,
        direction=Message.Direction.OUTBOUND,
        in_reply_to=notification.message_id,
    ).exists()


@staff_page
@require_POST
def intent_on_message(request: HttpRequest, actor: Actor, message_id: str) -> HttpResponse:
    """The contact point announces the intent to comment from the notification's page
    (Art. 9 of 2026/1386), whether or not a case of this node is linked to it."""
    notification = _readable_message(actor, message_id)
    try:
        sent = mechanism.announce_intent(
            notification=notification,
            information_request=request.POST.get("information_request", ""),
            actor=actor,
        )
    except DomainError as error:
        messages.error(request, as_sentence(error.detail))
    else:
        messages.success(request, f"Intent to comment sent to {', '.join(sent.addressees)}.")
    return redirect("review-message", message_id=notification.message_id)


def _art13_actions(message: Message, actor: Actor) -> str:
    """Which Art. 13 form the contact point gets on this message: "answer" (the host),
    "comment" (the asker, once the information is in), or none."""
    if Role.CONTACT_POINT not in roles_of(actor) or message.kind != Kind.NOT_NOTIFIED_QUERY:
        return ""
    if message.direction == Message.Direction.INBOUND:
        answered = Message.objects.filter(
            in_reply_to=message.message_id,
            direction=Message.Direction.OUTBOUND,
            kind__in=[Kind.REPLY, Kind.REFUSAL_TO_SCREEN],
        ).exists()
        return "" if answered else "answer"
    return "comment" if (message.periods or {}).get("comments_by") else ""


@staff_page
@require_POST
def art13_action(request: HttpRequest, actor: Actor, message_id: str) -> HttpResponse:
    """The Art. 13 steps on a query's page: answer, refuse to screen, or comment."""
    query = _readable_message(actor, message_id)
    action, text = request.POST.get("action", ""), request.POST.get("text", "")
    try:
        if action == "answer":
            sent = art13.answer(query=query, information=text, actor=actor)
        elif action == "refuse":
            sent = art13.refuse_to_screen(query=query, explanation=text, actor=actor)
        elif action == "comment":
            sent = art13.comment(query=query, text=text, actor=actor)
        else:
            raise Invalid({"action": ["Unknown action."]})
    except DomainError as error:
        messages.error(request, as_sentence(error.detail))
    else:
        messages.success(
            request, f"{sent.get_kind_display()} sent to {', '.join(sent.addressees)}."
        )
    return redirect("review-message", message_id=query.message_id)


ASK_FIELDS = (
    "host",
    "title",
    "investor_name",
    "investor_country",
    "target_name",
    "target_country",
    "completed_on",
    "information_request",
)


@staff_page
@require_POST
def ask_not_notified(request: HttpRequest, actor: Actor) -> HttpResponse:
    """The contact point asks another member state about an investment not notified
    (Art. 13); a refused form comes back with what was typed and the reason."""
    form = {name: request.POST.get(name, "").strip() for name in ASK_FIELDS}
    error: DomainError | None
    try:
        completed_on = date.fromisoformat(form["completed_on"]) if form["completed_on"] else None
    except ValueError:
        completed_on, error = None, Invalid({"completed_on": ["A date, YYYY-MM-DD."]})
    else:
        error = None
    if error is None:
        try:
            sent = art13.ask(
                host=form["host"].upper(),
                title=form["title"],
                investor={
                    "name": form["investor_name"],
                    "country": form["investor_country"].upper(),
                },
                target={"name": form["target_name"], "country": form["target_country"].upper()},
                completed_on=completed_on,
                information_request=form["information_request"],
                actor=actor,
            )
        except DomainError as refused:
            error = refused
        else:
            messages.success(request, f"Query sent to {', '.join(sent.addressees)}.")
            return redirect("review-message", message_id=sent.message_id)
    messages.error(request, as_sentence(error.detail))
    return _mailbox(request, actor, form=form, status=400)


def _content_in_words(payload: dict[str, Any], marked: set[str]) -> list[dict[str, Any]]:
    """A message's content as the case page shows a filing: the filing's sections in
    words (reviews/filing_words.py), anything else as its text; long parts folded."""
    known = [key for key, _, _ in filing_words.SECTIONS if key in payload]
    parts = [
        (filing_words.LABELS[key], filing_words.section(key, payload[key]), key) for key in known
    ]
    for key in sorted(set(payload) - set(known) - {"confidential"}):
        text, structured = _readable(payload[key])
        lines = text.splitlines() if structured else [text]
        parts.append((key.replace("_", " ").capitalize(), lines, key))
    return [
        {"label": label, "lines": lines, "marked": key in marked, "long": len(lines) > 12}
        for label, lines, key in parts
    ]


def _readable(value: Any) -> tuple[str, bool]:
    """A payload value as text, and whether it is structured (shown preformatted)."""
    if isinstance(value, dict | list):
        return json.dumps(value, indent=2, ensure_ascii=False), True
    return str(value), False
