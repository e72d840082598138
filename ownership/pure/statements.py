"""Build BODS 0.4 statements from plain arguments (demo data, tests, exports).

Statement ids are derived from the content (UUID 5), so building the same package
twice gives the same ids: re-importing it changes nothing.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from core.pure.codes import country_name

NAMESPACE = uuid.UUID("0f8e7d5c-2b1a-4c3d-9e8f-7a6b5c4d3e2f")
PUBLICATION = {
    "publicationDate": "2026-01-01",
    "bodsVersion": "0.4",
    "publisher": {"name": "Filer (self-declaration)"},
}


def place(code: str) -> dict[str, str]:
    """A BODS jurisdiction or nationality: the schema wants the name beside the code."""
    return {"name": country_name(code) or code, "code": code}


def _statement(
    record_id: str, record_type: str, details: dict[str, Any], *, subject: str, date: str
) -> dict[str, Any]:
    body = {"recordId": record_id, "recordType": record_type, "recordDetails": details}
    statement_id = str(uuid.uuid5(NAMESPACE, json.dumps(body, sort_keys=True) + date))
    return {
        "statementId": statement_id,
        "declarationSubject": subject,
        "statementDate": date,
        "recordId": record_id,
        "recordType": record_type,
        "recordStatus": "new",
        "recordDetails": details,
        "publicationDetails": PUBLICATION,
        "source": {"type": ["selfDeclaration"]},
    }


def entity(
    record_id: str,
    name: str,
    country: str,
    *,
    subject: str,
    entity_type: str = "registeredEntity",
    lei: str | None = None,
    register: tuple[str, str] | None = None,
    date: str = "2026-01-01",
) -> dict[str, Any]:
    identifiers = []
    if lei:
        identifiers.append({"id": lei, "scheme": "XI-LEI", "schemeName": "Global LEI Index"})
    if register:
        identifiers.append({"scheme": register[0], "id": register[1]})
    details: dict[str, Any] = {
        "isComponent": False,
        "entityType": {"type": entity_type},
        "name": name,
        "jurisdiction": place(country),
    }
    if identifiers:
        details["identifiers"] = identifiers
    return _statement(record_id, "entity", details, subject=subject, date=date)


def person(
    record_id: str, name: str, nationality: str, *, subject: str, date: str = "2026-01-01"
) -> dict[str, Any]:
    details = {
        "isComponent": False,
        "personType": "knownPerson",
        "names": [{"type": "legal", "fullName": name}],
        "nationalities": [place(nationality)],
    }
    return _statement(record_id, "person", details, subject=subject, date=date)


def interest(
    kind: str = "shareholding",
    *,
    exact: float | None = None,
    minimum: float | None = None,
    maximum: float | None = None,
    start: str | None = None,
    end: str | None = None,
    direct: bool = True,
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "type": kind,
        "directOrIndirect": "direct" if direct else "indirect",
        "beneficialOwnershipOrControl": False,
    }
    share = {
        key: value
        for key, value in (("exact", exact), ("minimum", minimum), ("maximum", maximum))
        if value is not None
    }
    if share:
        result["share"] = share
    if start:
        result["startDate"] = start
    if end:
        result["endDate"] = end
    return result


def owns(
    record_id: str,
    owner: str | dict[str, Any],
    owned: str,
    *interests: dict[str, Any],
    subject: str,
    percent: float | None = None,
    date: str = "2026-01-01",
) -> dict[str, Any]:
    """`owner` holds `owned`: by default `percent` of shares and votes."""
    if not interests:
        interests = (
            interest("shareholding", exact=percent),
            interest("votingRights", exact=percent),
        )
    details = {
        "isComponent": False,
        "subject": owned,
        "interestedParty": owner,
        "interests": list(interests),
    }
    return _statement(record_id, "relationship", details, subject=subject, date=date)


def unspecified(reason: str, description: str = "") -> dict[str, Any]:
    return {"reason": reason, "description": description}
