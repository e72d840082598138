"""The deadline watch (Celery beat): warns before deadlines, escalates what is overdue.

- a running phase whose deadline is within the regime's warning window (default 5
  working days): its assignee is warned;
- a phase past its deadline: the assignee and every senior officer are told;
- a request for information past its response date: the assignee;
- a condition past its due date and not complied with: the seniors.

Each event has a key naming what and when (a moved deadline is a new event), so running
the watch twice tells nobody twice.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User

from reviews import regime
from reviews.inbox import notify
from reviews.models import Case, Condition, Decision, InformationRequest, Phase
from reviews.phases import today
from reviews.pure.workflow import UNDER_REVIEW, Role


def watch_deadlines(on: date | None = None) -> int:
    """Tell whom it concerns; the number of inbox items made."""
    on = on or today()
    told = 0
    phases = Phase.objects.filter(
        ended_on__isnull=True, deadline__isnull=False, case__status__in=UNDER_REVIEW
    ).select_related("case", "case__assignee")
    for phase in phases:
        case = phase.case
        assert phase.deadline is not None
        calendar = regime.calendar(case.regime)
        window = int(case.regime.get("warning_working_days", 5))
        label = f"{case.reference} {phase.get_kind_display()}"
        if on > phase.deadline:
            for person in with_seniors(case):
                told += notify(
                    person,
                    case=case,
                    key=f"phase-overdue:{phase.pk}:{phase.deadline}",
                    subject=f"Overdue: {label} ended on {phase.deadline}",
                    body=f"The deadline of {label} was {phase.deadline}; the case is "
                    f"{case.get_status_display().lower()}.",
                )
        elif on >= calendar.working_days_before(phase.deadline, window) and case.assignee:
            told += notify(
                case.assignee,
                case=case,
                key=f"phase-warning:{phase.pk}:{phase.deadline}",
                subject=f"Deadline ahead: {label} ends on {phase.deadline}",
                body=f"{label} ends on {phase.deadline}.",
            )
    requests = InformationRequest.objects.filter(
        status=InformationRequest.Status.OPEN, response_due__lt=on
    ).select_related("case", "case__assignee")
    for request in requests:
        case = request.case
        for person in [case.assignee] if case.assignee else seniors(case):
            told += notify(
                person,
                case=case,
                key=f"request-overdue:{request.pk}:{request.response_due}",
                subject=f"Overdue answer: {case.reference} request {request.number}",
                body=f"The investor's answer to request {request.number} was due on "
                f"{request.response_due}.",
            )
    conditions = Condition.objects.filter(
        compliance=Condition.Compliance.PENDING,
        due_date__lt=on,
        decision__status=Decision.Status.APPROVED,
    ).select_related("case")
    for condition in conditions:
        for person in seniors(condition.case):
            told += notify(
                person,
                case=condition.case,
                key=f"condition-overdue:{condition.pk}:{condition.due_date}",
                subject=f"Condition overdue: {condition.case.reference}",
                body=f"Due {condition.due_date} ({condition.owner}): {condition.description}",
            )
    return told


def seniors(case: Case) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            groups__name=Role.SENIOR_OFFICER.value,
            membership__organisation=case.authority,
        ).distinct()
    )


def with_seniors(case: Case) -> list[User]:
    people = seniors(case)
    if case.assignee and case.assignee not in people:
        people.insert(0, case.assignee)
    return people
