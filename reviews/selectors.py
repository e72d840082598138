"""Reads of cases that the API and the pages share, with their joins decided here."""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery

from core.actors import Actor
from core.models import AuditEntry, Organisation
from reviews.models import (
    Case,
    Condition,
    Decision,
    Hearing,
    InboxItem,
    InformationRequest,
    Phase,
    Status,
)
from reviews.pure.workflow import UNDER_REVIEW, Role


def cases_for(actor: Actor) -> QuerySet[Case]:
    """The cases of the actor's own authority, with the kind of their running phase."""
    if actor.organisation is None:
        return Case.objects.none()
    running = Phase.objects.filter(case=OuterRef("pk"), ended_on__isnull=True)
    return (
        Case.objects.filter(authority=actor.organisation)
        .select_related("assignee", "filing")
        .annotate(running_phase=Subquery(running.values("kind")[:1]))
    )


def case_detail(actor: Actor) -> QuerySet[Case]:
    return cases_for(actor).prefetch_related(
        Prefetch("phases", queryset=Phase.objects.prefetch_related("stops")),
        Prefetch("information_requests", queryset=InformationRequest.objects.order_by("number")),
        Prefetch(
            "decisions",
            queryset=Decision.objects.select_related("proposed_by", "reviewed_by").prefetch_related(
                "conditions"
            ),
        ),
        Prefetch("conditions", queryset=Condition.objects.select_related("decision")),
        "hearings",
        "penalties",
        "notes__author",
    )


def timeline(case: Case) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(object_type="reviews.case", object_id=str(case.pk)).order_by(
        "id"
    )


def inbox_of(actor: Actor) -> QuerySet[InboxItem]:
    user_id = actor.user.pk if actor.user is not None else None
    return InboxItem.objects.filter(recipient_id=user_id).select_related("case")


def requests_of_filing(filing_id: Any) -> QuerySet[InformationRequest]:
    return (
        InformationRequest.objects.filter(case__filing_id=filing_id)
        .select_related("case")
        .order_by("number")
    )


def search(cases: QuerySet[Case], text: str) -> QuerySet[Case]:
    """By reference or part of it, the filing's reference, title, investor or target
    name, the investor's or target's LEI, or the name of an owner the filing declares
    (ultimate investors, beneficial owners).

    Every part has its index on the case row on PostgreSQL (trigram indexes for the
    references, names and owners), so the planner combines them (a bitmap OR) rather
    than reading every case in deadline order: 5 ms rather than 600 at 100,000 cases."""
    text = text.strip()
    return cases.filter(
        Q(reference__icontains=text)
        | Q(filing_reference__icontains=text)
        | Q(title__icontains=text)
        | Q(investor_name__icontains=text)
        | Q(target_name__icontains=text)
        | Q(investor_lei=text.upper())
        | Q(target_lei=text.upper())
        | Q(owner_names__icontains=text)
    )


def assigned(cases: QuerySet[Case], actor: Actor, who: str) -> QuerySet[Case]:
    """Cases assigned to `who`: "me" (the actor), "none" (nobody) or a user name."""
    if who == "none":
        return cases.filter(assignee__isnull=True)
    if who == "me":
        return cases.filter(assignee_id=actor.user.pk if actor.user is not None else None)
    return cases.filter(assignee__username=who)


# The queue's views: the work lists of docs/review.md §12, each a narrowing of the cases.
VIEWS = [
    ("open", "Open cases"),
    ("mine", "My cases"),
    ("unassigned", "Unassigned"),
    ("approval", "Awaiting my approval"),
    ("week", "Deadlines within 7 days"),
    ("requests", "Open requests"),
    ("all", "All cases"),
]


def in_view(cases: QuerySet[Case], actor: Actor, view: str, today: date) -> QuerySet[Case]:
    """The cases of one of the queue's views (VIEWS); every view but "all" holds open
    cases only. "approval" is a senior officer's: proposals by someone else (four eyes)."""
    if view == "all":
        return cases
    user_id = actor.user.pk if actor.user is not None else None
    cases = cases.filter(status__in=UNDER_REVIEW)
    if view == "mine":
        return cases.filter(assignee_id=user_id)
    if view == "unassigned":
        return cases.filter(assignee__isnull=True)
    if view == "approval":
        if (
            actor.user is None
            or not actor.user.groups.filter(  # type: ignore[attr-defined]
                name=Role.SENIOR_OFFICER.value
            ).exists()
        ):
            return cases.none()
        proposals = Decision.objects.filter(
            case=OuterRef("pk"), status=Decision.Status.PROPOSED
        ).exclude(proposed_by_id=user_id)
        return cases.filter(Exists(proposals))
    if view == "week":
        return cases.filter(deadline__lte=today + timedelta(days=7))
    if view == "requests":
        requests = InformationRequest.objects.filter(
            case=OuterRef("pk"), status=InformationRequest.Status.OPEN
        )
        return cases.filter(Exists(requests))
    return cases


def containing(cases: QuerySet[Case], field: str, value: str) -> QuerySet[Case]:
    """Cases whose JSON list `field` holds `value`: containment (GIN-indexed) on
    PostgreSQL; SQLite, the demo's database, has no JSON containment, so there the list's
    text is searched for the quoted value."""
    if connection.vendor == "postgresql":
        return cases.filter(**{f"{field}__contains": [value]})
    return cases.filter(**{f"{field}__icontains": json.dumps(value)})


def officers_of(authority: Organisation) -> QuerySet[User]:
    """The active case officers and senior officers of `authority` (who may be assigned)."""
    return (
        User.objects.filter(
            membership__organisation=authority,
            groups__name__in=[Role.CASE_OFFICER.value, Role.SENIOR_OFFICER.value],
            is_active=True,
        )
        .distinct()
        .order_by("username")
    )


@dataclass(frozen=True)
class Dashboard:
    mine: list[Case]
    due_soon: list[Case]
    overdue: list[Case]
    per_status: list[tuple[str, int]]
    open_requests: int
    opened_per_month: list[tuple[Any, int]]  # (first instant of the month, cases opened)
    decided_by_outcome: dict[str, int]  # approved decisions of the last 12 months


def dashboard(actor: Actor, *, today: date, soon: date, months: list[datetime]) -> Dashboard:
    """What the dashboard shows: the actor's open cases, deadlines up to `soon`, what is
    overdue, the counts by status, and intake and outcomes since `months[0]`. `months`
    are the first instants of the months the chart shows, then of the month after."""
    since = months[0]
    cases = cases_for(actor)
    open_cases = cases.filter(status__in=UNDER_REVIEW)
    user_id = actor.user.pk if actor.user is not None else None
    return Dashboard(
        mine=list(open_cases.filter(assignee_id=user_id).order_by("deadline")[:20]),
        due_soon=list(
            open_cases.filter(deadline__gte=today, deadline__lte=soon).order_by("deadline")[:20]
        ),
        overdue=list(open_cases.filter(deadline__lt=today).order_by("deadline")[:20]),
        # COUNT(*), not COUNT(id): the id is not in the (authority, status) index, and
        # counting it made PostgreSQL read every case row rather than the index alone
        # (33 → 9 ms at 100,000 cases).
        per_status=[
            (Status(row["status"]).label, row["n"])
            for row in cases.values("status").annotate(n=Count("*")).order_by("status")
        ],
        open_requests=InformationRequest.objects.filter(
            case__authority=actor.organisation, status=InformationRequest.Status.OPEN
        ).count(),
        opened_per_month=_opened_per_month(cases, months),
        decided_by_outcome=dict(
            Decision.objects.filter(
                case__authority=actor.organisation,
                status=Decision.Status.APPROVED,
                reviewed_at__gte=since,
            )
            .values_list("outcome")
            .annotate(n=Count("id"))
        ),
    )


def _opened_per_month(cases: QuerySet[Case], months: list[datetime]) -> list[tuple[Any, int]]:
    """Cases opened in each month, counted over the indexed timestamp between the
    months' first instants: the (authority, opened_at) index alone answers it. Grouping
    by the month of each row (TruncMonth) converted every row's timestamp to the node's
    time zone and read the rows for their id: 47 → 6 ms at 100,000 cases."""
    bounds = list(itertools.pairwise(months))
    counts = cases.filter(opened_at__gte=months[0], opened_at__lt=months[-1]).aggregate(
        **{
            f"month_{i}": Count("opened_at", filter=Q(opened_at__gte=start, opened_at__lt=end))
            for i, (start, end) in enumerate(bounds)
        }
    )
    return [(start, counts[f"month_{i}"]) for i, (start, _) in enumerate(bounds)]


def hearings_of_filing(filing_id: Any) -> QuerySet[Hearing]:
    """The hearing letters on a filing's case, for its investor."""
    return Hearing.objects.filter(case__filing_id=filing_id).select_related("case__filing")
