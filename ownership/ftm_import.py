"""Import FollowTheMoney lists (OpenSanctions' exports) into watch-list entities.

A file is JSON lines, plain or gzip: either a full list, one entity a line, or a delta,
one operation a line (`{"op": "ADD"|"MOD"|"DEL", "entity": {...}}`, as yente reads
them); its first line says which. The import streams in batches, one transaction each,
so memory stays flat in the size of the list, and the run (`WatchlistImport`) counts
what it did after every batch:

- An entity is stored with a hash of what it is stored from: an unchanged entity is not
  rewritten, so importing the same list again writes nothing.
- Entities of schemas that name no party (Ownership, Sanction, Address, ...) are skipped
  and counted; a line that is not JSON, or has no id or schema, is refused with its line
  number; neither stops the rest.
- A full list marks the entities it does not hold as removed (`removed_at`; reviewers'
  decisions about them stay); a delta removes only by DEL. An entity listed again comes
  back.
- When the import has finished, `ownership.signals.watchlist_imported` is sent after the
  commit (the reviews app re-screens the open cases on it).
- A stored entity's blocking keys are written with it, and each key's document frequency
  (with the word of a name's word key) kept up to date, and each new word filed under
  its spellings for the spelling net (`name_search`): COPY and upserts a batch on
  PostgreSQL.
"""

# ruff: noqa: S608 - the SQL here is built from table names of this module's models and
# constants; values travel as query parameters or COPY data.
from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeGuard

from django.db import DatabaseError, connection, reset_queries, transaction
from django.utils import timezone

from ownership.bods_import import Unreadable, read_statements
from ownership.models import (
    WatchlistEntity,
    WatchlistImport,
    WatchlistKey,
    WatchlistKeyFrequency,
    WatchlistSpelling,
)
from ownership.name_search import SHORTEST_WORD, keys_of, listed_named, spellings
from ownership.pure.matching import identifier
from ownership.signals import watchlist_imported

logger = logging.getLogger(__name__)

BATCH_SIZE = 2000
MAX_PROBLEMS_KEPT = 1000
# Bump when what is read from an entity changes (a property, a blocking key): the next
# import then stores every entity again instead of finding it unchanged.
DERIVATION = "1"

PARTY_SCHEMAS = frozenset(
    {"Person", "LegalEntity", "Company", "Organization", "PublicBody", "Vessel", "Airplane"}
)
NAME_PROPERTIES = ("name", "alias", "previousName")
WEAK_NAME_PROPERTIES = ("weakAlias",)
COUNTRY_PROPERTIES = ("country", "jurisdiction", "nationality", "mainCountry", "citizenship")
# FtM property -> the identifier format `matching.identifier` normalises it as ("id": a
# registration or other number, compared as written without spaces and punctuation).
IDENTIFIER_PROPERTIES = {
    "leiCode": "lei",
    "ogrnCode": "ogrn",
    "innCode": "inn",
    "imoNumber": "imo",
    "isin": "isin",
    "isinCode": "isin",
    "swiftBic": "bic",
    "uscCode": "uscc",
    "registrationNumber": "id",
    "taxNumber": "id",
    "idNumber": "id",
}
OPERATIONS = ("ADD", "MOD", "DEL")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")


@dataclass(frozen=True)
class Operation:
    """A line that stores an entity (`entity` given) or removes one (`entity` None)."""

    line: int
    entity_id: str
    entity: WatchlistEntity | None


@dataclass(frozen=True)
class Refused:
    line: int
    message: str


class Skipped:
    """A line about something that is not a party (an Ownership, a Sanction, ...)."""


Line = Operation | Refused | Skipped


def import_ftm(path: str | Path, *, run: WatchlistImport | None = None) -> WatchlistImport:
    """Import a FtM list or delta; the run records counts, problems and failure."""
    run = run or WatchlistImport.objects.create(source=str(path))
    try:
        with _seen_ids() as seen:
            for batch in _batches(_lines(path, run)):
                with transaction.atomic():
                    _apply(batch, run)
                    seen.add([line.entity_id for line in batch if isinstance(line, Operation)])
                    _saved(run)
            if run.kind == WatchlistImport.Kind.FULL and seen.any():
                _remove_absent(run)
        _refresh_statistics()
    except Exception as error:  # the run says why it stopped, for whoever watches it
        run.status = WatchlistImport.Status.FAILED
        run.error = f"{type(error).__name__}: {error}"
        run.finished_at = timezone.now()
        run.save()
        raise
    run.listed = WatchlistEntity.objects.filter(removed_at__isnull=True).count()
    run.status = WatchlistImport.Status.DONE
    run.finished_at = timezone.now()
    run.save()
    transaction.on_commit(
        partial(watchlist_imported.send, sender=WatchlistImport, watchlist_import=run)
    )
    return run


def _refresh_statistics() -> None:
    """Tell PostgreSQL what the import wrote before anyone screens against it: right
    after importing 1,000,000 entities, the retrieval took 52 ms a name; after VACUUM
    ANALYZE, 23 ms (the planner's estimates, and index-only reads of the keys). VACUUM
    cannot run inside a transaction (the tests'): ANALYZE alone then. Only speed depends
    on it: a failure (a lock or statement timeout) is logged, and the import stands."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(
        model._meta.db_table
        for model in (WatchlistEntity, WatchlistKey, WatchlistKeyFrequency, WatchlistSpelling)
    )
    in_transaction = connection.in_atomic_block or not connection.get_autocommit()
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"{'ANALYZE' if in_transaction else 'VACUUM (ANALYZE)'} {tables}")
    except DatabaseError:
        if in_transaction:
            raise  # the transaction is aborted: the caller's to handle
        logger.warning("Refreshing the statistics after a list import failed", exc_info=True)


# --- reading -----------------------------------------------------------------------------


def _lines(path: str | Path, run: WatchlistImport) -> Iterator[Line]:
    """Each line of the file read as an operation; the first JSON object says whether the
    file is a delta (it has "op") or a full list."""
    kind = None
    for number, item in read_statements(path):
        if kind is None and isinstance(item, dict):
            kind = WatchlistImport.Kind.DELTA if "op" in item else WatchlistImport.Kind.FULL
            run.kind = kind
        yield _line(number, item, delta=kind == WatchlistImport.Kind.DELTA)


def _line(number: int, item: Any, *, delta: bool) -> Line:
    if isinstance(item, Unreadable):
        return Refused(number, item.message)
    if not isinstance(item, dict):
        return Refused(number, "Not a JSON object.")
    if not delta:
        if "op" in item:
            return Refused(number, "A delta operation in a full list.")
        return _stored(number, item)
    op, entity = item.get("op"), item.get("entity")
    if op not in OPERATIONS:
        return Refused(number, f"'op' is {op!r}: expected one of {', '.join(OPERATIONS)}.")
    if not isinstance(entity, dict):
        return Refused(number, "'entity' is not a JSON object.")
    if op != "DEL":
        return _stored(number, entity)
    entity_id = entity.get("id")
    if not _is_id(entity_id):
        return Refused(number, "The entity has no 'id' (a string of 1 to 300 characters).")
    if isinstance(entity.get("schema"), str) and entity["schema"] not in PARTY_SCHEMAS:
        return Skipped()
    return Operation(number, entity_id, None)


def _stored(number: int, entity: dict[str, Any]) -> Line:
    entity_id, schema = entity.get("id"), entity.get("schema")
    if not _is_id(entity_id):
        return Refused(number, "The entity has no 'id' (a string of 1 to 300 characters).")
    if not isinstance(schema, str) or not schema:
        return Refused(number, "The entity has no 'schema'.")
    if schema not in PARTY_SCHEMAS:
        return Skipped()
    if not isinstance(entity.get("properties", {}), dict):
        return Refused(number, "'properties' is not a JSON object.")
    return Operation(number, entity_id, _entity(entity))


def _is_id(value: Any) -> TypeGuard[str]:
    return isinstance(value, str) and 0 < len(value) <= 300


def _entity(entity: dict[str, Any]) -> WatchlistEntity:
    properties = entity.get("properties") or {}

    def values(*keys: str) -> list[str]:
        found = [str(v) for key in keys for v in _as_list(properties.get(key)) if str(v).strip()]
        return list(dict.fromkeys(found))

    names = values(*NAME_PROPERTIES)
    identifiers = sorted(
        {
            found
            for prop, fmt in IDENTIFIER_PROPERTIES.items()
            for value in values(prop)
            if (found := identifier(fmt, value))
        }
    )
    datasets = [d for d in _as_list(entity.get("datasets")) if isinstance(d, str)]
    topics = values("topics") + [t for t in _as_list(entity.get("topics")) if isinstance(t, str)]
    caption = entity.get("caption") if isinstance(entity.get("caption"), str) else ""
    return WatchlistEntity(
        entity_id=entity["id"],
        schema=entity["schema"],
        caption=(caption or (names[0] if names else entity["id"]))[:500],
        names=names,
        weak_names=values(*WEAK_NAME_PROPERTIES),
        countries=list(dict.fromkeys(c.upper() for c in values(*COUNTRY_PROPERTIES))),
        birth_dates=list(dict.fromkeys(_dates(values("birthDate")))),
        identifiers=[list(pair) for pair in identifiers],
        topics=list(dict.fromkeys(topics)),
        lei=next((value for fmt, value in identifiers if fmt == "lei"), "")[:20],
        properties=properties,
        datasets=datasets,
        content_hash=_content_hash(entity, properties, datasets),
        removed_at=None,
    )


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    return [value] if isinstance(value, str) else []


def _dates(values: Iterable[str]) -> Iterator[str]:
    """ISO dates or their prefixes (1961, 1961-05): a time of day is dropped."""
    for value in values:
        found = _DATE.match(value)
        if found:
            yield found.group(0)


def _content_hash(entity: dict[str, Any], properties: Any, datasets: list[str]) -> str:
    """Of what is stored, not of the whole line: OpenSanctions' `last_seen` changes every
    day for every entity, and would have every import rewrite the whole list."""
    stored = [DERIVATION, entity["schema"], entity.get("caption"), properties, datasets]
    stored.append(entity.get("topics"))
    text = json.dumps(stored, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode(errors="replace")).hexdigest()


def _batches(lines: Iterator[Line]) -> Iterator[list[Line]]:
    """Lines in batches; a batch ends before an entity it already holds, so that two
    lines about one entity apply in their order."""
    batch: list[Line] = []
    ids: set[str] = set()
    for line in lines:
        repeated = isinstance(line, Operation) and line.entity_id in ids
        if repeated or len(batch) >= BATCH_SIZE:
            yield batch
            batch, ids = [], set()
        batch.append(line)
        if isinstance(line, Operation):
            ids.add(line.entity_id)
    if batch:
        yield batch


# --- storing -----------------------------------------------------------------------------


def _apply(batch: list[Line], run: WatchlistImport) -> None:
    """Apply a batch's operations: an entity is written only if it is new, changed or
    listed again."""
    operations = _tallied(batch, run)
    stored = {
        row.entity_id: row
        for row in WatchlistEntity.objects.filter(
            entity_id__in=[o.entity_id for o in operations]
        ).only("entity_id", "content_hash", "removed_at")
    }
    writes: list[WatchlistEntity] = []
    replaced: list[int] = []  # entities stored with keys, about to be rewritten
    removals: list[int] = []
    for operation in operations:
        row = stored.get(operation.entity_id)
        if row is not None and row.removed_at is not None:
            row = None  # removed: as good as never listed
        if operation.entity is None:
            if row is not None:
                removals.append(row.pk)
                run.removed += 1
            else:
                run.unchanged += 1
        elif row is None:
            writes.append(operation.entity)
            run.added += 1
        elif row.content_hash != operation.entity.content_hash:
            writes.append(operation.entity)
            replaced.append(row.pk)
            run.changed += 1
        else:
            run.unchanged += 1
    _remove(removals)
    _write(writes, replaced)


def _tallied(batch: list[Line], run: WatchlistImport) -> list[Operation]:
    """Count the lines read, skipped and refused (with their problems); the operations."""
    run.read += len(batch)
    run.skipped += sum(isinstance(line, Skipped) for line in batch)
    for line in batch:
        if isinstance(line, Refused):
            run.refused += 1
            if len(run.problems) < MAX_PROBLEMS_KEPT:
                run.problems.append({"line": line.line, "message": line.message})
    return [line for line in batch if isinstance(line, Operation)]


def _write(entities: list[WatchlistEntity], replaced: list[int]) -> None:
    """Store entities (new, changed, or listed again) with their keys; the keys of those
    `replaced` go first."""
    if not entities:
        return
    WatchlistEntity.objects.bulk_create(
        entities,
        update_conflicts=True,
        unique_fields=["entity_id"],
        update_fields=[
            "schema",
            "caption",
            "names",
            "weak_names",
            "countries",
            "birth_dates",
            "identifiers",
            "topics",
            "lei",
            "properties",
            "datasets",
            "content_hash",
            "removed_at",
            "updated_at",
        ],
    )
    frequencies = _forget(replaced)
    words: dict[int, str] = {}
    rows: list[tuple[int, int]] = []
    for entity in entities:
        for key in keys_of(listed_named(vars(entity))):
            rows.append((key.hash, entity.pk))
            frequencies[key.hash] += 1
            if key.word:
                words[key.hash] = key.word[:200]  # the column's length; a name word is shorter
    _insert_keys(rows)
    _count_keys(frequencies, words)


def _remove(pks: list[int]) -> None:
    """Mark entities removed; their keys go, so retrieval no longer finds them."""
    if not pks:
        return
    _count_keys(_forget(pks), {})
    WatchlistEntity.objects.filter(pk__in=pks).update(
        removed_at=timezone.now(), updated_at=timezone.now()
    )


def _forget(pks: list[int]) -> Counter[int]:
    """Delete the keys of entities; what to take off the keys' frequencies."""
    if not pks:
        return Counter()
    keys = WatchlistKey.objects.filter(entity_id__in=pks)
    held = Counter(keys.values_list("key", flat=True))
    keys.delete()
    return Counter({key: -count for key, count in held.items()})


def _insert_keys(rows: list[tuple[int, int]]) -> None:
    if not rows:
        return
    if connection.vendor == "postgresql":
        table = WatchlistKey._meta.db_table
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY {table} (key, entity_id) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    WatchlistKey.objects.bulk_create(
        [WatchlistKey(key=key, entity_id=entity) for key, entity in rows], batch_size=500
    )


UPSERT_FREQUENCIES = """
INSERT INTO ownership_watchlistkeyfrequency (key, df, word) {rows}
ON CONFLICT (key) DO UPDATE SET df = ownership_watchlistkeyfrequency.df + excluded.df
"""


def _count_keys(changes: Counter[int], words: dict[int, str]) -> None:
    """Add the changes to the keys' frequencies (a new key with its word, if it is a
    word's, and the word's spellings); a key no entity holds any more goes, with them."""
    rows = [(key, change, words.get(key, "")) for key, change in changes.items() if change]
    if not rows:
        return
    held = WatchlistKeyFrequency.objects.filter(key__in=list(words)).values_list("key", flat=True)
    new_words = {key: words[key] for key in set(words) - set(held)}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                UPSERT_FREQUENCIES.format(
                    rows="SELECT * FROM unnest(%s::bigint[], %s::int[], %s::text[])"
                ),
                [list(column) for column in zip(*rows, strict=True)],
            )
        else:
            cursor.executemany(UPSERT_FREQUENCIES.format(rows="VALUES (%s, %s, %s)"), rows)
    _file_spellings(new_words)
    lowered = [key for key, change, _ in rows if change < 0]
    gone = WatchlistKeyFrequency.objects.filter(key__in=lowered, df__lte=0)
    gone_keys = list(gone.values_list("key", flat=True))
    if gone_keys:
        WatchlistSpelling.objects.filter(key__in=gone_keys).delete()
        gone.delete()


INSERT_SPELLINGS = """
INSERT INTO ownership_watchlistspelling (spelling, key)
SELECT * FROM unnest(%s::bigint[], %s::bigint[]) ON CONFLICT DO NOTHING
"""


def _file_spellings(words: dict[int, str]) -> None:
    """File new words of the vocabulary under their spellings (`name_search.spellings`);
    a word shorter than a query's shortest word less one letter cannot be reached."""
    rows = [
        (spelling, key)
        for key, word in words.items()
        if len(word) >= SHORTEST_WORD - 1
        for spelling in spellings(word)
    ]
    if not rows:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(INSERT_SPELLINGS, [list(column) for column in zip(*rows, strict=True)])
        return
    WatchlistSpelling.objects.bulk_create(
        [WatchlistSpelling(spelling=spelling, key=key) for spelling, key in rows],
        batch_size=500,
        ignore_conflicts=True,
    )


def _saved(run: WatchlistImport) -> None:
    reset_queries()  # with DEBUG on, Django keeps every query: memory would grow
    run.save()


# --- what a full list no longer holds -------------------------------------------------------


class _Seen:
    """The ids a full list held, in a temporary table of this connection (not in memory:
    a list has millions)."""

    TABLE = "watchlist_import_seen"

    def add(self, ids: list[str]) -> None:
        if not ids:
            return
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"INSERT INTO {self.TABLE} SELECT unnest(%s::text[]) ON CONFLICT DO NOTHING",
                    [ids],
                )
            else:
                cursor.executemany(
                    f"INSERT INTO {self.TABLE} VALUES (%s) ON CONFLICT DO NOTHING",
                    [(i,) for i in ids],
                )

    def any(self) -> bool:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {self.TABLE})")
            return bool(cursor.fetchone()[0])


@contextmanager
def _seen_ids() -> Iterator[_Seen]:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {_Seen.TABLE}")
        cursor.execute(f"CREATE TEMPORARY TABLE {_Seen.TABLE} (entity_id varchar(300) PRIMARY KEY)")
    try:
        yield _Seen()
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {_Seen.TABLE}")


def _remove_absent(run: WatchlistImport) -> None:
    """Mark removed, a batch at a time, the listed entities the full list did not hold."""
    while pks := _absent(BATCH_SIZE):
        with transaction.atomic():
            _remove(pks)
            run.removed += len(pks)
            _saved(run)


def _absent(limit: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT e.id FROM {WatchlistEntity._meta.db_table} e
                WHERE e.removed_at IS NULL AND NOT EXISTS (
                    SELECT 1 FROM {_Seen.TABLE} s WHERE s.entity_id = e.entity_id)
                ORDER BY e.id LIMIT %s""",
            [limit],
        )
        return [pk for (pk,) in cursor.fetchall()]
