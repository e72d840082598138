"""The queue page (`/review/cases/`): the work lists (views), sortable columns, bulk
assignment and the current view as CSV (docs/review.md §12).

The filters are the API's (reviews/filters.py); this module adds what only the page has.
"""

from __future__ import annotations

import csv
import uuid
from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.actors import Actor
from core.errors import DomainError
from reviews import assignment, phases, selectors, services
from reviews.filters import CaseFilter, for_page
from reviews.pure import workflow
from reviews.views import as_sentence, staff_page

PAGE_SIZE = 50
# Columns a header sorts by: the API's ordering values (reviews/filters.py).
SORTABLE = {"reference": "reference", "deadline": "deadline", "risk": "risk_score"}
# At most this many cases change assignee at once (one transaction and audit entry each).
BULK_LIMIT = 200


@staff_page
def case_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    filters = _filters(request, actor)
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    phases.mark_stopped_clocks(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    chosen = filters.form.cleaned_data  # the fields it could use; the others have messages
    roles = services.roles_of(actor)
    authority = actor.organisation
    context = {
        "page": page,
        "form": filters.form,
        "query": query.urlencode(),
        "tabs": _tabs(query, chosen.get("view") or "open", roles),
        "sort": _sort_links(query, chosen.get("ordering") or []),
        "csv_query": query.urlencode(),
        "may_assign": workflow.Role.SENIOR_OFFICER in roles or workflow.Role.ADMINISTRATOR in roles,
        "officers": selectors.officers_of(authority) if authority else [],
    }
    return render(request, "reviews/case_list.html", context)


@staff_page
def case_list_csv(request: HttpRequest, actor: Actor) -> StreamingHttpResponse:
    """The cases of the current view and filters, every page of them, as CSV."""
    filters = _filters(request, actor)
    stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M")
    response = StreamingHttpResponse(_csv_lines(filters.qs), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="cases-{stamp}.csv"'
    return response


@staff_page
@require_POST
def bulk_assign(request: HttpRequest, actor: Actor) -> HttpResponse:
    """Assign the ticked cases to one officer; each goes through `assign_case` (its own
    check, lock and audit entry), and the page lists what was refused and why."""
    back = f"{reverse('review-cases')}?{request.POST.get('query', '')}"
    ids = request.POST.getlist("case")
    if not ids:
        messages.error(request, "Tick the cases to assign first.")
        return redirect(back)
    if len(ids) > BULK_LIMIT:
        messages.error(request, f"Assign at most {BULK_LIMIT} cases at once.")
        return redirect(back)
    try:
        assignee = assignment.user_named(request.POST.get("assignee") or None)
    except DomainError as error:
        messages.error(request, as_sentence(error.detail))
        return redirect(back)
    cases = {str(case.pk): case for case in selectors.cases_for(actor).filter(pk__in=_uuids(ids))}
    done, refused = [], []
    for case_id in ids:
        case = cases.get(case_id)
        if case is None:
            refused.append(f"{case_id}: no such case of this authority")
            continue
        try:
            assignment.assign_case(case=case, actor=actor, assignee=assignee)
        except DomainError as error:
            refused.append(f"{case.reference}: {as_sentence(error.detail)}")
        else:
            done.append(case.reference)
    whom = assignee.username if assignee else "nobody"
    if done:
        messages.success(request, f"Assigned to {whom}: {', '.join(done)}.")
    if refused:
        messages.error(request, "Not assigned: " + "; ".join(refused))
    return redirect(back)


def _filters(request: HttpRequest, actor: Actor) -> CaseFilter:
    authority = actor.organisation
    officers = [user.username for user in selectors.officers_of(authority)] if authority else []
    return for_page(request.GET, selectors.cases_for(actor), request, officers)


def _tabs(query: QueryDict, current: str, roles: frozenset[workflow.Role]) -> list[dict]:
    tabs = []
    for value, label in selectors.VIEWS:
        if value == "approval" and workflow.Role.SENIOR_OFFICER not in roles:
            continue
        linked = query.copy()
        linked["view"] = value
        tabs.append({"label": label, "href": f"?{linked.urlencode()}", "current": value == current})
    return tabs


def _sort_links(query: QueryDict, ordering: list[str]) -> dict[str, dict[str, str]]:
    """Per sortable column: the link that sorts by it (the other way when it is the
    current sort) and its aria-sort state."""
    current = ordering[0] if ordering else "deadline"
    links = {}
    for column, key in SORTABLE.items():
        ascending = current == key
        descending = current == f"-{key}"
        linked = query.copy()
        linked["ordering"] = f"-{key}" if ascending else key
        links[column] = {
            "href": f"?{linked.urlencode()}",
            "aria": "ascending" if ascending else "descending" if descending else "none",
        }
    return links


COLUMNS = [
    ("Reference", lambda c: c.reference),
    ("Title", lambda c: c.title),
    ("Status", lambda c: c.get_status_display()),
    ("Regulation", lambda c: c.regulation_title),
    ("Deadline", lambda c: c.deadline.isoformat() if c.deadline else ""),
    ("Assignee", lambda c: c.assignee.username if c.assignee else ""),
    ("Investor", lambda c: c.investor_name),
    ("Investor country", lambda c: c.investor_country),
    ("Ultimate investors' countries", lambda c: " ".join(c.origin_countries)),
    ("Sectors", lambda c: " ".join(c.sectors)),
    ("Risk score", lambda c: c.risk_score),
    ("State link", lambda c: "yes" if c.has_state_link else "no"),
    ("Opened", lambda c: timezone.localtime(c.opened_at).date().isoformat()),
]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(cases: Any) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow([name for name, _ in COLUMNS])
    for case in cases.iterator(chunk_size=500):
        yield writer.writerow([_cell(read(case)) for _, read in COLUMNS])


def _cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula is kept as text (OWASP's advice
    on CSV injection): investors choose names."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _uuids(ids: list[str]) -> list[str]:
    valid = []
    for value in ids:
        try:
            valid.append(str(uuid.UUID(value)))
        except ValueError:
            continue
    return valid
