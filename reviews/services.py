"""Every change of a case once it is open: the workflow's transitions, extensions and
comment periods, and the helpers every change goes through (`changing`, the audit).
Opening a case (`opening.py`), its phases and clocks (`phases.py`), assignment and notes
(`assignment.py`), requests for information, decisions and the deadline watch have their
own modules beside this one.

Each function is one use case: it locks the case row (so of two officers acting at
once, one wins and the other is told why not), asks `workflow` whether the actor may,
changes what it must, raises the case's version and writes one audit entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from core import effects
from core.actors import Actor
from core.errors import DomainError, Forbidden, Invalid, TransitionNotAllowed
from core.models import Organisation
from core.services import record_audit
from reviews import events, notices
from reviews.models import Case, ClockStop, Decision, InformationRequest, Phase, Status
from reviews.phases import (
    end_running_phase,
    refresh_deadline,
    running_phase,
    start_phase,
    today,
)
from reviews.pure import policy, workflow
from reviews.signals import urgency_recorded

SYSTEM = Actor.system("system (filing events)")


class StaleCase(DomainError):
    default_code = "stale_case"


def node_authority() -> Organisation:
    """This node's screening authority, which owns every case here."""
    authority, _ = Organisation.objects.get_or_create(
        kind=Organisation.Kind.AUTHORITY,
        name=settings.NODE_NAME,
        defaults={"country": settings.NODE_CODE},
    )
    return authority


def roles_of(actor: Actor) -> frozenset[workflow.Role]:
    if actor.user is None:
        return frozenset()
    names = set(actor.user.groups.values_list("name", flat=True))  # type: ignore[attr-defined]
    return frozenset(role for role in workflow.Role if role.value in names)


def staff_user(actor: Actor) -> User:
    """The signed-in member of staff behind `actor`."""
    if not isinstance(actor.user, User):
        raise Forbidden("This is for the authority's signed-in staff.")
    return actor.user


def check_may(action: str, actor: Actor, *, case: Case | None = None) -> None:
    """Refuse (Forbidden, with the policy's words) what `actor` may not do to `case`:
    the one place a service asks who may act (reviews/pure/policy.py). Without a case, the
    role alone is checked; with one, pass the case as locked by `changing`."""
    facts = actor_facts(actor)
    if case is None:
        reason = policy.role_refusal(action, facts)
    else:
        reason = policy.refusal(action, facts, assignee_id=case.assignee_id)
    if reason is not None:
        raise Forbidden(reason)


def actor_facts(actor: Actor) -> workflow.ActorFacts:
    return workflow.ActorFacts(
        user_id=actor.user.pk if actor.user is not None else None,
        roles=roles_of(actor),
        is_system=actor.user is None and actor.api_key is None,
    )


def case_facts(case: Case) -> workflow.CaseFacts:
    proposal = case.decisions.filter(status=Decision.Status.PROPOSED).first()
    return workflow.CaseFacts(
        status=case.status,
        assignee_id=case.assignee_id,
        has_open_request=case.information_requests.filter(
            status=InformationRequest.Status.OPEN
        ).exists(),
        proposer_id=proposal.proposed_by_id if proposal else None,
        comment_period_running_until=(
            case.comment_period_ends
            if case.comment_period_ends is not None and case.comment_period_ends >= today()
            else None
        ),
        has_urgency_justification=bool(case.urgency_justification.strip()),
    )


# --- the workflow -------------------------------------------------------------------


@contextmanager
def changing(
    case: Case,
    actor: Actor,
    transition_name: str | None = None,
    *,
    reason: str = "",
    expected_version: int | None = None,
) -> Iterator[Case]:
    """Lock the case, check the transition (if any), and let the caller change it; when
    the block ends the case is saved, and its version raised, only if its row changed.
    All or nothing: one transaction."""
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if expected_version is not None and locked.version != expected_version:
            raise StaleCase(
                f"The case changed since you read it (version {locked.version}, you had "
                f"{expected_version}): reload it and try again."
            )
        if transition_name is not None:
            check(locked, actor, transition_name, reason)
        before = row_of(locked)
        yield locked
        save_if_changed(locked, before)


def check(case: Case, actor: Actor, transition_name: str, reason: str = "") -> None:
    transition = workflow.TRANSITIONS[transition_name]
    found = workflow.refusals(transition, case_facts(case), actor_facts(actor), reason)
    permission = [r.message for r in found if r.kind == "permission"]
    state = [r.message for r in found if r.kind == "state"]
    missing = [r.message for r in found if r.kind == "input"]
    if permission:
        raise Forbidden(" ".join(permission))
    if state:
        raise TransitionNotAllowed(" ".join(state))
    if missing:
        raise Invalid({"reason": missing})


def start_completeness_check(
    *, case: Case, actor: Actor, reason: str = "", expected_version: int | None = None
) -> Case:
    with changing(
        case, actor, "start_completeness_check", expected_version=expected_version
    ) as case:
        before = case.status
        case.status = Status.COMPLETENESS_CHECK
        audit_transition(case, actor, before, reason)
    return case


def open_phase_1(
    *, case: Case, actor: Actor, reason: str = "", expected_version: int | None = None
) -> Case:
    with changing(case, actor, "open_phase_1", expected_version=expected_version) as case:
        before = case.status
        case.status = Status.PHASE_1
        start_phase(case, Phase.Kind.PHASE_1)
        audit_transition(case, actor, before, reason)
        notices.after_phase_1_opened(case)
    return case


def open_phase_2(
    *, case: Case, actor: Actor, reason: str, expected_version: int | None = None
) -> Case:
    with changing(
        case, actor, "open_phase_2", reason=reason, expected_version=expected_version
    ) as case:
        before = case.status
        end_running_phase(case)
        case.status = Status.PHASE_2
        start_phase(case, Phase.Kind.PHASE_2)
        audit_transition(case, actor, before, reason)
    return case


def close_case(
    *, case: Case, actor: Actor, reason: str = "", expected_version: int | None = None
) -> Case:
    with changing(case, actor, "close", expected_version=expected_version) as case:
        before = case.status
        case.status = Status.CLOSED
        case.closed_at = timezone.now()
        audit_transition(case, actor, before, reason)
    return case


def withdraw_case(
    *, case: Case, actor: Actor, reason: str, expected_version: int | None = None
) -> Case:
    with changing(
        case, actor, "withdraw", reason=reason, expected_version=expected_version
    ) as case:
        before = case.status
        _wind_down(case, reason)
        case.status = Status.WITHDRAWN
        audit_transition(case, actor, before, reason)
    return case


def declare_outside_scope(
    *, case: Case, actor: Actor, reason: str, expected_version: int | None = None
) -> Case:
    with changing(
        case, actor, "declare_outside_scope", reason=reason, expected_version=expected_version
    ) as case:
        before = case.status
        _wind_down(case, reason)
        case.status = Status.OUTSIDE_SCOPE
        audit_transition(case, actor, before, reason)
    return case


def reopen_case(
    *, case: Case, actor: Actor, reason: str, expected_version: int | None = None
) -> Case:
    with changing(case, actor, "reopen", reason=reason, expected_version=expected_version) as case:
        before = case.status
        end_running_phase(case)
        case.status = Status.PHASE_1
        case.closed_at = None
        start_phase(case, Phase.Kind.PHASE_1)
        audit_transition(case, actor, before, reason, action=events.REOPENED)
    return case


def _wind_down(case: Case, reason: str) -> None:
    """A case that ends early: its clock stops for good, its requests and any proposal
    lapse."""
    for request in case.information_requests.filter(status=InformationRequest.Status.OPEN):
        request.status = InformationRequest.Status.WITHDRAWN
        request.save(update_fields=["status"])
        ClockStop.objects.filter(request=request, ended_on__isnull=True).update(ended_on=today())
    case.decisions.filter(status=Decision.Status.PROPOSED).update(
        status=Decision.Status.RETURNED, review_note=f"Lapsed: {reason}"
    )
    end_running_phase(case)
    case.closed_at = timezone.now()


def extend_phase(
    *, case: Case, actor: Actor, days: int, reason: str, expected_version: int | None = None
) -> Phase:
    """An extension by decision: counted days added to the running phase."""
    check_may("extend_phase", actor, case=case)
    if days < 1:
        raise Invalid({"days": ["Extend by at least one day."]})
    if not reason.strip():
        raise Invalid({"reason": ["Give a reason."]})
    with changing(case, actor, expected_version=expected_version) as case:
        phase = running_phase(case)
        if phase is None:
            raise TransitionNotAllowed("No phase is running: there is no deadline to extend.")
        before = {"extension": phase.extension, "deadline": phase.deadline}
        phase.extension += days
        phase.save(update_fields=["extension"])
        refresh_deadline(phase)
        audit_case(
            case,
            actor,
            events.PHASE_EXTENDED,
            before=before,
            after={"extension": phase.extension, "deadline": phase.deadline},
            reason=reason,
        )
    return phase


def set_comment_period(*, case: Case, actor: Actor, ends_on: date, reason: str) -> Case:
    """The cooperation mechanism's periods for this case run until `ends_on` (set by the
    cooperation app when this node notifies, or when requested information is sent)."""
    with changing(case, actor) as case:
        before = case.comment_period_ends
        if before is not None and before >= ends_on:
            return case
        case.comment_period_ends = ends_on
        audit_case(
            case,
            actor,
            events.COMMENT_PERIOD_SET,
            before={"comment_period_ends": before},
            after={"comment_period_ends": ends_on},
            reason=reason,
        )
    return case


def record_urgency(*, case: Case, actor: Actor, justification: str) -> Case:
    """Why this case must be decided before the comment period ends (Art. 6(7))."""
    check_may("record_urgency", actor, case=case)
    if not justification.strip():
        raise Invalid({"justification": ["Say why it is urgent."]})
    with changing(case, actor) as case:
        before = case.urgency_justification
        case.urgency_justification = justification
        audit_case(
            case,
            actor,
            events.URGENCY_RECORDED,
            before={"urgency_justification": before},
            after={"urgency_justification": justification},
            reason=justification,
        )
        urgency_recorded.send(sender=Case, case=case, actor=actor, justification=justification)
    return case


# --- helpers ------------------------------------------------------------------------


def row_of(case: Case) -> dict[str, Any]:
    return {
        field.attname: getattr(case, field.attname)
        for field in Case._meta.concrete_fields
        if field.attname not in ("version", "updated_at")
    }


def save_if_changed(case: Case, before: dict[str, Any]) -> None:
    phase = running_phase(case)
    case.deadline = phase.deadline if phase is not None else None
    if row_of(case) == before and not case.audited_change:
        return  # nothing changed at all (e.g. a comment period that is already later)
    case.version += 1
    case.save()


def audit_case(
    case: Case,
    actor: Actor,
    action: str,
    *,
    before: Any = None,
    after: Any = None,
    reason: str = "",
) -> None:
    case.audited_change = True
    record_audit(
        actor=actor,
        action=action,
        obj=case,
        organisation=case.authority,
        before=before,
        after=after,
        reason=reason,
    )


def audit_transition(
    case: Case,
    actor: Actor,
    before: str,
    reason: str,
    action: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    """Audit a transition (one entry, with `details` of what else the change made), and
    tell higher layers (cooperation) once it has committed."""
    changed, new_status = case, case.status
    # Higher layers hear of it after the commit, through a recorded effect: their work
    # (and any refusal of it) never reaches the officer's request (reviews/effects.py).
    effects.record(
        "reviews.case_transitioned", case_id=str(changed.pk), before=before, after=new_status
    )
    phase = running_phase(case)
    after: dict[str, Any] = {"status": case.status, **(details or {})}
    if phase is not None:
        after["deadline"] = phase.deadline
    audit_case(
        case,
        actor,
        action or events.reached(case.status),
        before={"status": before},
        after=after,
        reason=reason,
    )


# The transitions the API takes by name; decisions have their own module.
TRANSITION_FUNCTIONS: dict[str, Callable[..., Case]] = {
    "start_completeness_check": start_completeness_check,
    "open_phase_1": open_phase_1,
    "open_phase_2": open_phase_2,
    "close": close_case,
    "withdraw": withdraw_case,
    "declare_outside_scope": declare_outside_scope,
    "reopen": reopen_case,
}
