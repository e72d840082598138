"""A refused form of the case page: what the officer typed, kept, and each message beside
its field, with a summary at the top of the page that links to them (the GOV.UK Design
System's error summary and error message patterns; docs/review.md §13).

The services and the API's serializers say what is wrong by field path (`{"reasons":
[...]}`, `{"conditions": [{}, {"due_date": [...]}]}`); here those paths become the page's
fields: `reasons` of the form, the due date of condition row 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The condition rows of the proposal form, and the input each row's fields feed.
CONDITION_FIELDS = {
    "condition_description": "description",
    "condition_measure": "measure",
    "condition_owner": "owner",
    "condition_due": "due_date",
}
CONDITION_ROWS = 3


@dataclass
class Refused:
    """One refused form: its action, the values as typed, messages per field and for the
    form as a whole, and the condition rows (for a proposal)."""

    action: str
    values: dict[str, str]
    errors: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> list[tuple[str, str]]:
        """(the field's id on the page, or "" for the form, message led by the field's
        name), in page order: the error summary at the top of the page."""
        lines = [("", message) for message in self.general]
        for name, messages in self.errors.items():
            anchor = field_id(self.action, name, self.values.get("request", ""))
            words = "" if name == "reason" else f"{_words(name)}: "
            lines += [(anchor, f"{words}{message}") for message in messages]
        for row in self.rows:
            for name, messages in row["errors"].items():
                words = f"Condition {row['number']} {_words(CONDITION_FIELDS[name]).lower()}"
                lines += [(row["ids"][name], f"{words}: {message}") for message in messages]
        return lines


def _words(name: str) -> str:
    return name.replace("_", " ").capitalize()


def field_id(action: str, name: str, request: str = "") -> str:
    """The id of a form's field on the case page: `f-<action>-<field>`, with the request's
    number for the forms each open request has (`f-withdraw_request-2-reason`)."""
    return f"f-{action}-{request}-{name}" if request else f"f-{action}-{name}"


def condition_rows(form: Any) -> list[dict[str, Any]]:
    """The proposal form's condition rows as typed (at least CONDITION_ROWS), numbered
    from 1, each with whether it is blank (blank rows are not sent to the service)."""
    columns = {name: form.getlist(name) for name in CONDITION_FIELDS}
    count = max([CONDITION_ROWS, *map(len, columns.values())])
    rows = []
    for index in range(count):
        values = {
            name: (columns[name][index] if index < len(columns[name]) else "")
            for name in CONDITION_FIELDS
        }
        blank = not any(
            values[name].strip()
            for name in ("condition_description", "condition_owner", "condition_due")
        )
        rows.append({**blank_row(index + 1), "values": values, "blank": blank})
    return rows


def blank_row(number: int) -> dict[str, Any]:
    """An empty condition row of the proposal form, with its fields' ids on the page."""
    ids = {name: f"c-{name}-{number}" for name in CONDITION_FIELDS}
    return {"number": number, "values": {}, "blank": True, "errors": {}, "ids": ids}


def refused(action: str, form: Any, detail: Any) -> Refused:
    """The form of `action` as posted, with the error `detail` laid onto its fields."""
    values = {name: form.get(name, "") for name in form if name not in CONDITION_FIELDS}
    kept = Refused(action=action, values=values)
    if action == "propose_decision" or "condition_description" in form:
        kept.rows = condition_rows(form)
    sent_rows = [row for row in kept.rows if not row["blank"]]
    if not isinstance(detail, dict):
        kept.general += _messages(detail)
        return kept
    for name, messages in detail.items():
        if name == "conditions":
            _lay_on_rows(messages, sent_rows, kept)
        elif name in ("non_field_errors", "detail", "transition", "expected_version"):
            kept.general += _messages(messages)
        else:
            # A page field of this name gets it; a field the page does not have, the form.
            page_name = "reason" if name == "note" else name
            if page_name in form or page_name in PAGE_FIELDS.get(action, ()):
                kept.errors.setdefault(page_name, []).extend(_messages(messages))
            else:
                kept.general += [f"{_words(name)}: {m}" for m in _messages(messages)]
    return kept


# Fields a form has even when the browser leaves them out (an unticked box, no choice).
PAGE_FIELDS = {
    "propose_decision": ("outcome", "reasons", "measures_would_not_do"),
    "request_information": ("questions", "response_due", "recipient"),
    "add_case_document": ("file", "kind"),
}


def _lay_on_rows(detail: Any, sent_rows: list[dict[str, Any]], kept: Refused) -> None:
    """Errors of the `conditions` list, by the index of the rows sent, onto those rows."""
    if isinstance(detail, dict):
        items = [(int(k), v) for k, v in detail.items() if str(k).isdigit()]
        kept.general += [
            message for k, v in detail.items() if not str(k).isdigit() for message in _messages(v)
        ]
    elif isinstance(detail, list) and all(isinstance(item, dict) for item in detail):
        items = list(enumerate(detail))
    else:
        kept.general += [f"Conditions: {m}" for m in _messages(detail)]
        return
    by_input = {value: key for key, value in CONDITION_FIELDS.items()}
    for index, errors in items:
        if index >= len(sent_rows) or not isinstance(errors, dict):
            kept.general += _messages(errors)
            continue
        row = sent_rows[index]
        for name, messages in errors.items():
            key = by_input.get(name)
            if key is None:
                kept.general += [f"Condition {row['number']}: {m}" for m in _messages(messages)]
            else:
                row["errors"].setdefault(key, []).extend(_messages(messages))


def _messages(detail: Any) -> list[str]:
    if isinstance(detail, dict):
        return [m for value in detail.values() for m in _messages(value)]
    if isinstance(detail, list):
        return [m for item in detail for m in _messages(item)]
    return [str(detail)] if str(detail) else []
