"""Who works on a case: assignment (seniors assign, an officer may take an unassigned
case) and the officers' notes. Each change goes through `services.changing`, so it locks
the case, raises its version and is audited like every other change."""

from __future__ import annotations

from django.contrib.auth.models import User

from core.actors import Actor
from core.errors import Forbidden, Invalid, TransitionNotAllowed
from core.models import Organisation
from reviews import events, selectors, services
from reviews.models import Case, Note
from reviews.pure import policy


def assign_case(
    *,
    case: Case,
    actor: Actor,
    assignee: User | None,
    reason: str = "",
    expected_version: int | None = None,
) -> Case:
    """Seniors assign and reassign; an officer may take an unassigned case themself."""
    facts = services.actor_facts(actor)
    # Seniors and administrators balance the workload; an officer may take a case.
    is_senior = policy.refusal("assign", facts) is None
    taking = assignee is not None and actor.user is not None and assignee.pk == actor.user.pk
    if not is_senior and not (taking and policy.refusal("take", facts) is None):
        raise Forbidden(
            "Only a senior officer assigns cases; an officer may take an unassigned one."
        )
    if assignee is not None and not _is_officer_of(assignee, case.authority):
        raise Invalid(
            {"assignee": ["Assign the case to a case officer or senior officer of this authority."]}
        )
    with services.changing(case, actor, expected_version=expected_version) as case:
        if not is_senior and case.assignee_id is not None:
            raise TransitionNotAllowed("The case is already assigned; ask a senior officer.")
        if not case.is_under_review:
            raise TransitionNotAllowed("The case is no longer under review.")
        before = case.assignee.get_username() if case.assignee else None
        case.assignee = assignee
        services.audit_case(
            case,
            actor,
            events.ASSIGNED,
            before={"assignee": before},
            after={"assignee": assignee.get_username() if assignee else None},
            reason=reason,
        )
    return case


def user_named(username: str | None) -> User | None:
    """The user an assignment names (None: unassign); an unknown name is refused."""
    if not username:
        return None
    found = User.objects.filter(username=username).first()
    if found is None:
        raise Invalid({"assignee": [f"No user {username!r}."]})
    return found


def _is_officer_of(user: User, authority: Organisation) -> bool:
    return selectors.officers_of(authority).filter(pk=user.pk).exists()


def add_note(*, case: Case, actor: Actor, text: str) -> Note:
    if not text.strip():
        raise Invalid({"text": ["Write the note."]})
    services.check_may("add_note", actor, case=case)
    with services.changing(case, actor) as case:
        note = Note.objects.create(case=case, author=services.staff_user(actor), text=text)
        services.audit_case(case, actor, events.NOTE_ADDED, after={"note": note.pk, "text": text})
    return note
