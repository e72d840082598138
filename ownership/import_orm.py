"""The import's writes through the ORM, for databases other than PostgreSQL (the demo's
SQLite): the same rules as `import_postgres.MERGE` and `HISTORY`, one statement at a time.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Model

from ownership.models import ImportedStatement, Interest, Party, Relationship


def apply(valid: list[dict[str, Any]]) -> tuple[int, int]:
    """Apply checked statements: (applied, already imported before). Every statement is
    a row of its own (the record's history); then each touched record's rows are dated."""
    ids = [s["statementId"] for s in valid]
    seen = set(
        ImportedStatement.objects.filter(statement_id__in=ids).values_list(
            "statement_id", flat=True
        )
    )
    fresh: list[dict[str, Any]] = []
    for statement in valid:
        if statement["statementId"] not in seen:
            seen.add(statement["statementId"])
            fresh.append(statement)
    parties = [s for s in fresh if s["recordType"] in ("entity", "person")]
    relationships = [s for s in fresh if s["recordType"] == "relationship"]
    created_parties = []
    for statement in parties:
        party = Party(record_id=statement["recordId"])
        _set_party(party, statement)
        created_parties.append(party)
    Party.objects.bulk_create(created_parties)
    for statement in relationships:
        relationship = Relationship(record_id=statement["recordId"])
        _set_relationship(relationship, statement)
        relationship.save()
        Interest.objects.bulk_create(
            [
                _interest(relationship, interest)
                for interest in statement["recordDetails"].get("interests", [])
            ]
        )
    ImportedStatement.objects.bulk_create(
        [ImportedStatement(statement_id=s["statementId"], record_id=s["recordId"]) for s in fresh]
    )
    _date_rows(Party, {s["recordId"] for s in parties})
    _date_rows(Relationship, {s["recordId"] for s in relationships})
    return len(fresh), len(valid) - len(fresh)


def reused(valid: list[tuple[int, dict[str, Any]]]) -> list[tuple[int, str, str]]:
    """Statements whose id the ledger holds for another record: (position, statement id,
    that record)."""
    ledger = dict(
        ImportedStatement.objects.filter(
            statement_id__in=[s["statementId"] for _, s in valid]
        ).values_list("statement_id", "record_id")
    )
    return [
        (position, s["statementId"], ledger[s["statementId"]])
        for position, s in valid
        if s["statementId"] in ledger and ledger[s["statementId"]] != s["recordId"]
    ]


def _date_rows(model: type[Model], record_ids: set[str]) -> None:
    """Each row valid until the next row's date (by statement date, then arrival)."""
    rows = list(
        model.objects.filter(record_id__in=record_ids).order_by(  # type: ignore[attr-defined]
            "record_id", "statement_date", "id"
        )
    )
    changed = []
    for row, following in zip(rows, [*rows[1:], None][: len(rows)], strict=True):
        next_day = (
            following.statement_day
            if following is not None and following.record_id == row.record_id
            else None
        )
        if row.valid_to != next_day:
            row.valid_to = next_day
            changed.append(row)
    model.objects.bulk_update(changed, ["valid_to"])  # type: ignore[attr-defined]


def _set_party(party: Party, statement: dict[str, Any]) -> None:
    details = statement["recordDetails"]
    party.record_type = statement["recordType"]
    party.status = statement.get("recordStatus", "new")
    party.statement_id = statement["statementId"]
    party.statement_date = str(statement.get("statementDate", ""))
    party.statement_day = party.statement_date[:10]
    party.is_component = bool(details.get("isComponent", False))
    party.identifiers = details.get("identifiers") or []
    unspecified = (
        details.get("unspecifiedPersonDetails") or details.get("unspecifiedEntityDetails") or {}
    )
    party.unspecified_reason = str(unspecified.get("reason", ""))[:60]
    party.unspecified_description = str(unspecified.get("description", ""))
    party.source = (
        (statement.get("publicationDetails") or {}).get("publisher", {}).get("name", "")[:200]
    )
    if party.record_type == "entity":
        entity_type = details.get("entityType") or {}
        party.subtype = entity_type.get("type", "")
        party.entity_subtype = str(entity_type.get("subtype", ""))[:40]
        party.name = str(details.get("name", ""))[:500]
        alternates = details.get("alternateNames")
        party.names = (
            [{"type": "legal", "fullName": details["name"]}] if "name" in details else []
        ) + [
            {"type": "alternative", "fullName": name}
            for name in (alternates if isinstance(alternates, list) else [])
        ]
        party.country = str((details.get("jurisdiction") or {}).get("code", ""))[:6]
    else:
        party.subtype = details.get("personType", "")
        names = details.get("names") or [{}]
        party.name = str(names[0].get("fullName", ""))[:500]
        party.names = details.get("names") if isinstance(details.get("names"), list) else []
        nationalities = details.get("nationalities") or [{}]
        party.country = str(nationalities[0].get("code", ""))[:6]


def _set_relationship(relationship: Relationship, statement: dict[str, Any]) -> None:
    details = statement["recordDetails"]
    relationship.status = statement.get("recordStatus", "new")
    relationship.statement_id = statement["statementId"]
    relationship.statement_date = str(statement.get("statementDate", ""))
    relationship.statement_day = relationship.statement_date[:10]
    relationship.is_component = bool(details.get("isComponent", False))
    relationship.component_records = details.get("componentRecords") or []
    subject = details.get("subject")
    relationship.subject_record_id = subject if isinstance(subject, str) else ""
    party = details.get("interestedParty")
    if isinstance(party, str):
        relationship.interested_party_record_id = party
        relationship.unspecified_reason = ""
        relationship.unspecified_description = ""
    else:
        party = party or {}
        relationship.interested_party_record_id = ""
        relationship.unspecified_reason = str(party.get("reason", "unknown"))
        relationship.unspecified_description = str(party.get("description", ""))
    relationship.source = (
        (statement.get("publicationDetails") or {}).get("publisher", {}).get("name", "")[:200]
    )


def _interest(relationship: Relationship, interest: dict[str, Any]) -> Interest:
    share = interest.get("share") or {}
    low = share.get("exact", share.get("minimum", share.get("exclusiveMinimum")))
    high = share.get("exact", share.get("maximum", share.get("exclusiveMaximum")))
    if low is None and high is not None:
        low = 0.0
    if high is None and low is not None:
        high = 100.0
    flag = interest.get("beneficialOwnershipOrControl")
    return Interest(
        relationship=relationship,
        type=str(interest.get("type", "")),
        direct_or_indirect=str(interest.get("directOrIndirect", "")),
        beneficial_ownership_or_control=flag if isinstance(flag, bool) else None,
        min_exclusive="exact" not in share
        and "minimum" not in share
        and "exclusiveMinimum" in share,
        max_exclusive="exact" not in share
        and "maximum" not in share
        and "exclusiveMaximum" in share,
        share_min=low,
        share_max=high,
        start_date=_date(interest.get("startDate")),
        end_date=_date(interest.get("endDate")),
        details=str(interest.get("details", "")),
    )


def _date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    return date.fromisoformat(value[:10])
