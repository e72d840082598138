"""Requests for information to the investor, and their answers.

Sending a request stops the running phase's clock from that day; the investor answers
every question through the API (with documents of the filing), and the clock runs again
on the day the answer is complete, so the deadline moves by the days it stood still.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Max
from django.utils import timezone

from core.actors import Actor
from core.errors import Invalid, NotFound, TransitionNotAllowed, Unprocessable
from core.pure import regulations
from core.pure.regulations import Regulation
from reviews import events, regime
from reviews.inbox import notify
from reviews.models import Case, ClockStop, InformationRequest, Status
from reviews.phases import refresh_deadline, running_phase, today
from reviews.services import audit_case, changing, check_may
from screening.models import Filing

ASKING = {Status.COMPLETENESS_CHECK, Status.PHASE_1, Status.PHASE_2}


def answer_period_end(case: Case, sent_on: date) -> date | None:
    """The last day of the investor's answer period the regulation sets, if it sets one
    (2026/1386 Art. 15(3): 15 days, extendable; docs/deadlines.md §2)."""
    periods = regulations.periods(
        Regulation(case.regulation),
        regulations.Event.INFORMATION_REQUESTED,
        sent_on,
        regime.calendar(case.regime),
        regime.national(case.regime),
    )
    return periods[0].last_day if periods else None


def request_information(
    *,
    case: Case,
    actor: Actor,
    questions: list[str],
    response_due: date | None = None,
    expected_version: int | None = None,
    recipient: str = "",
) -> InformationRequest:
    """Ask the investor; the answer is due on `response_due`, which under 2026/1386 is
    at the earliest (and by default) the end of the 15 days of Art. 15(3).

    A case called in ex officio has no filer in this system: the officer sends the
    questions by letter or e-mail to `recipient` and records the answer when it comes
    (`record_answer_received`); the clock stops all the same (docs/review.md §5)."""
    check_may("request_information", actor)  # the role now, the case's officer below
    errors: dict[str, list[str]] = {}
    questions = [q.strip() for q in questions]
    if not questions or not all(questions):
        errors["questions"] = ["Ask at least one question; none may be empty."]
    at_least = answer_period_end(case, today())
    if response_due is None:
        if at_least is None:
            errors["response_due"] = ["Give the day the answer is due."]
        response_due = at_least
    elif at_least is not None and response_due < at_least:
        errors["response_due"] = [
            f"Art. 15(3): the investor has 15 days, until {at_least.isoformat()}; give that "
            "day or a later one."
        ]
    elif response_due <= today():
        errors["response_due"] = [f"The answer must be due after today ({today()})."]
    recipient = recipient.strip()
    if case.filing_id is None and not recipient:
        errors["recipient"] = [
            "This case has no filer in the system: say to whom the questions go, and how "
            "(name and postal or e-mail address)."
        ]
    elif case.filing_id is not None and recipient:
        errors["recipient"] = ["The filer answers through the system; leave this empty."]
    if errors:
        raise Invalid(errors)
    assert response_due is not None
    with changing(case, actor, expected_version=expected_version) as case:
        check_may("request_information", actor, case=case)  # as the case is now, locked
        if case.status not in ASKING:
            raise TransitionNotAllowed(
                "Information can be requested during the completeness check and the phases."
            )
        number = (case.information_requests.aggregate(last=Max("number"))["last"] or 0) + 1
        request = InformationRequest.objects.create(
            case=case,
            number=number,
            questions=[{"number": i, "text": q} for i, q in enumerate(questions, 1)],
            response_due=response_due,
            sent_at=timezone.now(),
            sent_by=actor.label,
            recipient=recipient,
        )
        phase = running_phase(case)
        if phase is not None:
            ClockStop.objects.create(
                phase=phase,
                started_on=today(),
                reason=f"Request for information {number}",
                request=request,
            )
            refresh_deadline(phase)
        audit_case(
            case,
            actor,
            events.INFORMATION_REQUESTED,
            after={
                "request": number,
                "questions": len(questions),
                "due": response_due,
                "clock_stopped_on": today() if phase is not None else None,
                **({"sent_outside_the_system_to": recipient} if recipient else {}),
            },
        )
    return request


def documents_not_in_filing(filing: Filing, documents: list[Any]) -> str | None:
    """Why an answer's documents are refused (not uploaded to the filing), or None."""
    known = {str(d) for d in filing.documents.values_list("id", flat=True)}
    unknown = [str(d) for d in documents if str(d) not in known]
    if not unknown:
        return None
    return "Upload documents to the filing first; not found there: " + ", ".join(unknown)


def answer_information_request(
    *, request: InformationRequest, actor: Actor, answers: list[dict[str, Any]]
) -> InformationRequest:
    """The investor's complete answer: one per question, documents from its filing."""
    case = request.case
    if (
        actor.organisation is None
        or case.filing is None
        or (case.filing.organisation_id != actor.organisation.pk)
    ):
        raise NotFound("No such request for information.")
    by_question = {a.get("question"): a for a in answers}
    errors: dict[str, list[str]] = {}
    for question in request.questions:
        answer = by_question.get(question["number"])
        key = f"answers.{question['number']}"
        if answer is None or not str(answer.get("text") or "").strip():
            errors[key] = [f"Answer question {question['number']}."]
            continue
        refused = documents_not_in_filing(case.filing, answer.get("documents", []))
        if refused:
            errors[f"{key}.documents"] = [refused]
    extra = set(by_question) - {q["number"] for q in request.questions}
    if extra:
        errors["answers"] = [f"No such question: {', '.join(sorted(map(str, extra)))}."]
    if errors:
        raise Unprocessable(errors)
    with changing(case, actor) as case:
        request = InformationRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != InformationRequest.Status.OPEN:
            raise TransitionNotAllowed(f"This request is {request.status}, not open.")
        request.answers = [
            {
                "question": q["number"],
                "text": by_question[q["number"]]["text"],
                "documents": [str(d) for d in by_question[q["number"]].get("documents", [])],
            }
            for q in request.questions
        ]
        request.status = InformationRequest.Status.ANSWERED
        request.answered_at = timezone.now()
        request.answered_by = actor.label
        request.save()
        audit_case(
            case,
            actor,
            events.INFORMATION_ANSWERED,
            after={"request": request.number, **_restart_clock(request)},
        )
        if case.assignee is not None:
            notify(
                case.assignee,
                case=case,
                key=f"answer:{request.pk}",
                subject=f"{case.reference}: answer to request {request.number} received",
                body=f"{actor.label} answered request for information {request.number}.",
            )
    return request


def record_answer_received(
    *, request: InformationRequest, actor: Actor, text: str, documents: list[str] | None = None
) -> InformationRequest:
    """The answer to a request sent outside the system, as the officer received it (its
    documents added to the case file first); the clock runs again today, as for an
    answer through the API."""
    check_may("request_information", actor)
    if not request.recipient:
        raise TransitionNotAllowed("The filer answers this request through the system.")
    if not text.strip():
        raise Invalid({"text": ["Say what the answer says (or where it is in the case file)."]})
    with changing(request.case, actor) as case:
        check_may("request_information", actor, case=case)
        known = {str(pk) for pk in case.case_documents.values_list("id", flat=True)}
        unknown = [d for d in documents or [] if str(d) not in known]
        if unknown:
            raise Invalid({"documents": ["Not in this case file: " + ", ".join(unknown)]})
        request = InformationRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != InformationRequest.Status.OPEN:
            raise TransitionNotAllowed(f"This request is {request.status}, not open.")
        request.answers = [{"question": None, "text": text, "documents": documents or []}]
        request.status = InformationRequest.Status.ANSWERED
        request.answered_at = timezone.now()
        request.answered_by = f"{request.recipient} (recorded by {actor.label})"
        request.save()
        audit_case(
            case,
            actor,
            events.INFORMATION_ANSWERED,
            after={
                "request": request.number,
                "recorded_by_officer": True,
                **_restart_clock(request),
            },
        )
    return request


def withdraw_information_request(
    *, request: InformationRequest, actor: Actor, reason: str
) -> InformationRequest:
    check_may("withdraw_request", actor)  # the role now, the case's officer below
    if not reason.strip():
        raise Invalid({"reason": ["Give a reason."]})
    with changing(request.case, actor) as case:
        # As for asking: the case's officer or a senior (the rule had drifted: any officer).
        check_may("withdraw_request", actor, case=case)
        request = InformationRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != InformationRequest.Status.OPEN:
            raise TransitionNotAllowed(f"This request is {request.status}, not open.")
        request.status = InformationRequest.Status.WITHDRAWN
        request.save(update_fields=["status"])
        audit_case(
            case,
            actor,
            events.INFORMATION_REQUEST_WITHDRAWN,
            after={"request": request.number, **_restart_clock(request)},
            reason=reason,
        )
    return request


def extend_information_request(
    *, request: InformationRequest, actor: Actor, response_due: date, reason: str
) -> InformationRequest:
    """Give the investor more time (Art. 15(3) of 2026/1386: the period is extendable)."""
    check_may("request_information", actor)
    errors: dict[str, list[str]] = {}
    if not reason.strip():
        errors["reason"] = ["Give a reason."]
    if response_due <= request.response_due:
        errors["response_due"] = [
            f"An extension ends after the day now set ({request.response_due.isoformat()})."
        ]
    if errors:
        raise Invalid(errors)
    with changing(request.case, actor) as case:
        check_may("request_information", actor, case=case)
        request = InformationRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != InformationRequest.Status.OPEN:
            raise TransitionNotAllowed(f"This request is {request.status}, not open.")
        before = request.response_due
        request.response_due = response_due
        request.save(update_fields=["response_due"])
        audit_case(
            case,
            actor,
            events.INFORMATION_REQUEST_EXTENDED,
            before={"request": request.number, "due": before},
            after={"request": request.number, "due": response_due},
            reason=reason,
        )
    return request


def _restart_clock(request: InformationRequest) -> dict[str, Any]:
    """End the request's clock stop today; what changed, for the audit trail."""
    stop = ClockStop.objects.filter(request=request, ended_on__isnull=True).first()
    if stop is None:
        return {}
    stop.ended_on = today()
    stop.save(update_fields=["ended_on"])
    refresh_deadline(stop.phase)
    return {"clock_restarted_on": stop.ended_on, "deadline": stop.phase.deadline}
