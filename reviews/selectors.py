"""Reads of cases that the API and the pages share, with their joins decided here."""

from __future__ import annotations

import json
from typing import Any

from django.db import connection
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery

from core.actors import Actor
from core.models import AuditEntry
from reviews.models import Case, Condition, Decision, InboxItem, InformationRequest, Phase


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
    """By reference, title, investor or target name, or the investor's or target's LEI.

    On PostgreSQL each condition has its index (trigram indexes for the names), so a
    search reads only the cases it finds."""
    text = text.strip()
    return cases.filter(
        Q(reference__iexact=text)
        | Q(title__icontains=text)
        | Q(investor_name__icontains=text)
        | Q(target_name__icontains=text)
        | Q(investor_lei=text.upper())
        | Q(target_lei=text.upper())
    )


def assigned(cases: QuerySet[Case], actor: Actor, who: str) -> QuerySet[Case]:
    """Cases assigned to `who`: "me" (the actor), "none" (nobody) or a user name."""
    if who == "none":
        return cases.filter(assignee__isnull=True)
    if who == "me":
        return cases.filter(assignee_id=actor.user.pk if actor.user is not None else None)
    return cases.filter(assignee__username=who)


def containing(cases: QuerySet[Case], field: str, value: str) -> QuerySet[Case]:
    """Cases whose JSON list `field` holds `value`: containment (GIN-indexed) on
    PostgreSQL; SQLite, the demo's database, has no JSON containment, so there the list's
    text is searched for the quoted value."""
    if connection.vendor == "postgresql":
        return cases.filter(**{f"{field}__contains": [value]})
    return cases.filter(**{f"{field}__icontains": json.dumps(value)})
