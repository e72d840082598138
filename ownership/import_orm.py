"""The import's writes through the ORM, for databases other than PostgreSQL (the demo's
SQLite): the same rules as `bulk.MERGE`, one statement at a time."""

from __future__ import annotations

from datetime import date
from typing import Any

from ownership.models import ImportedStatement, Interest, Party, Relationship


def apply(valid: list[dict[str, Any]]) -> tuple[int, int]:
    """Apply checked statements: (applied, already imported before)."""
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
    # Older statements first, so the newest statement about a record wins.
    fresh.sort(key=lambda s: str(s.get("statementDate", "")))
    _apply_parties([s for s in fresh if s["recordType"] in ("entity", "person")])
    _apply_relationships([s for s in fresh if s["recordType"] == "relationship"])
    ImportedStatement.objects.bulk_create(
        [ImportedStatement(statement_id=s["statementId"], record_id=s["recordId"]) for s in fresh]
    )
    return len(fresh), len(valid) - len(fresh)


def _is_newer(statement: dict[str, Any], record: Party | Relationship) -> bool:
    return str(statement.get("statementDate", "")) >= record.statement_date


def _apply_parties(statements: list[dict[str, Any]]) -> None:
    existing = {
        p.record_id: p
        for p in Party.objects.filter(record_id__in=[s["recordId"] for s in statements])
    }
    created: dict[str, Party] = {}
    changed: dict[str, Party] = {}
    for statement in statements:
        record_id = statement["recordId"]
        party = existing.get(record_id) or created.get(record_id)
        if party is not None and not _is_newer(statement, party):
            continue
        if party is None:
            party = Party(record_id=record_id)
            created[record_id] = party
        elif record_id in existing:
            changed[record_id] = party
        _set_party(party, statement)
    Party.objects.bulk_create(created.values())
    Party.objects.bulk_update(
        changed.values(),
        [
            "record_type",
            "subtype",
            "name",
            "country",
            "identifiers",
            "unspecified_reason",
            "unspecified_description",
            "is_component",
            "status",
            "statement_id",
            "statement_date",
            "source",
        ],
    )


def _set_party(party: Party, statement: dict[str, Any]) -> None:
    details = statement["recordDetails"]
    party.record_type = statement["recordType"]
    party.status = statement.get("recordStatus", "new")
    party.statement_id = statement["statementId"]
    party.statement_date = str(statement.get("statementDate", ""))
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
        party.subtype = (details.get("entityType") or {}).get("type", "")
        party.name = str(details.get("name", ""))[:500]
        party.country = str((details.get("jurisdiction") or {}).get("code", ""))[:6]
    else:
        party.subtype = details.get("personType", "")
        names = details.get("names") or [{}]
        party.name = str(names[0].get("fullName", ""))[:500]
        nationalities = details.get("nationalities") or [{}]
        party.country = str(nationalities[0].get("code", ""))[:6]


def _apply_relationships(statements: list[dict[str, Any]]) -> None:
    existing = {
        r.record_id: r
        for r in Relationship.objects.filter(record_id__in=[s["recordId"] for s in statements])
    }
    latest: dict[str, tuple[Relationship, dict[str, Any]]] = {}
    for statement in statements:
        record_id = statement["recordId"]
        current = latest.get(record_id, (existing.get(record_id), None))[0]
        if current is not None and not _is_newer(statement, current):
            continue
        relationship = current or Relationship(record_id=record_id)
        _set_relationship(relationship, statement)
        latest[record_id] = (relationship, statement)

    new = [r for r, _ in latest.values() if r.pk is None]
    old = [r for r, _ in latest.values() if r.pk is not None]
    Relationship.objects.bulk_create(new)
    Relationship.objects.bulk_update(
        old,
        [
            "subject_record_id",
            "interested_party_record_id",
            "unspecified_reason",
            "unspecified_description",
            "is_component",
            "component_records",
            "status",
            "statement_id",
            "statement_date",
            "source",
        ],
    )
    Interest.objects.filter(relationship__in=old).delete()
    Interest.objects.bulk_create(
        [
            _interest(relationship, interest)
            for relationship, statement in latest.values()
            for interest in statement["recordDetails"].get("interests", [])
        ]
    )


def _set_relationship(relationship: Relationship, statement: dict[str, Any]) -> None:
    details = statement["recordDetails"]
    relationship.status = statement.get("recordStatus", "new")
    relationship.statement_id = statement["statementId"]
    relationship.statement_date = str(statement.get("statementDate", ""))
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
