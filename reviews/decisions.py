"""Decisions with four eyes, and the conditions of a conditional clearance.

One officer proposes (with reasons, and conditions where the outcome has them); a
different senior officer approves it, which decides the case, or sends it back. The
workflow table holds the four-eyes rule, and a database constraint holds it too.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from core.actors import Actor
from core.errors import Invalid, TransitionNotAllowed
from reviews import events
from reviews.hearings import heard, procedure
from reviews.models import Case, Condition, Decision, Outcome, Status
from reviews.phases import end_running_phase, today
from reviews.services import (
    TRANSITION_FUNCTIONS,
    audit_case,
    audit_transition,
    changing,
    check_may,
    staff_user,
)


def propose_decision(
    *,
    case: Case,
    actor: Actor,
    outcome: str,
    reasons: str,
    conditions: list[dict[str, Any]] | None = None,
    measures_would_not_do: str = "",
    expected_version: int | None = None,
) -> Decision:
    """Propose a decision; under 2026/1386 (docs/review.md §9) a prohibition or an
    unwinding says why measures would not do (Art. 20(3)), each condition names its kind
    of measure (Art. 20(4)), and the investor must have been heard (Art. 4(14))."""
    conditions = conditions or []
    rules = procedure(case)
    errors: dict[str, list[str]] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = [f"Choose one of: {', '.join(Outcome.values)}."]
    if not reasons.strip():
        errors["reasons"] = ["Give the reasons for the decision."]
    if outcome == Outcome.CLEARED_WITH_CONDITIONS and not conditions:
        errors["conditions"] = ["A clearance with conditions needs at least one condition."]
    if conditions and outcome != Outcome.CLEARED_WITH_CONDITIONS:
        errors["conditions"] = ["Only a clearance with conditions has conditions."]
    for index, condition in enumerate(conditions):
        for field in ("description", "owner"):
            if not str(condition.get(field) or "").strip():
                errors[f"conditions.{index}.{field}"] = ["This field is required."]
        if not isinstance(condition.get("due_date"), date):
            errors[f"conditions.{index}.due_date"] = ["Give a due date (YYYY-MM-DD)."]
        if rules.measures and condition.get("measure") not in rules.measures:
            errors[f"conditions.{index}.measure"] = [
                "Art. 20(4): name the kind of measure, one of: " + ", ".join(rules.measures) + "."
            ]
    if outcome in rules.measures_would_not_do and not measures_would_not_do.strip():
        errors["measures_would_not_do"] = [
            "Art. 20(3): say why mitigating measures would not address the risk."
        ]
    if errors:
        raise Invalid(errors)
    with changing(case, actor, "propose_decision", expected_version=expected_version) as case:
        not_heard = heard(case, outcome, today())
        if not_heard is not None:
            raise TransitionNotAllowed(not_heard)
        before = case.status
        decision = Decision.objects.create(
            case=case,
            outcome=outcome,
            reasons=reasons,
            measures_would_not_do=measures_would_not_do,
            proposed_by=staff_user(actor),
            proposed_at=timezone.now(),
        )
        Condition.objects.bulk_create(
            Condition(
                case=case,
                decision=decision,
                description=c["description"],
                measure=c.get("measure") or "",
                owner=c["owner"],
                due_date=c["due_date"],
            )
            for c in conditions
        )
        case.proposed_from = case.status
        case.status = Status.DECISION_PROPOSED
        audit_transition(
            case,
            actor,
            before,
            reasons,
            details={"decision": decision.pk, "outcome": outcome, "conditions": len(conditions)},
        )
    return decision


def approve_decision(
    *, case: Case, actor: Actor, note: str = "", expected_version: int | None = None
) -> Decision:
    with changing(case, actor, "approve_decision", expected_version=expected_version) as case:
        decision = _reviewed(case, actor, Decision.Status.APPROVED, note)
        before = case.status
        case.status = Status.DECIDED
        case.proposed_from = ""
        end_running_phase(case)
        audit_transition(
            case,
            actor,
            before,
            note,
            details={"decision": decision.pk, "outcome": decision.outcome, "approved": True},
        )
    return decision


def return_decision(
    *, case: Case, actor: Actor, reason: str, expected_version: int | None = None
) -> Decision:
    with changing(
        case, actor, "return_decision", reason=reason, expected_version=expected_version
    ) as case:
        decision = _reviewed(case, actor, Decision.Status.RETURNED, reason)
        before = case.status
        case.status = case.proposed_from or Status.PHASE_1
        case.proposed_from = ""
        audit_transition(
            case, actor, before, reason, details={"decision": decision.pk, "returned": True}
        )
    return decision


def _reviewed(case: Case, actor: Actor, verdict: str, note: str) -> Decision:
    """The senior officer's verdict on the case's pending proposal."""
    decision = case.decisions.get(status=Decision.Status.PROPOSED)
    decision.status = verdict
    decision.reviewed_by = staff_user(actor)
    decision.reviewed_at = timezone.now()
    decision.review_note = note
    decision.save()
    return decision


def record_compliance(
    *, condition: Condition, actor: Actor, compliance: str, evidence: str = ""
) -> Condition:
    """Whether a condition is met, with the evidence; by the authority's officers."""
    check_may("record_compliance", actor, case=condition.case)
    if compliance not in Condition.Compliance.values:
        raise Invalid({"compliance": [f"Choose one of: {', '.join(Condition.Compliance.values)}."]})
    if compliance == Condition.Compliance.WAIVED:
        check_may("waive_condition", actor, case=condition.case)
    if compliance != Condition.Compliance.PENDING and not evidence.strip():
        raise Invalid({"evidence": ["Say what shows it."]})
    with changing(condition.case, actor) as case:
        condition = Condition.objects.select_for_update().get(pk=condition.pk)
        if condition.decision.status != Decision.Status.APPROVED:
            raise TransitionNotAllowed("The decision with this condition is not in force.")
        before = {"compliance": condition.compliance, "evidence": condition.evidence}
        condition.compliance = compliance
        condition.evidence = evidence
        condition.save()
        audit_case(
            case,
            actor,
            events.CONDITION_COMPLIANCE,
            before=before,
            after={"condition": condition.pk, "compliance": compliance, "evidence": evidence},
        )
    return condition


def take_transition(
    *,
    case: Case,
    actor: Actor,
    name: str,
    reason: str = "",
    note: str = "",
    outcome: str = "",
    reasons: str = "",
    conditions: list[dict[str, Any]] | None = None,
    measures_would_not_do: str = "",
    expected_version: int | None = None,
) -> Case:
    """Any workflow transition by its name, as the API and the pages take them."""
    if name == "propose_decision":
        propose_decision(
            case=case,
            actor=actor,
            outcome=outcome,
            reasons=reasons,
            conditions=conditions,
            measures_would_not_do=measures_would_not_do,
            expected_version=expected_version,
        )
    elif name == "approve_decision":
        approve_decision(case=case, actor=actor, note=note, expected_version=expected_version)
    elif name == "return_decision":
        return_decision(case=case, actor=actor, reason=reason, expected_version=expected_version)
    elif name in TRANSITION_FUNCTIONS:
        TRANSITION_FUNCTIONS[name](
            case=case, actor=actor, reason=reason, expected_version=expected_version
        )
    else:
        raise Invalid({"transition": [f"No transition {name!r}."]})
    return case
