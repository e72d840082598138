"""The cooperation app listening to the review (reviews never imports cooperation)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from cooperation import database, mechanism, multicountry, services
from cooperation.models import Kind, Message
from cooperation.peers import commission_is_peer
from core.pure.regulations import Regulation
from reviews import events, opening, page_extensions, statistics
from reviews.models import Case
from reviews.pure.workflow import COMPLETENESS_CHECK, DECIDED, PHASE_1, RECEIVED
from reviews.signals import case_transitioned, penalty_recorded, urgency_recorded


@receiver(urgency_recorded)
def notify_emergency(sender: Any, case: Case, actor: Any, justification: str, **kw: Any) -> None:
    """Art. 11(6) of 2026/1386: the emergency goes to the nodes the case was notified to,
    in the transaction that records it."""
    mechanism.notify_emergency(case, actor, justification)


@receiver(penalty_recorded)
def report_penalty(sender: Any, case: Case, actor: Any, penalty: Any, **kw: Any) -> None:
    """Art. 14(7) of 2026/1386: the penalty goes to the Commission; a breach of measures
    also changes the case's record in the database."""
    mechanism.report_penalty(case, penalty)
    database.export_outcome(case)


@receiver(case_transitioned)
def follow_case(sender: Any, case: Case, before: str, after: str, **kwargs: Any) -> None:
    if case.regulation == Regulation.EU_2026_1386:
        # 2026/1386 has its own mechanism (docs/cooperation.md §12, §14): the contact
        # point notifies on an Art. 5 ground; the Commission's database is asked about
        # the investor when the review starts, and told the outcome when it ends; a
        # decided case that was notified is reported.
        starts = after == PHASE_1 and before in (RECEIVED, COMPLETENESS_CHECK)
        if starts and commission_is_peer():
            database.query(case=case, actor=database.SYSTEM)
        if after in database.ENDED:
            database.export_outcome(case)
        if after == DECIDED:
            mechanism.prepare_decision_report(case)
        multicountry.share_timeline(case)  # Art. 7: the others of the transaction
        return
    if after == PHASE_1 and before in (RECEIVED, COMPLETENESS_CHECK):
        services.prepare_notification(case)
    elif after == DECIDED:
        services.notify_final_decision(case)


def cooperation_section(authority: Any, year: int) -> tuple[str, list[tuple[str, int]]]:
    """Art. 5(2): the use of the cooperation mechanism in the annual report."""
    from django.db.models import Count

    sent = (
        Message.objects.filter(sent_at__year=year, direction="outbound", status="sent")
        .values("kind")
        .annotate(n=Count("id"))
    )
    received = (
        Message.objects.filter(sent_at__year=year, direction="inbound")
        .values("kind")
        .annotate(n=Count("id"))
    )
    return (
        "Cooperation mechanism (Art. 6 and 7)",
        [(f"sent: {row['kind'].replace('_', ' ')}", row["n"]) for row in sent.order_by("kind")]
        + [
            (f"received: {row['kind'].replace('_', ' ')}", row["n"])
            for row in received.order_by("kind")
        ],
    )


statistics.add_section(cooperation_section)


def _kind_words(kind: str) -> str:
    return Kind(kind).label if kind in Kind.values else kind.replace("_", " ")


# The case timeline words this app's audit events (reviews/events.py).
events.add_words("cooperation.sent.", lambda kind: f"Sent to other nodes: {_kind_words(kind)}")
events.add_words(
    "cooperation.received.", lambda kind: f"Received from another node: {_kind_words(kind)}"
)


opening.add_prior_measures_source(database.findings_for)


def warnings_before_deciding(case: Case) -> list[str]:
    """An Art. 6 notification of the case still a draft: deciding now would decide a
    case the other member states were never told of (issue 17, defect 10)."""
    draft = Message.objects.filter(
        case=case,
        direction=Message.Direction.OUTBOUND,
        status=Message.Status.DRAFT,
        kind__in=[Kind.NOTIFICATION_ART6, Kind.NOTIFICATION],
    ).exists()
    if not draft or not case.is_under_review:
        return []
    return [
        "The notification of this case to the other member states and the Commission is "
        "still a draft: the contact point has not sent it. Once sent, no decision may be "
        "taken before the comment periods end, unless the urgency is recorded."
    ]


def messages_for_the_case_file(case: Case) -> list[tuple[str, list[str]]]:
    """The case's messages with other nodes, for its case file (the PDF)."""
    lines = [
        f"{m.sent_at:%Y-%m-%d %H:%M} · {m.get_kind_display()} · {m.sender} → "
        + (", ".join(m.addressees) if m.status != Message.Status.DRAFT else "not sent (draft)")
        + (f" · {m.title}" if m.title else "")
        + (
            f" · comments by {m.periods['comments_by']}"
            if (m.periods or {}).get("comments_by")
            else ""
        )
        for m in Message.objects.filter(case=case).order_by("sent_at", "id")
    ]
    return [("Messages with other member states and the Commission", lines or ["None."])]


def _register_panel() -> None:
    from cooperation.views import dashboard_panel, panel

    page_extensions.register(panel)
    page_extensions.register_dashboard(dashboard_panel)
    page_extensions.register_warnings(warnings_before_deciding)
    page_extensions.register_case_file(messages_for_the_case_file)


_register_panel()
