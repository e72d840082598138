"""The queue's filters: one filter set for the reviewers' API (`/api/v1/cases/`) and the
queue page (`/review/cases/`), so both take the same parameters, check them the same way
and narrow the same way.

The API refuses a filter it cannot use (400 with the field, docs/api-errors.md); the page
shows the same message next to the field and lists the cases without that filter.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import F, QuerySet
from django.http import QueryDict

from core.actors import actor_for
from core.filters import StrictFilterSet
from core.pure.codes import is_country
from reviews import selectors
from reviews.models import Case, Status
from reviews.phases import today
from screening.pure.sectors import SECTORS

# Sorted by the first key the caller chose, then by these, so equal keys keep one order.
TIE_BREAKS = ["deadline", "-opened_at", "reference"]

ORDERINGS = [
    ("deadline", "Deadline, soonest first"),
    ("-risk_score", "Risk score, highest first"),
    ("-opened_at", "Newest first"),
    ("-deadline", "Deadline, latest first"),
    ("risk_score", "Risk score, lowest first"),
    ("opened_at", "Oldest first"),
    ("reference", "Reference"),
    ("-reference", "Reference, descending"),
    ("-updated_at", "Last changed first"),
    ("updated_at", "Last changed last"),
]


class CountryCodeField(forms.CharField):
    def clean(self, value: Any) -> str:
        code = (super().clean(value) or "").strip().upper()
        if code and not is_country(code):
            raise forms.ValidationError(
                f"{code!r} is not an ISO 3166-1 alpha-2 country code (e.g. CN, US)."
            )
        return code


class CountryFilter(django_filters.CharFilter):
    field_class = CountryCodeField


class WholeNumberFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class AnyYesNo(django_filters.widgets.BooleanWidget):
    """Yes / no / any, submitted as true / false / nothing (the API's words)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.choices = [("", "Any"), ("true", "Yes"), ("false", "No")]


class Ordering(django_filters.OrderingFilter):
    def filter(self, qs: QuerySet[Case], value: Any) -> QuerySet[Case]:
        chosen = [self.get_ordering_value(param) for param in value or []]
        if not chosen:
            chosen = ["deadline"]
        keys = [key.lstrip("-") for key in chosen]
        order = [*chosen, *[key for key in TIE_BREAKS if key.lstrip("-") not in keys]]
        return qs.order_by(*[_nulls_last(key) for key in order])


def _nulls_last(key: str) -> Any:
    """A case without a deadline (received, decided, closed) comes after those with one,
    in either direction and on either database (PostgreSQL puts NULLs first when
    descending, SQLite first when ascending)."""
    if key.lstrip("-") != "deadline":
        return key
    field = F("deadline")
    return field.desc(nulls_last=True) if key.startswith("-") else field.asc(nulls_last=True)


class CaseFilter(StrictFilterSet):
    view = django_filters.ChoiceFilter(
        method="filter_view",
        choices=selectors.VIEWS,
        label="View",
        empty_label=None,
        help_text="A work list: open (the page's default), mine, unassigned, approval "
        "(proposals awaiting a senior officer's approval, not the actor's own), week "
        "(deadline within 7 days or overdue), requests (a request for information open), "
        "all (the API's default)",
    )
    q = django_filters.CharFilter(
        method="filter_search",
        max_length=300,
        label="Reference, name, owner or LEI",
        help_text="A reference or part of it (the case's or the filing's), title, investor "
        "or target name, an owner the filing declares, or an LEI",
    )
    status = django_filters.MultipleChoiceFilter(
        choices=Status.choices,
        label="Status",
        help_text="One or more (repeat the parameter)",
        widget=forms.SelectMultiple(attrs={"size": 3}),
    )
    assignee = django_filters.CharFilter(
        method="filter_assignee", label="Assigned to", help_text="A user name, `me` or `none`"
    )
    sector = django_filters.ChoiceFilter(
        method="filter_sector",
        choices=sorted(SECTORS.items(), key=lambda item: item[1]),
        label="Sector (Art. 4(1))",
        empty_label="Any",
    )
    origin_country = CountryFilter(
        method="filter_origin_country",
        max_length=2,
        label="Ultimate investor's country",
        help_text="ISO code, e.g. CN (declared ultimate investors and state links)",
    )
    investor_country = CountryFilter(
        lookup_expr="iexact", max_length=2, label="Investor's country", help_text="ISO code"
    )
    risk_min = WholeNumberFilter(
        field_name="risk_score",
        lookup_expr="gte",
        min_value=0,
        max_value=100,
        label="Risk score at least",
    )
    has_state_link = django_filters.BooleanFilter(label="State link", widget=AnyYesNo)
    deadline_before = django_filters.DateFilter(
        field_name="deadline",
        lookup_expr="lte",
        label="Deadline on or before",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    ordering = Ordering(
        fields=["deadline", "risk_score", "opened_at", "reference", "updated_at"],
        choices=ORDERINGS,
        label="Sort by",
        empty_label=None,
    )

    class Meta:
        model = Case
        fields: list[str] = []

    def filter_view(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        return selectors.in_view(queryset, actor_for(self.request), value, today())

    def filter_assignee(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        return selectors.assigned(queryset, actor_for(self.request), value)

    def filter_sector(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        return selectors.containing(queryset, "sectors", value)

    def filter_origin_country(
        self, queryset: QuerySet[Case], name: str, value: str
    ) -> QuerySet[Case]:
        return selectors.containing(queryset, "origin_countries", value)

    def filter_search(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        return selectors.search(queryset, value)

    @property
    def qs(self) -> QuerySet[Case]:
        queryset = super().qs
        if not getattr(self.form, "cleaned_data", {}).get("ordering"):
            # No ordering given (or one the form refused): the default, soonest deadline.
            queryset = self.filters["ordering"].filter(queryset, [])
        return queryset


# Names and values the queue page used before it took the API's, still read from saved links.
FORMER_NAMES = {"origin": "origin_country", "state_link": "has_state_link"}
FORMER_VALUES = {
    "has_state_link": {"on": "true"},
    "ordering": {"risk": "-risk_score", "opened": "-opened_at"},
}


def for_page(
    query: QueryDict, cases: QuerySet[Case], request: Any, officers: list[str]
) -> CaseFilter:
    """The filter set behind the queue page: the API's, with widgets for people (the
    officers to pick from rather than a user name to type)."""
    data = from_page(query)
    if "view" not in data:
        data["view"] = "open"  # the page opens on the open cases; "all" shows the rest
    filters = CaseFilter(data, queryset=cases, request=request)
    assignee = filters.form.fields["assignee"]
    assignee.widget = forms.Select(
        choices=[("", "Anyone"), ("me", "Me"), ("none", "Nobody")]
        + [(name, name) for name in officers]
    )
    assignee.help_text = ""
    filters.form.fields["status"].help_text = "Ctrl-click to choose several"
    filters.is_valid()
    return filters


def from_page(query: QueryDict) -> QueryDict:
    """The queue page's query as the filter set reads it. A browser's form sends every
    field, the empty ones too; an empty field is no filter there, not a refused one."""
    data = QueryDict(mutable=True)
    for name, values in query.lists():
        name = FORMER_NAMES.get(name, name) if FORMER_NAMES.get(name) not in query else name
        for value in values:
            if value.strip():
                data.appendlist(name, FORMER_VALUES.get(name, {}).get(value, value))
    return data
