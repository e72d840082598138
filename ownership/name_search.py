"""Names against the watch lists: candidate retrieval in the database, then scoring.

Retrieval must not lose the true entry to one typo, transliteration or dropped word, so
no single word decides (README, "Watch lists"):

- **Blocking keys** (`matching.blocking_keys`: name words, joined names, phonetic keys,
  name symbols, consonant skeletons, pinyin readings, acronyms, identifiers), stored per
  entity as 64-bit hashes (`WatchlistKey`). The entities sharing a query's keys are
  ranked by the sum of ln(N / df) of the keys shared, N the entities listed and df a
  key's frequency: a rare key weighs more. Keys held by more than `COMMON_KEY` entities
  are not looked up (an identifier always is).
- **The trigram net** (PostgreSQL's pg_trgm): each word of the query is also looked up
  as the listed words most like it (`NEIGHBOURS`, similarity at least 0.3), whose keys
  then count as the query's, weighed by that similarity. A typo in a name's only
  distinctive word ("Gazpron") changes every key of the name, not the word it was meant
  to be. The net searches the vocabulary of the listed names' words rather than their
  whole names: a whole-name search reads every name sharing a common trigram ("ing",
  " co"), measured 33 ms a name against 3 ms for its words (200,000 synthetic entities).

On PostgreSQL one statement retrieves the candidates of a whole chunk of queries; other
databases (the demo's SQLite) look the keys up query by query, without the trigram net.
The best `BY_KEYS` of each query are read, and those of a comparable schema scored by
`matching.compare`; those at or above the threshold are returned best first, ties by
entity id.
"""

# ruff: noqa: S608 - the SQL here is built from this module's constants; values travel as
# query parameters.
from __future__ import annotations

import hashlib
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection, transaction

from core.errors import Invalid
from core.pure.codes import is_country
from ownership.models import WatchlistEntity, WatchlistImport, WatchlistKey, WatchlistKeyFrequency
from ownership.pure.matching import (
    Match,
    Named,
    blocking_keys,
    comparable_schemas,
    compare,
    identifier,
)

BY_KEYS = 40  # candidates per query, best ranked first
NEIGHBOURS = 5  # listed words looked up for each word of a query, most similar first
SHORTEST_WORD = 4  # shorter words have too few trigrams to find their misspellings by
COMMON_KEY = 5_000  # a name key held by more entities than this is not looked up
CHUNK = 500  # queries retrieved by one SQL statement
SCHEMAS = ("Person", "Company", "Organization", "LegalEntity")
# Identifier formats the matcher checks and normalises; a scheme names one by itself
# ("lei"), as the suffix of an org-id.guide code ("XI-LEI", "RU-OGRN"), or by an alias.
SCHEME_FORMATS = {
    "lei": "lei",
    "ogrn": "ogrn",
    "inn": "inn",
    "imo": "imo",
    "isin": "isin",
    "bic": "bic",
    "swift": "bic",
    "uscc": "uscc",
    "saic": "uscc",  # CN-SAIC: China's register, numbered by the unified social credit code
}
_BIRTH_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

# Columns of a listed entity that the matcher reads (`listed_named`).
JSON_COLUMNS = ("names", "weak_names", "countries", "birth_dates", "identifiers", "topics")
ENTITY_COLUMNS = ("entity_id", "schema", *JSON_COLUMNS)


@dataclass(frozen=True)
class Candidate:
    entity_id: str
    name: str  # the listed name that matched best
    score: float
    topics: list[str]
    reasons: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {
            "entity_id": self.entity_id,
            "name": self.name,
            "score": self.score,
            "topics": self.topics,
            "reasons": self.reasons,
        }


@dataclass(frozen=True)
class Listed:
    """A listed entity as retrieval returns it: its id, topics, and what the matcher reads."""

    entity_id: str
    topics: list[str]
    named: Named


# --- keys --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Key:
    hash: int  # of the typed key ("t:gazprom") as a signed 64-bit integer (a bigint)
    identifying: bool  # an identifier's key: never dropped as common
    word: str  # the name's word of a `t:` key (the trigram net's vocabulary), else ""


def key_hash(key: str) -> int:
    digest = hashlib.blake2b(key.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def keys_of(named: Named) -> list[Key]:
    return [
        Key(key_hash(key), key.startswith("i:"), key[2:] if key.startswith("t:") else "")
        for key in sorted(blocking_keys(named))
    ]


def listed_named(row: dict[str, Any]) -> Named:
    """What the matcher reads of a stored entity (a row with `ENTITY_COLUMNS`)."""
    return Named(
        names=tuple(row["names"]),
        schema=row["schema"],
        countries=frozenset(row["countries"]),
        birth_dates=tuple(row["birth_dates"]),
        identifiers=frozenset((fmt, value) for fmt, value in row["identifiers"]),
        weak_names=tuple(row["weak_names"]),
    )


def scheme_identifier(scheme: str, value: str) -> tuple[str, str] | None:
    """(format, value) of an identifier given by its scheme: a format the matcher checks
    when the scheme names one, else a registration number as written."""
    suffix = scheme.strip().lower().rsplit("-", 1)[-1]
    return identifier(SCHEME_FORMATS.get(suffix, "id"), value)


def warm_up() -> None:
    """Build the name engine's tagger now (~5 s and ~380 MB, once per process), so the
    first name screened does not pay for it."""
    for schema, name in (("Person", "Ivan Petrov"), ("Company", "Gazprom PJSC")):
        named = Named((name,), schema)
        blocking_keys(named)
        compare(named, named)


# --- the queries of a batch ------------------------------------------------------------


@dataclass(frozen=True)
class NameQuery:
    id: str | int  # as given, returned with the candidates
    named: Named


def read_query(item: Any) -> NameQuery:
    """A name to screen from one JSON object `{"id", "name", "schema", "country"?,
    "birth_date"?, "identifiers"?: [{"scheme", "value"}]}`; other keys are ignored.
    Raises Invalid with a message per field."""
    if not isinstance(item, dict):
        raise Invalid({"non_field_errors": ["Expected a JSON object."]})
    errors: dict[str, list[str]] = {}
    query_id = _query_id(item.get("id"), errors)
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        errors["name"] = ["This field is required: a name that is not blank."]
    elif len(name) > 1000:
        errors["name"] = ["A name has at most 1000 characters."]
    schema = item.get("schema")
    if schema not in SCHEMAS:
        errors["schema"] = [f"{schema!r} is not one of {', '.join(SCHEMAS)}."]
    country = _country(item.get("country"), errors)
    birth_date = _birth_date(item.get("birth_date"), errors)
    identifiers = _identifiers(item.get("identifiers"), errors)
    if errors:
        raise Invalid(errors)
    assert query_id is not None and isinstance(name, str) and isinstance(schema, str)
    named = Named(
        names=(name.strip(),),
        schema=schema,
        countries=frozenset({country}) if country else frozenset(),
        birth_dates=(birth_date,) if birth_date else (),
        identifiers=identifiers,
    )
    return NameQuery(query_id, named)


def _query_id(value: Any, errors: dict[str, list[str]]) -> str | int | None:
    if isinstance(value, str) and 0 < len(value) <= 300:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    errors["id"] = ["This field is required: a string of 1 to 300 characters, or an integer."]
    return None


def _country(value: Any, errors: dict[str, list[str]]) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or not is_country(value.upper()):
        errors["country"] = [f"{value!r} is not an ISO 3166-1 alpha-2 country code (e.g. 'CN')."]
        return ""
    return value.upper()


def _birth_date(value: Any, errors: dict[str, list[str]]) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and _BIRTH_DATE.match(value) and _is_date(value):
        return value
    errors["birth_date"] = [f"{value!r} is not a date: YYYY-MM-DD, or YYYY-MM, or YYYY."]
    return ""


def _is_date(value: str) -> bool:
    year, month, day = [*value.split("-"), "01", "01"][:3]
    try:
        date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True


def _identifiers(value: Any, errors: dict[str, list[str]]) -> frozenset[tuple[str, str]]:
    if value is None:
        return frozenset()
    if not isinstance(value, list):
        errors["identifiers"] = ['Expected a list of {"scheme": ..., "value": ...} objects.']
        return frozenset()
    found = set()
    for index, entry in enumerate(value):
        scheme = entry.get("scheme") if isinstance(entry, dict) else None
        given = entry.get("value") if isinstance(entry, dict) else None
        for field, text in (("scheme", scheme), ("value", given)):
            if not isinstance(text, str) or not text.strip():
                errors[f"identifiers.{index}.{field}"] = ["This field is required: a string."]
        if isinstance(scheme, str) and isinstance(given, str):
            normalised = scheme_identifier(scheme, given)
            if normalised:
                found.add(normalised)
    return frozenset(found)


# --- retrieval and scoring ---------------------------------------------------------------


def search(queries: Sequence[Named], *, threshold: float) -> list[list[Candidate]]:
    """For each query, the listed entities scoring at least `threshold`, best first."""
    found: list[list[Candidate]] = []
    for start in range(0, len(queries), CHUNK):
        chunk = queries[start : start + CHUNK]
        for query, listed in zip(chunk, retrieve(chunk), strict=True):
            found.append(scored(query, listed, threshold))
    return found


def scored(query: Named, listed: Iterable[Listed], threshold: float) -> list[Candidate]:
    candidates = []
    for entry in listed:
        if not comparable_schemas(query.schema, entry.named.schema):
            continue
        match: Match = compare(query, entry.named)
        if match.score >= threshold:
            candidates.append(
                Candidate(entry.entity_id, match.name, match.score, entry.topics, match.reasons)
            )
    return sorted(candidates, key=lambda c: (-c.score, c.entity_id))


def retrieve(queries: Sequence[Named]) -> list[list[Listed]]:
    """The candidate entities of each query (listed, not removed), in no order."""
    if connection.vendor == "postgresql":
        return _retrieved_in_one_statement(queries)
    return [_retrieved_by_keys(query) for query in queries]


def _listed_count() -> int:
    """N: the entities listed, as the last finished import counted them."""
    counts = WatchlistImport.objects.filter(
        status=WatchlistImport.Status.DONE, listed__isnull=False
    ).order_by("-pk")
    return next(iter(counts.values_list("listed", flat=True)[:1]), None) or 0


RETRIEVE = f"""
WITH asked AS (
    SELECT * FROM unnest(%(numbers)s::int[], %(keys)s::bigint[], %(identifying)s::bool[])
        AS a(number, key, identifying)
),
-- Only a word the list does not hold as it is written may be a misspelling of one it
-- holds: a known word's own key already finds its entities.
spelled AS (
    SELECT * FROM unnest(%(word_numbers)s::int[], %(words)s::text[], %(word_keys)s::bigint[])
        AS s(number, word, key)
    WHERE NOT EXISTS (
        SELECT FROM ownership_watchlistkeyfrequency known WHERE known.key = s.key AND known.df > 0
    )
),
alike AS (
    SELECT s.number, v.key, v.likeness
    FROM spelled s CROSS JOIN LATERAL (
        SELECT f.key, similarity(f.word, s.word) AS likeness
        FROM ownership_watchlistkeyfrequency f
        WHERE f.word <> '' AND f.word %% s.word
        ORDER BY likeness DESC, f.key
        LIMIT {NEIGHBOURS}
    ) v
),
keyed AS (
    SELECT number, key, bool_or(identifying) AS identifying, max(likeness) AS likeness
    FROM (SELECT number, key, identifying, 1.0::float8 AS likeness FROM asked
          UNION ALL
          SELECT number, key, false, likeness FROM alike) k
    GROUP BY number, key
),
weighed AS (
    SELECT k.number, k.key, k.likeness * ln(greatest(%(listed)s, f.df)::float8 / f.df) AS weight
    FROM keyed k JOIN ownership_watchlistkeyfrequency f ON f.key = k.key
    WHERE f.df > 0 AND (k.identifying OR f.df <= %(common)s)
),
ranked AS (
    SELECT w.number, k.entity_id,
           row_number() OVER (PARTITION BY w.number
                              ORDER BY sum(w.weight) DESC, k.entity_id) AS place
    FROM weighed w JOIN ownership_watchlistkey k ON k.key = w.key
    GROUP BY w.number, k.entity_id
)
SELECT ranked.number, e.id, e.entity_id, e.schema,
       json_build_array({", ".join(f"e.{column}" for column in JSON_COLUMNS)})::text
FROM ranked JOIN ownership_watchlistentity e ON e.id = ranked.entity_id
WHERE ranked.place <= %(by_keys)s AND e.removed_at IS NULL
"""


def _retrieved_in_one_statement(queries: Sequence[Named]) -> list[list[Listed]]:
    numbers, keys, identifying, word_numbers, words, word_keys = [], [], [], [], [], []
    for number, query in enumerate(queries):
        for key in keys_of(query):
            numbers.append(number)
            keys.append(key.hash)
            identifying.append(key.identifying)
            if len(key.word) >= SHORTEST_WORD:
                word_numbers.append(number)
                words.append(key.word)
                word_keys.append(key.hash)
    parameters: dict[str, Any] = {
        "numbers": numbers,
        "keys": keys,
        "identifying": identifying,
        "word_numbers": word_numbers,
        "words": words,
        "word_keys": word_keys,
        "listed": _listed_count(),
        "common": COMMON_KEY,
        "by_keys": BY_KEYS,
    }
    found: list[list[Listed]] = [[] for _ in queries]
    entities: dict[int, Listed] = {}  # an entity found for several queries is read once
    with transaction.atomic(), connection.cursor() as cursor:
        # The planner's estimate of the trigram lookups is far above jit_above_cost, and
        # compiling the statement takes longer than running it.
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(RETRIEVE, parameters)
        for number, pk, entity_id, schema, json_values in cursor.fetchall():
            if pk not in entities:
                # The JSON columns in one text: one decoding a row, not six.
                row = dict(zip(JSON_COLUMNS, json.loads(json_values), strict=True))
                entities[pk] = _listed({"entity_id": entity_id, "schema": schema, **row})
            found[number].append(entities[pk])
    return found


def _retrieved_by_keys(query: Named) -> list[Listed]:
    """The blocking-key net alone, ranked in Python: the fallback for SQLite."""
    identifying = {key.hash: key.identifying for key in keys_of(query)}
    frequencies = WatchlistKeyFrequency.objects.filter(key__in=list(identifying), df__gt=0)
    kept = {
        key: df
        for key, df in frequencies.values_list("key", "df")
        if identifying[key] or df <= COMMON_KEY
    }
    listed = max([_listed_count(), *kept.values()])
    rank: dict[int, float] = defaultdict(float)
    for key, entity in WatchlistKey.objects.filter(key__in=list(kept)).values_list(
        "key", "entity_id"
    ):
        rank[entity] += math.log(listed / kept[key])
    best = sorted(rank, key=lambda entity: (-rank[entity], entity))[:BY_KEYS]
    rows = WatchlistEntity.objects.filter(pk__in=best, removed_at__isnull=True)
    return [_listed(row) for row in rows.values(*ENTITY_COLUMNS)]


def _listed(row: dict[str, Any]) -> Listed:
    return Listed(row["entity_id"], list(row["topics"]), listed_named(row))
