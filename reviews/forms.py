"""Forms of the reviewers' pages that are not actions on a case: the queue's filters."""

from __future__ import annotations

from typing import Any

from django import forms

from core.codes import is_country
from reviews.models import Status
from screening.art4 import SECTORS

ORDERINGS = {
    "deadline": ["deadline", "-opened_at"],
    "risk": ["-risk_score", "deadline"],
    "opened": ["-opened_at"],
}


class QueueFilters(forms.Form):
    """What the queue can be narrowed and sorted by; a value it cannot use is a message
    next to its field, and the queue shows the cases without that filter. The parameters
    are named as the API's (`/api/v1/cases/?origin_country=CN&has_state_link=true`)."""

    # Names the page used before it took the API's, still read from old links.
    FORMER_NAMES = {"origin": "origin_country", "state_link": "has_state_link"}

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        if data is not None:
            data = data.copy()
            for old, new in self.FORMER_NAMES.items():
                if old in data and new not in data:
                    data.setlist(new, data.pop(old))
        super().__init__(data, **kwargs)

    q = forms.CharField(required=False, max_length=300, label="Reference, name or LEI")
    status = forms.ChoiceField(
        required=False, choices=[("", "Any"), *Status.choices], label="Status"
    )
    assignee = forms.ChoiceField(
        required=False,
        choices=[("", "Anyone"), ("me", "To me"), ("none", "To nobody")],
        label="Assigned",
    )
    sector = forms.ChoiceField(
        required=False,
        choices=[("", "Any"), *sorted(SECTORS.items(), key=lambda item: item[1])],
        label="Sector (Art. 4(1))",
    )
    origin_country = forms.CharField(
        required=False,
        max_length=2,
        label="Ultimate investor's country",
        help_text="ISO code, e.g. CN",
    )
    risk_min = forms.IntegerField(
        required=False, min_value=0, max_value=100, label="Risk score at least"
    )
    has_state_link = forms.BooleanField(required=False, label="State link only")
    ordering = forms.ChoiceField(
        required=False,
        choices=[("deadline", "Deadline"), ("risk", "Risk score"), ("opened", "Newest")],
        label="Sort by",
    )

    def clean_origin_country(self) -> str:
        code = self.cleaned_data["origin_country"].strip().upper()
        if code and not is_country(code):
            raise forms.ValidationError(
                f"{code!r} is not an ISO 3166-1 alpha-2 country code (e.g. CN, US)."
            )
        return code
