"""The right to be heard (Art. 4(14) of Regulation (EU) 2026/1386), and penalties (Art.
4(11)): docs/review.md §9.

Before a conditional authorisation, a prohibition or an unwinding the officer sends the
investor a hearing letter: the intended outcome, its grounds and measures, and a day by
which to answer (the node's national period at least, `manage.py deadlines
hearing_letter_sent`). The investor answers through the API; a proposal of that
outcome is refused until the answer is on record or the day has passed
(`decisions.propose_decision` asks `heard`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Max
from django.utils import timezone

from core.actors import Actor
from core.errors import Invalid, NotFound, TransitionNotAllowed, Unprocessable
from core.pure import regulations
from core.pure.regulations import Regulation
from reviews import events, regime
from reviews.inbox import notify
from reviews.information import documents_not_in_filing
from reviews.models import Case, Hearing, Outcome, Penalty, Status
from reviews.phases import today
from reviews.services import audit_case, changing, check_may
from reviews.signals import penalty_recorded

HEARING_STATUSES = {Status.PHASE_1, Status.PHASE_2}


def procedure(case: Case) -> regulations.Procedure:
    return regulations.PROCEDURES[Regulation(case.regulation)]


def earliest_answer_due(case: Case, sent_on: date) -> date | None:
    """The national period for the answer (Art. 4(14) sets none: node configuration)."""
    period = regulations.find(Regulation.EU_2026_1386, "hearing_answer")
    due = regulations.due(
        period, sent_on, regime.calendar(case.regime), regime.national(case.regime)
    )
    return due.last_day


def send_hearing_letter(
    *,
    case: Case,
    actor: Actor,
    intended_outcome: str,
    letter: str,
    answer_due: date | None = None,
) -> Hearing:
    check_may("send_hearing_letter", actor)
    errors: dict[str, list[str]] = {}
    rules = procedure(case)
    if intended_outcome not in rules.hearing_before:
        if rules.hearing_before:
            allowed = ", ".join(sorted(rules.hearing_before))
            errors["intended_outcome"] = [f"A hearing comes before one of: {allowed}."]
        else:
            errors["intended_outcome"] = [
                f"{case.regulation_title} has no hearing of the investor in this system; "
                "this case is governed by it to its end."
            ]
    if not letter.strip():
        errors["letter"] = ["Write the letter: the intended decision, its grounds, measures."]
    earliest = earliest_answer_due(case, today())
    if answer_due is not None and earliest is not None and answer_due < earliest:
        errors["answer_due"] = [
            f"The investor has at least until {earliest.isoformat()} to answer "
            "(the node's hearing period)."
        ]
    if errors:
        raise Invalid(errors)
    with changing(case, actor) as case:
        check_may("send_hearing_letter", actor, case=case)
        if case.status not in HEARING_STATUSES:
            raise TransitionNotAllowed(
                "A hearing letter is sent during phase 1 or phase 2, before the proposal."
            )
        if case.filing_id is None:
            raise TransitionNotAllowed(
                "A case called in ex officio has no filer to hear through this system; "
                "record the hearing held outside it in a note."
            )
        number = (case.hearings.aggregate(last=Max("number"))["last"] or 0) + 1
        hearing = Hearing.objects.create(
            case=case,
            number=number,
            intended_outcome=intended_outcome,
            letter=letter,
            answer_due=answer_due or earliest or today(),
            sent_at=timezone.now(),
            sent_by=actor.label,
        )
        audit_case(
            case,
            actor,
            events.HEARING_LETTER_SENT,
            after={
                "hearing": number,
                "intended_outcome": intended_outcome,
                "answer_due": hearing.answer_due,
            },
        )
    return hearing


def answer_hearing(*, hearing: Hearing, actor: Actor, answer: str, documents: list[Any]) -> Hearing:
    """The investor's answer, with documents of its filing; once."""
    case = hearing.case
    if actor.organisation is None or case.filing is None:
        raise NotFound("No such hearing.")
    if case.filing.organisation_id != actor.organisation.pk:
        raise NotFound("No such hearing.")
    errors: dict[str, list[str]] = {}
    if not answer.strip():
        errors["answer"] = ["Give your answer."]
    refused = documents_not_in_filing(case.filing, documents)
    if refused:
        errors["documents"] = [refused]
    if errors:
        raise Unprocessable(errors)
    with changing(case, actor) as case:
        hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
        if hearing.status != Hearing.Status.OPEN:
            raise TransitionNotAllowed("This hearing letter is answered already.")
        hearing.answer = answer
        hearing.answer_documents = [str(d) for d in documents]
        hearing.status = Hearing.Status.ANSWERED
        hearing.answered_at = timezone.now()
        hearing.answered_by = actor.label
        hearing.save()
        late = today() > hearing.answer_due
        audit_case(
            case,
            actor,
            events.HEARING_ANSWERED,
            after={"hearing": hearing.number, "after_the_day": late},
        )
        if case.assignee is not None:
            notify(
                case.assignee,
                case=case,
                key=f"hearing-answer:{hearing.pk}",
                subject=f"{case.reference}: answer to hearing letter {hearing.number}",
                body=f"{actor.label} answered the hearing letter {hearing.number}.",
            )
    return hearing


def heard(case: Case, outcome: str, on: date) -> str | None:
    """Why `outcome` may not be proposed yet for want of a hearing; None if it may."""
    if outcome not in procedure(case).hearing_before:
        return None
    words = Outcome(outcome).label.lower()
    hearing = case.hearings.filter(intended_outcome=outcome).order_by("-number").first()
    if hearing is None:
        return (
            f"Art. 4(14): the investor must be heard before a decision '{words}': send a "
            "hearing letter first."
        )
    if hearing.status == Hearing.Status.OPEN and on <= hearing.answer_due:
        return (
            f"Art. 4(14): the investor may answer hearing letter {hearing.number} until "
            f"{hearing.answer_due.isoformat()}: wait for the answer or for that day to pass."
        )
    return None


def record_penalty(
    *,
    case: Case,
    actor: Actor,
    kind: str,
    decided_on: date,
    reasons: str,
    amount: Decimal | None = None,
    currency: str = "",
) -> Penalty:
    check_may("record_penalty", actor)
    errors: dict[str, list[str]] = {}
    if kind not in Penalty.Kind.values:
        errors["kind"] = [f"Choose one of: {', '.join(Penalty.Kind.values)}."]
    if not reasons.strip():
        errors["reasons"] = ["Give the reasons of the penalty decision."]
    if decided_on > today():
        errors["decided_on"] = ["A penalty is recorded once decided: not a future day."]
    if (amount is None) != (not currency):
        errors["currency" if amount is not None else "amount"] = [
            "Give the amount and its currency together."
        ]
    if errors:
        raise Invalid(errors)
    with changing(case, actor) as case:
        penalty = Penalty.objects.create(
            case=case,
            kind=kind,
            amount=amount,
            currency=currency,
            decided_on=decided_on,
            reasons=reasons,
            recorded_by=actor.label,
        )
        audit_case(
            case,
            actor,
            events.PENALTY_RECORDED,
            after={
                "penalty": penalty.pk,
                "kind": kind,
                "amount": str(amount) if amount is not None else None,
                "currency": currency,
                "decided_on": decided_on,
            },
            reason=reasons,
        )
        penalty_recorded.send(sender=Case, case=case, actor=actor, penalty=penalty)
    return penalty
