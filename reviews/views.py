"""The reviewers' pages: dashboard, queue and case page, with the case's actions as forms.

Server-rendered, usable without JavaScript. Reads go through `selectors`, every action
through the same services as the API; a refusal comes back as a message on the page
with its reason, never an error page.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from rest_framework.serializers import Serializer

from core.actors import Actor
from core.errors import DomainError, Invalid, Unavailable, http_status
from core.models import Organisation
from reviews import (
    assignment,
    case_documents,
    case_forms,
    case_reading,
    charts,
    decisions,
    events,
    filing_words,
    hearings,
    inbox,
    information,
    page_extensions,
    phases,
    regime,
    selectors,
    services,
)
from reviews import (
    case_file as case_file_export,
)
from reviews.models import (
    Case,
    CaseDocument,
    Condition,
    Outcome,
    Penalty,
)
from reviews.pure import workflow
from reviews.serializers import (
    AssignmentSerializer,
    ComplianceSerializer,
    HearingInputSerializer,
    NoteInputSerializer,
    PenaltyInputSerializer,
    RequestInputSerializer,
    TransitionSerializer,
    transition_arguments,
)
from reviews.statistics import REPORTS, report_of
from screening.downloads import download
from screening.models import Document
from screening.pure.sectors import SECTORS


def staff_page(view: Callable[..., Any]) -> Callable[..., Any]:
    """Signed in with the second factor, as staff of an authority; else to sign-in."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        user = request.user
        if not user.is_authenticated or not user.is_verified():  # type: ignore[attr-defined]
            return redirect(f"{reverse('login')}?next={request.get_full_path()}")
        membership = getattr(user, "membership", None)
        if membership is None or membership.organisation.kind != Organisation.Kind.AUTHORITY:
            raise PermissionDenied("These pages are for the authority's staff.")
        return view(request, Actor.for_user(user), *args, **kwargs)

    return wrapped


@staff_page
def dashboard(request: HttpRequest, actor: Actor) -> HttpResponse:
    today = services.today()
    soon = regime.calendar(regime.current()).working_days_after(today, 10)
    # The 12 months of the chart, this one last, and the start of the next as their end.
    months = [charts.start_of(charts.months_ago(today, back)) for back in range(11, -2, -1)]
    read = selectors.dashboard(actor, today=today, soon=soon, months=months)
    phases.mark_stopped_clocks(read.mine)
    context = {
        "mine": read.mine,
        "due_soon": read.due_soon,
        "overdue": read.overdue,
        "per_status": read.per_status,
        "open_requests": read.open_requests,
        "unread": selectors.inbox_of(actor).filter(read_at__isnull=True)[:10],
        "soon": soon,
        "intake": charts.bars(read.opened_per_month, today),
        "outcomes": charts.outcome_bars(read.decided_by_outcome),
        "panels": page_extensions.for_dashboard(actor),
    }
    return render(request, "reviews/dashboard.html", context)


@staff_page
def case_detail(request: HttpRequest, actor: Actor, case_id: str) -> HttpResponse:
    case = get_object_or_404(selectors.case_detail(actor), pk=case_id)
    return _case_page(request, actor, case)


def _case_page(
    request: HttpRequest,
    actor: Actor,
    case: Case,
    refused: case_forms.Refused | None = None,
    status: int = 200,
) -> HttpResponse:
    """The case page; after a refused form, with what was typed kept and each message
    beside its field (reviews/case_forms.py), answered with the refusal's status."""
    readings = [(phase, phases.reading(phase)) for phase in case.phases.all()]
    facts, actor_facts = services.case_facts(case), services.actor_facts(actor)
    actions = workflow.available(facts, actor_facts)
    officers = selectors.officers_of(case.authority)
    ownership, drawing = case_reading.ownership_of(case)
    versions = case_reading.versions_with_changes(case)
    roles = services.roles_of(actor)
    procedure = hearings.procedure(case)  # the regulation's rules: hearing, measures
    context = {
        "case": case,
        "progress": case_reading.progress_of(case, readings),
        "filed": case_reading.filed_summary(versions[-1]["version"].content) if versions else None,
        "art15": filing_words.filing(versions[-1]["version"].content, filing_words.ART15)
        if versions
        else [],
        "filing_sections": filing_words.filing(
            versions[-1]["version"].content,
            [key for key, _, _ in filing_words.SECTIONS if key not in filing_words.ART15],
        )
        if versions
        else [],
        "confidential": (versions[-1]["version"].content.get("confidential") or [])
        if versions
        else [],
        "sector_labels": [SECTORS.get(code, code) for code in case.sectors],
        "versions": versions,
        "documents": case.filing.documents.order_by("uploaded_at") if case.filing else [],
        "panels": page_extensions.for_case(case, actor),
        "ownership": ownership,
        "picture": drawing,
        "phases": readings,
        "actions": actions,
        "officers": officers,
        "outcomes": Outcome.choices,
        "timeline": [(entry, events.in_words(entry.action)) for entry in selectors.timeline(case)],
        "roles": roles,
        "can_request": case.status in information.ASKING,
        "case_documents": case.case_documents.all(),
        "case_document_kinds": CaseDocument.Kind.choices,
        "may_add_documents": bool(
            roles & {workflow.Role.CASE_OFFICER, workflow.Role.SENIOR_OFFICER}
        ),
        "compliance_choices": Condition.Compliance.choices,
        "may_record_compliance": bool(
            roles & {workflow.Role.CASE_OFFICER, workflow.Role.SENIOR_OFFICER}
        ),
        "condition_rows": [
            case_forms.blank_row(n) for n in range(1, case_forms.CONDITION_ROWS + 1)
        ],
        "procedure": procedure,
        "measures": list((procedure.measures or {}).items()),
        "hearing_outcomes": [
            (value, label) for value, label in Outcome.choices if value in procedure.hearing_before
        ],
        "can_hear": case.status in hearings.HEARING_STATUSES and case.filing_id is not None,
        "penalty_kinds": Penalty.Kind.choices,
        "may_record_penalty": workflow.Role.SENIOR_OFFICER in roles,
        "blocked": workflow.blocked(facts, actor_facts),
        "warnings": page_extensions.warnings_for(case),
        "running": next((phase for phase, _ in readings if phase.ended_on is None), None),
        "header_clock": next(
            (reading for phase, reading in readings if phase.ended_on is None), None
        ),
        "is_senior": workflow.Role.SENIOR_OFFICER in roles,
        "may_manage_requests": bool(
            roles & {workflow.Role.CASE_OFFICER, workflow.Role.SENIOR_OFFICER}
        ),
        "urgency_needed": facts.comment_period_running_until is not None,
        "refused": refused,
        "kept": {refused.action: refused.values} if refused else {},
        "errs": {refused.action: refused.errors} if refused else {},
        "transition_forms": [
            {
                "action": action,
                "danger": action.name in DESTRUCTIVE,
                **_kept_reason(refused, action.name),
            }
            for action in actions
            if action.name != "propose_decision"
        ],
    }
    if refused is not None and refused.rows:
        context["condition_rows"] = refused.rows
    return render(request, "reviews/case_detail.html", context, status=status)


# Steps that end or undo the review: drawn as danger buttons, never the first offered.
DESTRUCTIVE = {"withdraw", "declare_outside_scope", "return_decision", "close"}


def _kept_reason(refused: case_forms.Refused | None, action: str) -> dict[str, Any]:
    """A workflow step's form as typed, if it is the one refused: its reason and messages."""
    if refused is None or refused.action != action:
        return {"reason": "", "errors": []}
    return {"reason": refused.values.get("reason", ""), "errors": refused.errors.get("reason", [])}


@staff_page
@require_POST
def case_action(request: HttpRequest, actor: Actor, case_id: str) -> HttpResponse:
    """Every form of the case page posts here; the answer is the case page again."""
    case = get_object_or_404(selectors.cases_for(actor), pk=case_id)
    form = request.POST
    name = form.get("action", "")
    try:
        done = _act(case, actor, name, form, request.FILES)
    except DomainError as error:  # 400 (input), 403 (role, four eyes), 409 (state) alike
        # The page again, as it is now, with the form as typed and the messages beside
        # its fields; answered with the refusal's status.
        refused = case_forms.refused(name, form, error.detail)
        fresh = get_object_or_404(selectors.case_detail(actor), pk=case_id)
        return _case_page(request, actor, fresh, refused, status=http_status(error))
    messages.success(request, done)
    return redirect("review-case", case_id=case.pk)


def _act(case: Case, actor: Actor, name: str, form: Any, files: Any) -> str:
    """One action from the case page's forms. The page's fields are read into the API's
    input (the same serializers check both, so a value the API refuses the page refuses
    with the same words) and handed to the same services."""
    version = form.get("version") or None
    if name == "assign":
        data = _checked(
            AssignmentSerializer,
            {"assignee": form.get("assignee") or None, "expected_version": version},
        )
        assignee = assignment.user_named(data["assignee"])
        assignment.assign_case(
            case=case, actor=actor, assignee=assignee, expected_version=data.get("expected_version")
        )
        return f"Assigned to {assignee.username}." if assignee else "Unassigned."
    if name == "note":
        data = _checked(NoteInputSerializer, {"text": form.get("text", "")})
        assignment.add_note(case=case, actor=actor, text=data["text"])
        return "Note added."
    if name == "request_information":
        # One question per line of the page's text box.
        questions = [line for line in form.get("questions", "").splitlines() if line.strip()]
        data = _checked(
            RequestInputSerializer,
            {
                "questions": questions,
                "response_due": form.get("response_due") or None,
                "expected_version": version,
            },
        )
        information.request_information(
            case=case,
            actor=actor,
            questions=data["questions"],
            response_due=data["response_due"],
            expected_version=data.get("expected_version"),
            recipient=form.get("recipient", ""),
        )
        return "Request for information sent; the clock is stopped until it is answered."
    if name == "add_case_document":
        added = case_documents.add_case_document(
            case=case,
            actor=actor,
            upload=files.get("file"),
            kind=form.get("kind", ""),
            description=form.get("description", ""),
        )
        return f"{added.original_name} added to the case file."
    if name == "record_answer":
        number = form.get("request", "")
        found = (
            case.information_requests.filter(number=number).first() if number.isdigit() else None
        )
        if found is None:
            raise Invalid({"request": ["No such request for information on this case."]})
        information.record_answer_received(request=found, actor=actor, text=form.get("text", ""))
        return f"Answer to request {found.number} recorded; the clock runs again."
    if name == "record_urgency":
        services.record_urgency(case=case, actor=actor, justification=form.get("justification", ""))
        return "Urgency recorded: the decision may be taken before the comment period ends."
    if name == "extend_phase":
        days = form.get("days", "")
        if not days.strip().isdigit():
            raise Invalid({"days": ["Give a whole number of days, at least 1."]})
        phase = services.extend_phase(
            case=case,
            actor=actor,
            days=int(days),
            reason=form.get("reason", ""),
            expected_version=version,
        )
        deadline = phase.deadline or "not known while the clock is stopped"
        return f"Phase extended by {days} days; the deadline is now {deadline}."
    if name in ("withdraw_request", "extend_request"):
        number = form.get("request", "")
        found = (
            case.information_requests.filter(number=number).first() if number.isdigit() else None
        )
        if found is None:
            raise Invalid({"request": ["No such request for information on this case."]})
        if name == "withdraw_request":
            information.withdraw_information_request(
                request=found, actor=actor, reason=form.get("reason", "")
            )
            return f"Request {found.number} withdrawn; the clock runs again."
        due = _date_or_none(form.get("response_due", ""))
        if due is None:
            raise Invalid({"response_due": ["Give the new day the answer is due."]})
        information.extend_information_request(
            request=found, actor=actor, response_due=due, reason=form.get("reason", "")
        )
        return f"Request {found.number}: the answer is now due {due}."
    if name == "record_compliance":
        number = form.get("condition", "")
        condition = case.conditions.filter(pk=number).first() if number.isdigit() else None
        if condition is None:
            raise Invalid({"condition": ["No such condition on this case."]})
        data = _checked(
            ComplianceSerializer,
            {"compliance": form.get("compliance", ""), "evidence": form.get("evidence", "")},
        )
        condition = decisions.record_compliance(
            condition=condition,
            actor=actor,
            compliance=data["compliance"],
            evidence=data["evidence"],
        )
        return f"Condition recorded as {condition.get_compliance_display().lower()}."
    if name == "send_hearing_letter":
        data = _checked(
            HearingInputSerializer,
            {
                "intended_outcome": form.get("intended_outcome", ""),
                "letter": form.get("letter", ""),
                "answer_due": form.get("answer_due") or None,
            },
        )
        hearing = hearings.send_hearing_letter(case=case, actor=actor, **data)
        return f"Hearing letter {hearing.number} sent; the answer is due {hearing.answer_due}."
    if name == "record_penalty":
        data = _checked(
            PenaltyInputSerializer,
            {
                "kind": form.get("kind", ""),
                "decided_on": form.get("decided_on", ""),
                "reasons": form.get("reasons", ""),
                "amount": form.get("amount") or None,
                "currency": form.get("currency", ""),
            },
        )
        hearings.record_penalty(case=case, actor=actor, **data)
        return "Penalty recorded."
    if name not in workflow.TRANSITIONS:
        raise Invalid({"action": ["Unknown action."]})
    # The page's condition rows (description, kind of measure, owner, due date), blank
    # rows left out; a page without measure fields (2019/452) sends none.
    descriptions = form.getlist("condition_description")
    measures = form.getlist("condition_measure") or [""] * len(descriptions)
    rows = zip(
        descriptions,
        measures,
        form.getlist("condition_owner"),
        form.getlist("condition_due"),
        strict=False,
    )
    conditions = [
        # An empty date field is no date (the serializer says "give the day it is due").
        {"description": description, "measure": measure, "owner": owner, "due_date": due or None}
        for description, measure, owner, due in rows
        if description.strip() or owner.strip() or due.strip()
    ]
    given = {
        "transition": name,
        "reason": form.get("reason", ""),
        "note": form.get("reason", ""),  # the page's one text box is the reason and the note
        "outcome": form.get("outcome") or None,
        "reasons": form.get("reasons", ""),
        "measures_would_not_do": form.get("measures_would_not_do", ""),
        "conditions": conditions,
        "expected_version": version,
    }
    data = _checked(TransitionSerializer, given)
    decisions.take_transition(case=case, actor=actor, **transition_arguments(data))
    return DONE.get(name, f"{workflow.TRANSITIONS[name].label}: done.")


def _checked(serializer_class: type[Serializer], data: dict[str, Any]) -> dict[str, Any]:
    """`data` checked by the API's serializer; what it refuses, refused with its words."""
    serializer = serializer_class(data={k: v for k, v in data.items() if v is not None})
    if not serializer.is_valid():
        raise Invalid(serializer.errors)
    return dict(serializer.validated_data)


DONE = {
    "propose_decision": "Decision proposed: a senior officer approves or returns it.",
    "approve_decision": "Decision approved: the case is decided.",
    "return_decision": "Proposal sent back.",
}


@staff_page
@require_POST
def read_inbox_item(request: HttpRequest, actor: Actor, item_id: int) -> HttpResponse:
    item = inbox.mark_read(get_object_or_404(selectors.inbox_of(actor), pk=item_id))
    return (
        redirect("review-case", case_id=item.case_id)
        if item.case_id
        else redirect("review-dashboard")
    )


def as_sentence(detail: Any, path: tuple[str | int, ...] = ()) -> str:
    """An error of the services (or of the API's serializers) as readable sentences, each
    led by the field it is about: `{"conditions": {0: {"due_date": [...]}}}` reads
    "Condition 1 due date: ..."."""
    if isinstance(detail, dict):
        return " ".join(
            as_sentence(value, path if key in UNNAMED else (*path, key))
            for key, value in detail.items()
        )
    if isinstance(detail, list):
        return " ".join(as_sentence(item, path) for item in detail if item)
    return f"{_field_words(path)}: {detail}" if path else str(detail)


# Keys whose messages need no field name in front.
UNNAMED = {"non_field_errors", "reason", "detail"}


def _field_words(path: tuple[str | int, ...]) -> str:
    words: list[str] = []
    for part in path:
        if isinstance(part, int) or str(part).isdigit():
            # The n-th item of a list, counted from 1: "conditions", 0 -> "condition 1"
            if words:
                words[-1] = words[-1].removesuffix("s")
            words.append(str(int(part) + 1))
        else:
            words.append(str(part).replace("_", " "))
    return " ".join(words).capitalize()


@staff_page
def statistics_page(request: HttpRequest, actor: Actor) -> HttpResponse:
    """The annual reports' figures for a year (Art. 5 of 2019/452; Art. 4(8) and 24(1)
    of 2026/1386), as tables with bar charts, CSV or XLSX."""
    today = services.today()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, 2020), today.year)
    assert actor.organisation is not None
    kind = request.GET.get("report", "art5")
    if kind not in REPORTS:
        kind = "art5"
    report = report_of(kind, actor.organisation, year)
    download = request.GET.get("download")
    if download == "csv":
        response = HttpResponse(report.csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{kind}-report-{year}.csv"'
        return response
    if download == "xlsx":
        response = HttpResponse(
            report.xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{kind}-report-{year}.xlsx"'
        return response
    sections = []
    for title, items in report.sections:
        top = max([count for _, count in items] or [0]) or 1
        sections.append((title, [(item, count, round(300 * count / top)) for item, count in items]))
    context = {
        "year": year,
        "years": range(today.year, 2019, -1),
        "sections": sections,
        "kind": kind,
        "reports": REPORTS.items(),
        "title": REPORTS[kind],
    }
    return render(request, "reviews/statistics.html", context)


@staff_page
def case_file(request: HttpRequest, actor: Actor, case_id: str) -> HttpResponse:
    """The case file as one PDF (reviews/case_file.py)."""
    case = get_object_or_404(selectors.case_detail(actor), pk=case_id)
    try:
        return case_file_export.as_pdf(request, actor, case)
    except Unavailable as missing:
        return render(request, "error.html", {"detail": missing.detail, "status": 503}, status=503)


@staff_page
def case_document(request: HttpRequest, actor: Actor, document_id: str) -> FileResponse:
    """A document of a case file, for the staff of the authority whose case it is."""
    found = get_object_or_404(CaseDocument, pk=document_id, case__authority=actor.organisation)
    return download(found)


@staff_page
def document(request: HttpRequest, actor: Actor, document_id: str) -> FileResponse:
    """A filing's document, for the staff of the authority that has its case."""
    found = get_object_or_404(Document, pk=document_id, filing__case__authority=actor.organisation)
    return download(found)  # as the investor API serves it


def _date_or_none(value: str) -> date | None:
    """A date as a page's date field sends it (YYYY-MM-DD); None if it is not one."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None
