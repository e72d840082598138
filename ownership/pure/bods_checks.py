"""Structural checks of BODS 0.4 statements, before anything is stored.

A pure module (no Django): `check_statements(list)` returns every problem with the
JSON path where it was found, so a filer can fix them all at once. It checks what the
ownership engine relies on — record types, interest types, shares 0–100 with sane
bounds, dates, and that every relationship points at a record in the same package —
not every optional field of the schema (the official validator does that in tests).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeGuard

RECORD_TYPES = {"entity", "person", "relationship"}
RECORD_STATUSES = {"new", "updated", "closed"}
ENTITY_TYPES = {
    "registeredEntity",
    "legalEntity",
    "arrangement",
    "anonymousEntity",
    "unknownEntity",
    "state",
    "stateBody",
}
PERSON_TYPES = {"knownPerson", "anonymousPerson", "unknownPerson"}
INTEREST_TYPES = {
    "shareholding",
    "votingRights",
    "appointmentOfBoard",
    "otherInfluenceOrControl",
    "seniorManagingOfficial",
    "settlor",
    "trustee",
    "protector",
    "beneficiaryOfLegalArrangement",
    "rightsToSurplusAssetsOnDissolution",
    "rightsToProfitOrIncome",
    "rightsGrantedByContract",
    "conditionalRightsGrantedByContract",
    "controlViaCompanyRulesOrArticles",
    "controlByLegalFramework",
    "boardMember",
    "boardChair",
    "unknownInterest",
    "unpublishedInterest",
    "enjoymentAndUseOfAssets",
    "rightToProfitOrIncomeFromAssets",
    "nominee",
    "nominator",
}
DIRECT_OR_INDIRECT = {"direct", "indirect", "unknown"}
UNSPECIFIED_REASONS = {
    "noBeneficialOwners",
    "subjectUnableToConfirmOrIdentifyBeneficialOwner",
    "interestedPartyHasNotProvidedInformation",
    "subjectExemptFromDisclosure",
    "interestedPartyExemptFromDisclosure",
    "unknown",
    "informationUnknownToPublisher",
}
SHARE_KEYS = {"exact", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"}


@dataclass(frozen=True)
class Problem:
    path: str
    message: str


# BODS dates are ISO 8601 calendar dates, or date-times; not the other forms Python's
# fromisoformat also reads (20260101, 2026-W01-1), which the database would refuse.
_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}(T.+)?", re.ASCII)
MAX_RECORD_ID = 255  # stored ids get a namespace prefix; the columns hold 300


def _is_date(value: Any) -> TypeGuard[str]:
    if not isinstance(value, str) or not _DATE_SHAPE.fullmatch(value):
        return False
    try:
        if "T" in value:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
        else:
            date.fromisoformat(value)
    except ValueError:
        return False
    return True


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def require_string(self, obj: dict[str, Any], key: str, path: str) -> str | None:
        value = obj.get(key)
        if value is None:
            self.add(f"{path}.{key}", "This field is required.")
            return None
        if not isinstance(value, str) or not value.strip():
            self.add(f"{path}.{key}", "Must be a non-empty string.")
            return None
        return value

    def check_enum(self, value: Any, allowed: set[str], path: str) -> None:
        if value not in allowed:
            self.add(path, f"{value!r} is not one of: {', '.join(sorted(allowed))}.")

    def check_date(self, obj: dict[str, Any], key: str, path: str) -> None:
        if key in obj and not _is_date(obj[key]):
            self.add(f"{path}.{key}", "Must be a date (YYYY-MM-DD) or date-time.")


def check_statements(statements: Any, *, references: bool = True) -> list[Problem]:
    """Every structural problem of a BODS 0.4 package (a list of statements).

    `references=False` checks statements one by one, as an importer streaming a large
    file must: what they point at may come later or may already be stored.
    """
    checker = _Checker()
    if not isinstance(statements, list):
        checker.add("", "Must be a JSON array of BODS 0.4 statements.")
        return checker.problems

    record_types: dict[str, str] = {}
    statement_ids: set[str] = set()
    relationships: list[tuple[int, dict[str, Any]]] = []
    for index, statement in enumerate(statements):
        path = f"[{index}]"
        if not isinstance(statement, dict):
            checker.add(path, "Each statement must be a JSON object.")
            continue
        _check_no_nul(checker, statement, path)
        statement_id = checker.require_string(statement, "statementId", path)
        if statement_id is not None:
            if not 32 <= len(statement_id) <= 64:
                checker.add(f"{path}.statementId", "Must be 32 to 64 characters long.")
            if statement_id in statement_ids:
                checker.add(f"{path}.statementId", "Appears more than once in this package.")
            statement_ids.add(statement_id)
        checker.require_string(statement, "declarationSubject", path)
        record_id = checker.require_string(statement, "recordId", path)
        if record_id is not None and len(record_id) > MAX_RECORD_ID:
            checker.add(f"{path}.recordId", f"At most {MAX_RECORD_ID} characters.")
        record_type = statement.get("recordType")
        checker.check_enum(record_type, RECORD_TYPES, f"{path}.recordType")
        if "recordStatus" in statement:
            checker.check_enum(statement["recordStatus"], RECORD_STATUSES, f"{path}.recordStatus")
        checker.check_date(statement, "statementDate", path)
        details = statement.get("recordDetails")
        if not isinstance(details, dict):
            checker.add(f"{path}.recordDetails", "Must be an object.")
            continue
        if record_id is not None and isinstance(record_type, str):
            record_types.setdefault(record_id, record_type)
        details_path = f"{path}.recordDetails"
        if "isComponent" in details and not isinstance(details["isComponent"], bool):
            checker.add(f"{details_path}.isComponent", "Must be true or false.")
        if record_type == "entity":
            _check_entity(checker, details, details_path)
        elif record_type == "person":
            _check_person(checker, details, details_path)
        elif record_type == "relationship":
            _check_relationship(checker, details, details_path)
            relationships.append((index, details))

    for index, details in relationships if references else []:
        path = f"[{index}].recordDetails"
        _check_reference(checker, details.get("subject"), f"{path}.subject", record_types)
        _check_reference(
            checker, details.get("interestedParty"), f"{path}.interestedParty", record_types
        )
        components = details.get("componentRecords")
        if components is not None:
            if not isinstance(components, list) or not all(isinstance(c, str) for c in components):
                checker.add(f"{path}.componentRecords", "Must be a list of recordId strings.")
            else:
                for position, component in enumerate(components):
                    if component not in record_types:
                        checker.add(
                            f"{path}.componentRecords[{position}]",
                            f"No record {component!r} in this package.",
                        )
    return checker.problems


def _check_no_nul(checker: _Checker, value: Any, path: str) -> None:
    """U+0000 is not text, and PostgreSQL cannot store it in JSON."""
    if isinstance(value, str):
        if "\x00" in value:
            checker.add(path, "Contains a NUL character (U+0000).")
    elif isinstance(value, dict):
        for key, item in value.items():
            if "\x00" in key:
                checker.add(path, "A field name contains a NUL character (U+0000).")
            else:
                _check_no_nul(checker, item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_no_nul(checker, item, f"{path}[{index}]")


def _check_entity(checker: _Checker, details: dict[str, Any], path: str) -> None:
    entity_type = details.get("entityType")
    if not isinstance(entity_type, dict):
        checker.add(f"{path}.entityType", "Must be an object with a `type`.")
    else:
        checker.check_enum(entity_type.get("type"), ENTITY_TYPES, f"{path}.entityType.type")
    if entity_type and entity_type.get("type") not in {"anonymousEntity", "unknownEntity"}:
        checker.require_string(details, "name", path)
    jurisdiction = details.get("jurisdiction")
    if jurisdiction is not None:
        code = jurisdiction.get("code") if isinstance(jurisdiction, dict) else None
        if code is not None and not (isinstance(code, str) and len(code) in (2, 5, 6)):
            checker.add(f"{path}.jurisdiction.code", "Must be an ISO 3166-1 or 3166-2 code.")
    _check_identifiers(checker, details, path)


def _check_person(checker: _Checker, details: dict[str, Any], path: str) -> None:
    checker.check_enum(details.get("personType"), PERSON_TYPES, f"{path}.personType")
    if details.get("personType") == "knownPerson":
        names = details.get("names")
        if not isinstance(names, list) or not names:
            checker.add(f"{path}.names", "A known person needs at least one name.")
    _check_identifiers(checker, details, path)


def _check_identifiers(checker: _Checker, details: dict[str, Any], path: str) -> None:
    identifiers = details.get("identifiers")
    if identifiers is None:
        return
    if not isinstance(identifiers, list):
        checker.add(f"{path}.identifiers", "Must be a list.")
        return
    for position, identifier in enumerate(identifiers):
        if not isinstance(identifier, dict) or not identifier.get("id"):
            checker.add(f"{path}.identifiers[{position}]", "Each identifier needs an `id`.")


def _check_relationship(checker: _Checker, details: dict[str, Any], path: str) -> None:
    for key in ("subject", "interestedParty"):
        if key not in details:
            checker.add(f"{path}.{key}", "This field is required.")
        elif isinstance(details[key], str) and len(details[key]) > MAX_RECORD_ID:
            checker.add(f"{path}.{key}", f"At most {MAX_RECORD_ID} characters.")
    interests = details.get("interests", [])
    if not isinstance(interests, list):
        checker.add(f"{path}.interests", "Must be a list.")
        return
    for position, interest in enumerate(interests):
        interest_path = f"{path}.interests[{position}]"
        if not isinstance(interest, dict):
            checker.add(interest_path, "Each interest must be an object.")
            continue
        if "type" in interest:  # optional in BODS 0.4: an interest of unknown nature
            checker.check_enum(interest["type"], INTEREST_TYPES, f"{interest_path}.type")
        if "directOrIndirect" in interest:
            checker.check_enum(
                interest["directOrIndirect"],
                DIRECT_OR_INDIRECT,
                f"{interest_path}.directOrIndirect",
            )
        checker.check_date(interest, "startDate", interest_path)
        checker.check_date(interest, "endDate", interest_path)
        start, end = interest.get("startDate"), interest.get("endDate")
        if _is_date(start) and _is_date(end) and end < start:
            checker.add(f"{interest_path}.endDate", "Ends before it starts.")
        if "share" in interest:
            _check_share(checker, interest["share"], f"{interest_path}.share")


def _check_share(checker: _Checker, share: Any, path: str) -> None:
    if not isinstance(share, dict):
        checker.add(path, "Must be an object with exact, minimum or maximum.")
        return
    for key in SHARE_KEYS & share.keys():
        value = share[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            checker.add(f"{path}.{key}", "Must be a number.")
        elif not 0 <= value <= 100:
            checker.add(f"{path}.{key}", f"{value} is outside 0–100.")
    if "exact" in share and ({"minimum", "maximum"} & share.keys()):
        checker.add(path, "Give either `exact` or bounds, not both.")
    low = share.get("minimum", share.get("exclusiveMinimum"))
    high = share.get("maximum", share.get("exclusiveMaximum"))
    if isinstance(low, int | float) and isinstance(high, int | float) and low > high:
        checker.add(path, f"The lower bound {low} is above the upper bound {high}.")


def _check_reference(
    checker: _Checker, value: Any, path: str, record_types: dict[str, str]
) -> None:
    if value is None:
        return
    if isinstance(value, str):
        record_type = record_types.get(value)
        if record_type is None:
            checker.add(path, f"No entity or person record {value!r} in this package.")
        elif record_type == "relationship":
            checker.add(path, "Must point at an entity or person, not a relationship.")
        return
    if isinstance(value, dict):
        # An unspecified party: BODS 0.4 says why the owner is not named.
        checker.check_enum(value.get("reason"), UNSPECIFIED_REASONS, f"{path}.reason")
        return
    checker.add(path, "Must be a recordId or an unspecified-record object with a `reason`.")


def records_of_type(statements: list[dict[str, Any]], record_type: str) -> set[str]:
    return {
        s["recordId"]
        for s in statements
        if isinstance(s, dict) and s.get("recordType") == record_type and "recordId" in s
    }
