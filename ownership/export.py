"""Export a subject's upstream structure as BODS 0.4 statements.

The statements describe the records as they stand now: one per party and one per open
relationship upstream of the subject (indirect summaries included, marked by their
componentRecords). Statement ids are derived from the statement each record was last
set from, so exporting twice gives the same ids.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.conf import settings

from ownership.models import Interest, Party, Relationship
from ownership.pure.statements import place
from ownership.structure_query import upstream_record_ids

NAMESPACE = uuid.UUID("3b1d2f0e-8c4a-4e5b-9a7d-6f1e2d3c4b5a")


def export_bods(record_id: str, *, published: date | None = None) -> list[dict[str, Any]]:
    upstream = upstream_record_ids(record_id)
    publication = {
        "publicationDate": (published or date.today()).isoformat(),
        "bodsVersion": "0.4",
        "publisher": {"name": settings.NODE_NAME},
    }
    parties = Party.objects.current().filter(record_id__in=upstream).order_by("record_id")
    relationships = (
        Relationship.objects.current()
        .filter(subject_record_id__in=upstream)
        .exclude(status="closed")
        .prefetch_related("interests")
        .order_by("record_id")
    )
    statements = [_party(p, record_id, publication) for p in parties]
    statements += [_relationship(r, record_id, publication) for r in relationships]
    return statements


def _statement(
    record: Party | Relationship,
    record_type: str,
    subject: str,
    publication: dict,
    details: dict[str, Any],
) -> dict[str, Any]:
    statement: dict[str, Any] = {
        "statementId": str(uuid.uuid5(NAMESPACE, record.statement_id)),
        "declarationSubject": subject,
        "recordId": record.record_id,
        "recordType": record_type,
        "recordStatus": record.status,
        "recordDetails": details,
        "publicationDetails": publication,
    }
    if record.statement_date:
        statement["statementDate"] = record.statement_date
    return statement


def _party(party: Party, subject: str, publication: dict) -> dict[str, Any]:
    details: dict[str, Any] = {"isComponent": party.is_component}
    if party.identifiers:
        details["identifiers"] = party.identifiers
    unspecified = {
        "reason": party.unspecified_reason,
        **({"description": party.unspecified_description} if party.unspecified_description else {}),
    }
    if party.record_type == "entity":
        details["entityType"] = {"type": party.subtype or "unknownEntity"}
        if party.entity_subtype:
            details["entityType"]["subtype"] = party.entity_subtype
        if party.name:
            details["name"] = party.name
        alternates = [n["fullName"] for n in party.names if n.get("type") == "alternative"]
        if alternates:
            details["alternateNames"] = alternates
        if party.country:
            details["jurisdiction"] = place(party.country)
        if party.unspecified_reason:
            details["unspecifiedEntityDetails"] = unspecified
    else:
        details["personType"] = party.subtype or "unknownPerson"
        if party.names:
            details["names"] = party.names
        elif party.name:
            details["names"] = [{"type": "legal", "fullName": party.name}]
        if party.country:
            details["nationalities"] = [place(party.country)]
        if party.unspecified_reason:
            details["unspecifiedPersonDetails"] = unspecified
    return _statement(party, party.record_type, subject, publication, details)


def _relationship(relationship: Relationship, subject: str, publication: dict) -> dict[str, Any]:
    interested: Any = relationship.interested_party_record_id or {
        "reason": relationship.unspecified_reason or "unknown",
        "description": relationship.unspecified_description,
    }
    details: dict[str, Any] = {
        "isComponent": relationship.is_component,
        "subject": relationship.subject_record_id,
        "interestedParty": interested,
        "interests": [_interest(i) for i in relationship.interests.all()],
    }
    if relationship.component_records:
        details["componentRecords"] = relationship.component_records
    return _statement(relationship, "relationship", subject, publication, details)


def _interest(interest: Interest) -> dict[str, Any]:
    result: dict[str, Any] = {"type": interest.type} if interest.type else {}
    if interest.direct_or_indirect:
        result["directOrIndirect"] = interest.direct_or_indirect
    if interest.beneficial_ownership_or_control is not None:
        result["beneficialOwnershipOrControl"] = interest.beneficial_ownership_or_control
    if interest.share_min is not None and interest.share_min == interest.share_max:
        result["share"] = {"exact": interest.share_min}
    elif interest.share_min is not None or interest.share_max is not None:
        low = "exclusiveMinimum" if interest.min_exclusive else "minimum"
        high = "exclusiveMaximum" if interest.max_exclusive else "maximum"
        result["share"] = {
            key: value
            for key, value in ((low, interest.share_min), (high, interest.share_max))
            if value is not None
        }
    if interest.start_date:
        result["startDate"] = interest.start_date.isoformat()
    if interest.end_date:
        result["endDate"] = interest.end_date.isoformat()
    if interest.details:
        result["details"] = interest.details
    return result
