"""Import BODS 0.4 statements into ownership records, streaming and idempotently.

Reads a JSON array, JSON Lines, or a gzip of either, one batch at a time, so memory
stays flat on files of millions of statements. Each statement id is applied once: the
same file imported again changes nothing. A statement updates a record only if it is at
least as new as the statement the record holds. Invalid statements are reported with
their position and do not stop the rest.

On PostgreSQL a JSON Lines file is not parsed in Python at all: PostgreSQL reads each
chunk of lines with COPY, checks and merges it in SQL (`import_postgres.py`), and Python looks
only at the statements the SQL check does not accept outright. JSON arrays and the
statements of filings are parsed and checked in Python, then merged by the same SQL.
Other databases (the demo's SQLite) write through the ORM by the same rules.
"""

from __future__ import annotations

import gzip
import io
import json
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

import ijson
from django.db import DataError, connection, reset_queries, transaction
from django.utils import timezone

from core.pure import jsonbody
from ownership import import_orm, import_postgres
from ownership.models import ImportRun
from ownership.pure.bods_checks import Problem, check_statements

BATCH_SIZE = 1000  # statements parsed in Python (JSON arrays, filings)
CHUNK_SIZE = 20_000  # JSON lines that PostgreSQL parses, per transaction
MAX_PROBLEMS_KEPT = 1000
T = TypeVar("T")


class Unreadable:
    """A line or item that is not a JSON object; reported, not applied."""

    def __init__(self, message: str) -> None:
        self.message = message


def read_statements(path: str | Path) -> Iterator[tuple[int, Any]]:
    """(position, statement) for each statement of the file; positions count from 1."""
    with _open(path) as stream:
        if _starts_array(stream):
            for position, item in enumerate(ijson.items(stream, "item", use_float=True), 1):
                yield position, item
        else:
            for position, line in enumerate(stream, 1):
                if line.strip():
                    yield position, _parsed(line)


@contextmanager
def _open(path: str | Path) -> Iterator[io.BufferedReader]:
    """The file's bytes, un-gzipped if it is a gzip."""
    with open(path, "rb") as raw:
        gzipped = raw.read(2) == b"\x1f\x8b"
        raw.seek(0)
        stream: Any = gzip.GzipFile(fileobj=raw) if gzipped else raw
        yield io.BufferedReader(stream)


def import_file(
    path: str | Path,
    *,
    run: ImportRun | None = None,
    progress: Callable[[ImportRun], None] | None = None,
) -> ImportRun:
    if connection.vendor != "postgresql" or _is_json_array(path):
        return import_statements(
            read_statements(path), source=str(path), run=run, progress=progress
        )
    run = _start(run, source=str(path))
    chunks = _chunks(_raw_lines(path), CHUNK_SIZE)
    if connection.in_atomic_block:
        # Other connections cannot see a caller's open transaction: one thing at a time.
        for chunk in chunks:
            with transaction.atomic():
                stage = import_postgres.Stage()
                tally = _staged_lines(stage, chunk)
                _merged(stage, tally, run, progress)
    else:
        _pipelined(chunks, run, progress)
    return _finished(run)


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
    run = _start(run, source=source)
    for batch in _chunks(iter(statements), BATCH_SIZE):
        tally = Tally(read=len(batch))
        valid = _checked(batch, tally.problems)
        if namespace:  # checked as the filer wrote it; stored under the namespace
            valid = [(position, namespaced(s, namespace)) for position, s in valid]
        with transaction.atomic():
            if connection.vendor == "postgresql":
                stage = import_postgres.Stage()
                _stage_statements(stage, valid)
                tally.repeated = stage.drop_repeated()
                _merged(stage, tally, run, progress)
            else:
                reused = import_orm.reused(valid)
                for position, statement_id, other in reused:
                    _problem(tally.problems, position, statement_id, [_reuse(statement_id, other)])
                refused = {position for position, _, _ in reused}
                valid = [(position, s) for position, s in valid if position not in refused]
                applied, skipped = import_orm.apply([statement for _, statement in valid])
                _count(run, tally, applied, skipped)
                _saved(run, progress)
    return _finished(run)


@dataclass
class Tally:
    """What staging one chunk found, before it is merged."""

    read: int
    repeated: int = 0  # statement ids already earlier in the chunk
    problems: list[dict[str, Any]] = field(default_factory=list)


def _pipelined(
    chunks: Iterator[list[tuple[int, bytes]]],
    run: ImportRun,
    progress: Callable[[ImportRun], None] | None,
) -> None:
    """A second connection, in a thread, copies and checks chunk n + 1 while this one
    merges chunk n: PostgreSQL works on both of the machine's cores instead of one.
    Chunks are merged in file order, so the later of two same-day statements wins."""
    tables = [f"{import_postgres.STAGE}_{run.pk}_{slot}" for slot in (0, 1)]
    for table in tables:
        import_postgres.create_shared(table)
    free = [threading.Semaphore(1) for _ in tables]
    staged: queue.Queue[tuple[int, Tally] | BaseException | None] = queue.Queue()
    stop = threading.Event()

    def stage_chunks() -> None:
        try:
            for number, chunk in enumerate(chunks):
                slot = number % len(tables)
                while not free[slot].acquire(timeout=1):
                    if stop.is_set():
                        return
                with transaction.atomic():
                    tally = _staged_lines(import_postgres.Stage(tables[slot]), chunk)
                staged.put((slot, tally))
            staged.put(None)
        except BaseException as error:  # handed to the merging thread, which raises it
            staged.put(error)
        finally:
            connection.close()  # this thread's own connection

    worker = threading.Thread(target=stage_chunks, name=f"import-{run.pk}", daemon=True)
    worker.start()
    try:
        while (item := staged.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            slot, tally = item
            with transaction.atomic():
                stage = import_postgres.Stage(tables[slot])
                _merged(stage, tally, run, progress)
                stage.empty()
            free[slot].release()
    finally:
        stop.set()
        worker.join()
        for table in tables:
            import_postgres.drop_shared(table)


def _staged_lines(stage: import_postgres.Stage, chunk: list[tuple[int, bytes]]) -> Tally:
    """Stage raw JSON lines: PostgreSQL reads and checks them, and Python looks only at
    the statements the SQL check does not accept outright."""
    tally = Tally(read=len(chunk))
    stage.empty()
    try:
        with transaction.atomic():
            stage.copy([import_postgres.copy_line(position, line) for position, line in chunk])
    except DataError:
        # Some line is not JSON PostgreSQL can store: read this chunk line by line.
        parsed = [(position, _parsed(line)) for position, line in chunk]
        _stage_statements(stage, _checked(parsed, tally.problems))
    else:
        refused = stage.refused()
        if refused:
            recheck = [(position, _parsed(text)) for position, text in stage.statements(refused)]
            valid = {position for position, _ in _checked(recheck, tally.problems)}
            stage.drop([position for position in refused if position not in valid])
    tally.repeated = stage.drop_repeated()
    return tally


def _stage_statements(
    stage: import_postgres.Stage, valid: list[tuple[int, dict[str, Any]]]
) -> None:
    stage.copy(
        [
            import_postgres.copy_line(position, json.dumps(statement, ensure_ascii=False).encode())
            for position, statement in valid
        ]
    )


def _merged(
    stage: import_postgres.Stage,
    tally: Tally,
    run: ImportRun,
    progress: Callable[[ImportRun], None] | None,
) -> None:
    applied, skipped, reused = stage.merge()
    for position, statement_id, other in reused:
        _problem(tally.problems, position, statement_id, [_reuse(statement_id, other)])
    _count(run, tally, applied, skipped)
    _saved(run, progress)  # progress committed with the chunk it counts


def _count(run: ImportRun, tally: Tally, applied: int, skipped: int) -> None:
    run.read += tally.read
    run.applied += applied
    run.skipped += skipped + tally.repeated
    run.problems.extend(tally.problems[: max(0, MAX_PROBLEMS_KEPT - len(run.problems))])


def _start(run: ImportRun | None, *, source: str) -> ImportRun:
    if run is None:
        run = ImportRun.objects.create(source=source)
    run.status = ImportRun.Status.RUNNING
    run.save(update_fields=["status"])
    return run


def _saved(run: ImportRun, progress: Callable[[ImportRun], None] | None) -> None:
    reset_queries()  # with DEBUG on, Django keeps every query: memory would grow
    run.save(update_fields=["read", "applied", "skipped", "problems"])
    if progress:
        progress(run)


def _finished(run: ImportRun) -> ImportRun:
    run.finished_at = timezone.now()
    run.status = ImportRun.Status.DONE
    run.save(update_fields=["finished_at", "status"])
    return run


def _chunks(items: Iterator[T], size: int) -> Iterator[list[T]]:
    while chunk := list(islice(items, size)):
        yield chunk


def _is_json_array(path: str | Path) -> bool:
    with _open(path) as stream:
        return _starts_array(stream)


def _starts_array(stream: io.BufferedReader) -> bool:
    return stream.peek(64).lstrip()[:1] == b"["


def _raw_lines(path: str | Path) -> Iterator[tuple[int, bytes]]:
    """(line number, line) for each line of a JSON Lines file that is not blank."""
    with _open(path) as stream:
        for position, line in enumerate(stream, 1):
            line = line.rstrip(b"\r\n")
            if line.strip():
                yield position, line


def _parsed(line: bytes | str) -> Any:
    # Through the bounded reader (docs/security.md): deep nesting, NaN, 5,000-digit numbers
    # and bad UTF-8 are each a problem of that line, never a crash of the import.
    try:
        return jsonbody.loads(line)
    except jsonbody.JsonBodyError as error:
        return Unreadable(str(error))


def _checked(
    batch: list[tuple[int, Any]], problems: list[dict[str, Any]]
) -> list[tuple[int, dict[str, Any]]]:
    """The statements that pass the BODS checks; the others are added to `problems`."""
    valid: list[tuple[int, dict[str, Any]]] = []
    for position, statement in batch:
        if isinstance(statement, Unreadable):
            _problem(problems, position, None, [{"path": "", "message": statement.message}])
            continue
        found = check_statements([statement], references=False) or _unstorable(statement)
        if found:
            errors = [
                {"path": p.path.removeprefix("[0]").lstrip("."), "message": p.message}
                for p in found
            ]
            statement_id = statement.get("statementId") if isinstance(statement, dict) else None
            _problem(problems, position, statement_id, errors)
            continue
        valid.append((position, statement))
    return valid


def _unstorable(statement: dict[str, Any]) -> list[Problem]:
    """What JSON allows Python to read but PostgreSQL cannot store."""
    try:
        json.dumps(statement, ensure_ascii=False, allow_nan=False).encode()
    except ValueError as error:  # NaN or Infinity, or a lone surrogate (UnicodeError)
        return [Problem("", f"Cannot be stored: {error}.")]
    return []


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


def _reuse(statement_id: str, other: str) -> dict[str, str]:
    return {
        "path": "statementId",
        "message": f"{statement_id!r} is already the id of a statement about record "
        f"{other!r}: a statement id names one statement of one record.",
    }


def _problem(
    problems: list[dict[str, Any]], position: int, statement_id: Any, errors: list[dict]
) -> None:
    if len(problems) < MAX_PROBLEMS_KEPT:
        if isinstance(statement_id, str):
            # Shown back to the filer, so storable: no NUL, no lone surrogate.
            statement_id = statement_id.replace("\x00", "\ufffd").encode(errors="replace").decode()
        else:
            statement_id = None
        problems.append({"position": position, "statement_id": statement_id, "errors": errors})
