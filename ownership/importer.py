"""Import BODS 0.4 statements into ownership records, streaming and idempotently.

Reads a JSON array, JSON Lines, or a gzip of either, one batch at a time, so memory
stays flat on files of millions of statements. Each statement id is applied once: the
same file imported again changes nothing. A statement updates a record only if it is at
least as new as the statement the record holds. Invalid statements are reported with
their position and do not stop the rest.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from itertools import islice
from pathlib import Path
from typing import IO, Any

import ijson
from django.db import reset_queries, transaction
from django.utils import timezone

from ownership.bods import check_statements
from ownership.models import ImportedStatement, ImportRun, Interest, Party, Relationship

BATCH_SIZE = 1000
MAX_PROBLEMS_KEPT = 1000


class Unreadable:
    """A line or item that is not a JSON object; reported, not applied."""

    def __init__(self, message: str) -> None:
        self.message = message


def read_statements(path: str | Path) -> Iterator[tuple[int, Any]]:
    """(position, statement) for each statement of the file; positions count from 1."""
    raw: IO[bytes] = open(path, "rb")  # noqa: SIM115 - closed below, after streaming
    try:
        stream: Any
        if raw.read(2) == b"\x1f\x8b":
            raw.seek(0)
            stream = gzip.GzipFile(fileobj=raw)
        else:
            raw.seek(0)
            stream = raw
        buffered = io.BufferedReader(stream)
        first = buffered.peek(64).lstrip()[:1]
        if first == b"[":
            for position, item in enumerate(ijson.items(buffered, "item", use_float=True), 1):
                yield position, item
        else:
            for position, line in enumerate(buffered, 1):
                if not line.strip():
                    continue
                try:
                    yield position, json.loads(line)
                except json.JSONDecodeError as error:
                    yield position, Unreadable(f"Not JSON: {error.msg} (column {error.colno}).")
    finally:
        raw.close()


def import_file(
    path: str | Path,
    *,
    run: ImportRun | None = None,
    progress: Callable[[ImportRun], None] | None = None,
) -> ImportRun:
    return import_statements(read_statements(path), source=str(path), run=run, progress=progress)


def import_statements(
    statements: Iterable[tuple[int, Any]],
    *,
    source: str,
    namespace: str = "",
    run: ImportRun | None = None,
    progress: Callable[[ImportRun], None] | None = None,
) -> ImportRun:
    """Import statements; with a `namespace`, every statement and record id is prefixed
    with it (recordIds are unique only within one publisher, e.g. one filer).

    Progress is saved after every batch, so a run can be watched while it goes.
    """
    if run is None:
        run = ImportRun.objects.create(source=source)
    run.status = ImportRun.Status.RUNNING
    run.save(update_fields=["status"])
    iterator = iter(statements)
    while batch := list(islice(iterator, BATCH_SIZE)):
        _import_batch(batch, run, namespace)
        reset_queries()  # with DEBUG on, Django keeps every query: memory would grow
        run.save(update_fields=["read", "applied", "skipped", "problems"])
        if progress:
            progress(run)
    run.finished_at = timezone.now()
    run.status = ImportRun.Status.DONE
    run.save(update_fields=["finished_at", "status"])
    return run


def _import_batch(batch: list[tuple[int, Any]], run: ImportRun, namespace: str) -> None:
    run.read += len(batch)
    valid: list[tuple[int, dict[str, Any]]] = []
    for position, statement in batch:
        if isinstance(statement, Unreadable):
            _problem(run, position, None, [{"path": "", "message": statement.message}])
            continue
        problems = check_statements([statement], references=False)
        if problems:
            errors = [
                {"path": p.path.removeprefix("[0]").lstrip("."), "message": p.message}
                for p in problems
            ]
            statement_id = statement.get("statementId") if isinstance(statement, dict) else None
            _problem(run, position, statement_id, errors)
            continue
        # Checked as the filer wrote it; stored under the namespace.
        valid.append((position, namespaced(statement, namespace) if namespace else statement))

    with transaction.atomic():
        ids = [s["statementId"] for _, s in valid]
        seen = set(
            ImportedStatement.objects.filter(statement_id__in=ids).values_list(
                "statement_id", flat=True
            )
        )
        fresh: list[dict[str, Any]] = []
        for _, statement in valid:
            if statement["statementId"] in seen:
                run.skipped += 1
            else:
                seen.add(statement["statementId"])
                fresh.append(statement)
        # Older statements first, so the newest statement about a record wins.
        fresh.sort(key=lambda s: str(s.get("statementDate", "")))
        _apply_parties([s for s in fresh if s["recordType"] in ("entity", "person")])
        _apply_relationships([s for s in fresh if s["recordType"] == "relationship"])
        ImportedStatement.objects.bulk_create(
            [
                ImportedStatement(statement_id=s["statementId"], record_id=s["recordId"])
                for s in fresh
            ]
        )
        run.applied += len(fresh)


def namespaced(statement: Any, namespace: str) -> Any:
    """The statement with its statement and record ids, and the ids it points at, prefixed."""
    if not isinstance(statement, dict):
        return statement

    def prefix(value: Any) -> Any:
        return f"{namespace}/{value}" if isinstance(value, str) else value

    copy = dict(statement)
    for key in ("statementId", "recordId", "declarationSubject"):
        copy[key] = prefix(copy.get(key))
    details = copy.get("recordDetails")
    if copy.get("recordType") == "relationship" and isinstance(details, dict):
        details = dict(details)
        for key in ("subject", "interestedParty"):
            details[key] = prefix(details.get(key))
        if isinstance(details.get("componentRecords"), list):
            details["componentRecords"] = [prefix(r) for r in details["componentRecords"]]
        copy["recordDetails"] = details
    return copy


def _problem(run: ImportRun, position: int, statement_id: Any, errors: list[dict]) -> None:
    if len(run.problems) < MAX_PROBLEMS_KEPT:
        run.problems.append({"position": position, "statement_id": statement_id, "errors": errors})


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
    party.identifiers = details.get("identifiers", [])
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
    relationship.component_records = details.get("componentRecords", [])
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
    return Interest(
        relationship=relationship,
        type=str(interest.get("type", "unknownInterest")),
        direct_or_indirect=str(interest.get("directOrIndirect", "")),
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
