"""The review workflow in one table: which transition leads where, who may take it, and
what must hold first.

A plain module (no Django): the services ask it before they change a case, and the
pages ask it which actions to offer. A refusal always comes with its reasons.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Role(StrEnum):
    """Django groups of the authority's staff."""

    CASE_OFFICER = "case_officer"
    SENIOR_OFFICER = "senior_officer"  # decision maker
    CONTACT_POINT = "contact_point"  # cooperation mechanism
    ADMINISTRATOR = "administrator"


OFFICERS = frozenset({Role.CASE_OFFICER, Role.SENIOR_OFFICER})
SENIORS = frozenset({Role.SENIOR_OFFICER})

RECEIVED = "received"
COMPLETENESS_CHECK = "completeness_check"
PHASE_1 = "phase_1"
PHASE_2 = "phase_2"
DECISION_PROPOSED = "decision_proposed"
DECIDED = "decided"
CLOSED = "closed"
WITHDRAWN = "withdrawn"
OUTSIDE_SCOPE = "outside_scope"

UNDER_REVIEW = frozenset({RECEIVED, COMPLETENESS_CHECK, PHASE_1, PHASE_2, DECISION_PROPOSED})
FINISHED = frozenset({DECIDED, CLOSED, WITHDRAWN, OUTSIDE_SCOPE})


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]
    target: str  # "" for return_decision: back to where the proposal came from
    roles: frozenset[Role]
    needs_reason: bool = False
    # A case officer may take it only on a case assigned to them (seniors on any case).
    assignee_only: bool = True
    # The senior officer who decides may not be the officer who proposed (four eyes).
    not_by_proposer: bool = False
    # Not while a request for information waits for its answer.
    not_while_request_open: bool = False
    # Art. 6(7): not before the other member states' comments and the Commission's
    # opinion are due, unless the urgency is recorded.
    not_during_comment_period: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition(
            "start_completeness_check",
            "Start the completeness check",
            frozenset({RECEIVED}),
            COMPLETENESS_CHECK,
            OFFICERS,
        ),
        Transition(
            "open_phase_1",
            "Open phase 1 (review)",
            frozenset({RECEIVED, COMPLETENESS_CHECK}),
            PHASE_1,
            OFFICERS,
            not_while_request_open=True,
        ),
        Transition(
            "open_phase_2",
            "Open phase 2 (in-depth investigation)",
            frozenset({PHASE_1}),
            PHASE_2,
            SENIORS,
            needs_reason=True,
        ),
        Transition(
            "propose_decision",
            "Propose a decision",
            frozenset({PHASE_1, PHASE_2}),
            DECISION_PROPOSED,
            OFFICERS,
            not_while_request_open=True,
        ),
        Transition(
            "approve_decision",
            "Approve the proposed decision",
            frozenset({DECISION_PROPOSED}),
            DECIDED,
            SENIORS,
            not_by_proposer=True,
            not_during_comment_period=True,
        ),
        Transition(
            "return_decision",
            "Send the proposal back",
            frozenset({DECISION_PROPOSED}),
            "",
            SENIORS,
            needs_reason=True,
            not_by_proposer=True,
        ),
        Transition("close", "Close the case", frozenset({DECIDED}), CLOSED, OFFICERS),
        Transition(
            "withdraw",
            "Record the withdrawal",
            UNDER_REVIEW,
            WITHDRAWN,
            OFFICERS,
            needs_reason=True,
        ),
        Transition(
            "declare_outside_scope",
            "Declare outside scope or inadmissible",
            frozenset({RECEIVED, COMPLETENESS_CHECK, PHASE_1}),
            OUTSIDE_SCOPE,
            SENIORS,
            needs_reason=True,
        ),
        Transition(
            "reopen",
            "Reopen the case",
            FINISHED,
            PHASE_1,
            SENIORS,
            needs_reason=True,
        ),
    ]
}


@dataclass(frozen=True)
class CaseFacts:
    """What the rules look at, read from the case by the services."""

    status: str
    assignee_id: int | None
    has_open_request: bool = False
    proposer_id: int | None = None
    # The last day of the cooperation mechanism's periods, if still running today.
    comment_period_running_until: date | None = None
    has_urgency_justification: bool = False


@dataclass(frozen=True)
class ActorFacts:
    user_id: int | None
    roles: frozenset[Role]
    is_system: bool = False  # the system acting on an event, e.g. a withdrawn filing


@dataclass(frozen=True)
class Refusal:
    kind: str  # "state" (409), "permission" (403) or "input" (400)
    message: str


def refusals(
    transition: Transition, case: CaseFacts, actor: ActorFacts, reason: str
) -> list[Refusal]:
    """Why `actor` may not take `transition` on `case` now; empty if they may."""
    found: list[Refusal] = []
    if case.status not in transition.sources:
        found.append(
            Refusal(
                "state", f"{transition.label} is not possible: the case is {_words(case.status)}."
            )
        )
    if not actor.is_system:
        if not actor.roles & transition.roles:
            allowed = " or ".join(sorted(role.value.replace("_", " ") for role in transition.roles))
            found.append(Refusal("permission", f"Only a {allowed} may {transition.label.lower()}."))
        elif (
            transition.assignee_only
            and Role.SENIOR_OFFICER not in actor.roles
            and case.assignee_id != actor.user_id
        ):
            found.append(
                Refusal(
                    "permission",
                    "Only the officer the case is assigned to, or a senior officer, may do this.",
                )
            )
        if transition.not_by_proposer and case.proposer_id == actor.user_id:
            found.append(
                Refusal(
                    "permission",
                    "Four eyes: the officer who proposed the decision cannot also decide on it.",
                )
            )
    if transition.not_while_request_open and case.has_open_request:
        found.append(
            Refusal(
                "state", "A request for information is open: wait for the answer or withdraw it."
            )
        )
    if (
        transition.not_during_comment_period
        and case.comment_period_running_until is not None
        and not case.has_urgency_justification
    ):
        found.append(
            Refusal(
                "state",
                "Other member states and the Commission may comment until "
                f"{case.comment_period_running_until.isoformat()} (Art. 6): wait, or record "
                "why the decision is urgent.",
            )
        )
    if transition.needs_reason and not reason.strip():
        found.append(Refusal("input", "Give a reason."))
    return found


def available(case: CaseFacts, actor: ActorFacts) -> list[Transition]:
    """The transitions `actor` could take now (a reason aside, which they will give)."""
    return [t for t in TRANSITIONS.values() if not refusals(t, case, actor, reason="given")]


def blocked(case: CaseFacts, actor: ActorFacts) -> list[tuple[Transition, list[Refusal]]]:
    """The transitions the case's status allows that `actor` may not take now, each with
    why (the role, the assignee, four eyes, an open request, the comment period), so that
    a page can say why an action is not offered."""
    found = []
    for transition in TRANSITIONS.values():
        if case.status not in transition.sources:
            continue
        reasons = refusals(transition, case, actor, reason="given")
        if reasons:
            found.append((transition, reasons))
    return found


STATUS_WORDS = {
    RECEIVED: "received",
    COMPLETENESS_CHECK: "in its completeness check",
    PHASE_1: "in phase 1",
    PHASE_2: "in phase 2",
    DECISION_PROPOSED: "waiting for the decision on a proposal",
    DECIDED: "decided",
    CLOSED: "closed",
    WITHDRAWN: "withdrawn",
    OUTSIDE_SCOPE: "outside scope",
}


def _words(status: str) -> str:
    return STATUS_WORDS.get(status, status)
