"""Who may do what to which case: the one answer, with the reason when it is no.

A plain module (no Django). The workflow's transitions have their rules in
`workflow.TRANSITIONS` (`workflow.refusals`); every other action of the authority's staff
is here, in one table, with the same two object rules: the role, and for a case officer
whether the case is assigned to them (seniors act on any case). Services ask `refusal`
before they change anything and raise `Forbidden` with its words; the pages and the API
show the same words. `tests/reviews/test_policy.py` walks every role and action.
"""

from __future__ import annotations

from dataclasses import dataclass

from reviews.pure.workflow import OFFICERS, SENIORS, ActorFacts, Role

STAFF = frozenset(Role)
ROLE_NAMES = {
    Role.CASE_OFFICER: "a case officer",
    Role.SENIOR_OFFICER: "a senior officer",
    Role.CONTACT_POINT: "the contact point",
    Role.ADMINISTRATOR: "an administrator",
}
CONTACT_POINTS = frozenset({Role.CONTACT_POINT})
WORKLOAD = frozenset({Role.SENIOR_OFFICER, Role.ADMINISTRATOR})


@dataclass(frozen=True)
class Action:
    name: str
    label: str  # "<may> ..." in a refusal
    roles: frozenset[Role]
    # A case officer may act only on a case assigned to them; seniors on any case.
    assignee_only: bool = False
    # Words for a refusal by role, where "Only ... may ..." would say it less well.
    wrong_role: str = ""


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in [
        Action("call_in", "call an investment in", SENIORS),
        Action("assign", "assign or reassign a case", WORKLOAD),
        # An officer may take an unassigned case themself: `take` below.
        Action("take", "take an unassigned case", OFFICERS),
        Action("add_note", "add a note", STAFF),
        Action("extend_phase", "extend a phase", SENIORS),
        Action("record_urgency", "record why a decision is urgent", SENIORS),
        Action("request_information", "ask for information", OFFICERS, assignee_only=True),
        Action("withdraw_request", "withdraw a request for information", OFFICERS, True),
        Action("add_case_document", "add a document to the case file", OFFICERS, True),
        Action("record_compliance", "record compliance with a condition", OFFICERS),
        Action("send_hearing_letter", "send a hearing letter", OFFICERS, assignee_only=True),
        Action("record_penalty", "record a penalty", SENIORS),
        Action("waive_condition", "waive a condition", SENIORS),
        Action(
            "send_to_other_nodes",
            "send messages to other nodes",
            CONTACT_POINTS,
            wrong_role="Messages to other nodes go through the contact point.",  # Art. 11
        ),
        Action("see_workload", "see the officers' workload", WORKLOAD),
    ]
}


def refusal(name: str, actor: ActorFacts, *, assignee_id: int | None = None) -> str | None:
    """Why `actor` may not take action `name` (on a case assigned to `assignee_id`);
    None if they may. These are people's actions: the system, which has no role, takes
    none of them (it takes transitions on events, `workflow.refusals`)."""
    action = ACTIONS[name]
    wrong_role = role_refusal(name, actor)
    if wrong_role is not None:
        return wrong_role
    if (
        action.assignee_only
        and Role.SENIOR_OFFICER not in actor.roles
        and assignee_id != actor.user_id
    ):
        return f"Only the officer the case is assigned to, or a senior officer, may {action.label}."
    return None


def role_refusal(name: str, actor: ActorFacts) -> str | None:
    """The role rule alone: asked before a case is locked, whose assignee may still
    change (the whole rule is asked again on the locked case)."""
    action = ACTIONS[name]
    if not actor.roles & action.roles:
        if action.wrong_role:
            return action.wrong_role
        allowed = " or ".join(ROLE_NAMES[role] for role in Role if role in action.roles)
        return f"Only {allowed} may {action.label}."
    return None
