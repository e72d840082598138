"""Names against the watch lists: candidate retrieval in the database, then scoring.

Retrieval must not lose the true entry to one typo, transliteration or dropped word, so
no single word decides (README, "Watch lists"):

- **Blocking keys** (`matching.blocking_keys`: name words, joined names, phonetic keys,
  name symbols, consonant skeletons, pinyin readings, acronyms, identifiers), stored per
  entity as 64-bit hashes (`WatchlistKey`). The entities sharing a query's keys are
  ranked by the sum of ln(N / df) of the keys shared, N the entities listed and df a
  key's frequency: a rare key weighs more. Keys held by more than `COMMON_KEY` entities
  are not looked up (an identifier always is).
- **The spelling net**: a word of the query the list does not hold as written may be a
  misspelling of one it holds. Each word of the list is filed under its spellings (as
  written, and with each one letter left out: `WatchlistSpelling`), and the query's word
  is looked up under its own: two words one letter apart (a letter too many, too few,
  changed, or two swapped) share a spelling. The `NEIGHBOURS` words found most like it
  (pg_trgm's similarity on PostgreSQL) count as the query's, their keys weighed by that
  likeness. A typo in a name's only distinctive word ("Gazpron") changes every key of the
  name, not the word it was meant to be. These are equality lookups: the similarity
  search over the vocabulary this replaced (a GIN trigram index) took 12 ms a word at
  1,000,000 entities, most of the time of a name (BENCHMARKS.md).

On PostgreSQL one statement retrieves the candidates of a whole chunk of queries; other
databases (the demo's SQLite) look the keys and spellings up query by query.
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
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from django.db import connection, transaction

from core.errors import Invalid
from core.pure.codes import is_country
from ownership.models import (
    WatchlistEntity,
    WatchlistImport,
    WatchlistKey,
    WatchlistKeyFrequency,
    WatchlistSpelling,
)
from ownership.pure.matching import (
    Match,
    Named,
    blocking_keys,
    comparable_schemas,
    compare,
    identifier,
)

# Bump when scoring or retrieval changes what a name matches: re-screening then looks at
# every open case's chain against the whole list again (reviews/rescreening.py).
MATCHER_VERSION = "2026-11-30"
BY_KEYS = 40  # candidates per query, best ranked first
NEIGHBOURS = 5  # listed words looked up for each word of a query, most similar first
SHORTEST_WORD = 4  # a shorter word of a query is not looked up by its spellings: too many
# words are one letter from a word of three letters
LONG_WORD = 8  # a query's word this long is also looked up with two letters left out
COMMON_KEY = 5_000  # a name key held by more entities than this is not looked up
CHUNK = 500  # queries retrieved by one SQL statement
# Among the entities an import changed, a statement first gathers their keys (~0.7 s for
# 11,000 entities at 1,000,000 listed), the same for every chunk: larger chunks pay it
# less often.
CHUNK_AMONG = 2_000
# A screening against what changed looks among at most this many entities; more, and
# it screens against the whole list, as fast as it would then.
CHANGED_AT_MOST = 100_000
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
    word: str  # the name's word of a `t:` key (the spelling net's vocabulary), else ""


def key_hash(key: str) -> int:
    digest = hashlib.blake2b(key.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def spellings(word: str, left_out: int = 1) -> frozenset[int]:
    """The hashes of a word's spellings: as written, and with up to `left_out` letters
    left out."""
    variants = {word} if word else set()
    for _ in range(left_out):
        variants |= {v[:i] + v[i + 1 :] for v in variants for i in range(len(v)) if len(v) > 1}
    return frozenset(key_hash(f"d:{variant}") for variant in variants)


# A query's words recur from name to name; a list's, filed once each, do not.
_query_spellings = lru_cache(maxsize=20_000)(spellings)


def _left_out(word: str) -> int:
    """Letters a query's word is looked up without: two of a long word, so that two
    slips in it (a letter swapped and one too many) still meet its listed spellings."""
    return 2 if len(word) >= LONG_WORD else 1


def trigram_similarity(a: str, b: str) -> float:
    """pg_trgm's similarity of two words: shared trigrams of the words padded with two
    spaces before and one after, over all their trigrams (the SQLite path's likeness)."""
    grams = [{f"  {w} "[i : i + 3] for i in range(len(w) + 1)} for w in (a, b)]
    return len(grams[0] & grams[1]) / len(grams[0] | grams[1])


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


def search(
    queries: Sequence[Named], *, threshold: float, changed_since: datetime | None = None
) -> list[list[Candidate]]:
    """For each query, the listed entities scoring at least `threshold`, best first.

    With `changed_since`, only among the entities added, changed or listed again since
    then (`changed_entities`): what can be new for names screened before.
    """
    among = changed_entities(changed_since) if changed_since is not None else None
    size = CHUNK if among is None else CHUNK_AMONG
    found: list[list[Candidate]] = []
    for start in range(0, len(queries), size):
        chunk = queries[start : start + size]
        for query, listed in zip(chunk, retrieve(chunk, among=among), strict=True):
            found.append(scored(query, listed, threshold))
    return found


def changed_entities(since: datetime) -> frozenset[int] | None:
    """The listed entities written since `since` (new, changed, or listed again), by
    primary key; None, meaning all, when they are more than `CHANGED_AT_MOST`."""
    written = WatchlistEntity.objects.filter(updated_at__gte=since, removed_at__isnull=True)
    pks = list(written.values_list("pk", flat=True)[: CHANGED_AT_MOST + 1])
    return frozenset(pks) if len(pks) <= CHANGED_AT_MOST else None


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


def retrieve(
    queries: Sequence[Named], *, among: frozenset[int] | None = None
) -> list[list[Listed]]:
    """The candidate entities of each query (listed, not removed), in no order; only of
    the entities `among` (primary keys) if given."""
    if among is not None and not among:
        return [[] for _ in queries]
    if connection.vendor == "postgresql":
        return _retrieved_in_one_statement(queries, among)
    return [_retrieved_by_keys(query, among) for query in queries]


def _listed_count() -> int:
    """N: the entities listed, as the last finished import counted them."""
    counts = WatchlistImport.objects.filter(
        status=WatchlistImport.Status.DONE, listed__isnull=False
    ).order_by("-pk")
    return next(iter(counts.values_list("listed", flat=True)[:1]), None) or 0


RETRIEVE = f"""
WITH asked AS (
    SELECT * FROM unnest(string_to_array(%(numbers)s, ',')::int[],
                         string_to_array(%(keys)s, ',')::bigint[],
                         string_to_array(%(identifying)s, ',')::bool[])
        AS a(number, key, identifying)
),
-- Only a word the list does not hold as it is written may be a misspelling of one it
-- holds: a known word's own key already finds its entities.
spelled AS (
    SELECT * FROM unnest(string_to_array(%(word_numbers)s, ',')::int[], %(words)s::text[],
                         string_to_array(%(word_keys)s, ',')::bigint[])
        WITH ORDINALITY AS s(number, word, key, place)
    WHERE NOT EXISTS (
        SELECT FROM ownership_watchlistkeyfrequency known WHERE known.key = s.key AND known.df > 0
    )
),
-- The listed words sharing a spelling with an unknown word, the most alike first.
near AS (
    SELECT s.number, f.key, similarity(f.word, s.word) AS likeness,
           row_number() OVER (PARTITION BY s.place
                              ORDER BY similarity(f.word, s.word) DESC, f.key) AS nearness
    FROM spelled s
    JOIN unnest(string_to_array(%(spelling_places)s, ',')::int[],
                string_to_array(%(spellings)s, ',')::bigint[]) AS v(place, spelling)
        ON v.place = s.place
    JOIN ownership_watchlistspelling w ON w.spelling = v.spelling
    JOIN ownership_watchlistkeyfrequency f ON f.key = w.key AND f.df > 0
    GROUP BY s.place, s.number, s.word, f.key, f.word
),
alike AS (
    SELECT number, key, likeness FROM near WHERE nearness <= {NEIGHBOURS}
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
    -- among
    GROUP BY w.number, k.entity_id
)
-- Each candidate read by its primary key: the planner, expecting more rows than come,
-- would otherwise merge-join them with a scan of the whole entity table.
SELECT ranked.number, e.id, e.entity_id, e.schema, e.matched
FROM ranked CROSS JOIN LATERAL (
    SELECT e.id, e.entity_id, e.schema,
           json_build_array({", ".join(f"e.{column}" for column in JSON_COLUMNS)})::text AS matched
    FROM ownership_watchlistentity e
    WHERE e.id = ranked.entity_id AND e.removed_at IS NULL
    OFFSET 0
) e
WHERE ranked.place <= %(by_keys)s
"""


# Only the entities given (their ids in one text): a screening against what an import
# changed. A hashed lookup: the array is a constant by the time the statement is planned.
RETRIEVE_AMONG = RETRIEVE.replace(
    "-- among", "WHERE k.entity_id = ANY(string_to_array(%(among)s, ',')::bigint[])"
)


def _retrieved_in_one_statement(
    queries: Sequence[Named], among: frozenset[int] | None = None
) -> list[list[Listed]]:
    numbers, keys, identifying, word_numbers, words, word_keys = [], [], [], [], [], []
    spelling_places, spelling_hashes = [], []
    for number, query in enumerate(queries):
        for key in keys_of(query):
            numbers.append(number)
            keys.append(key.hash)
            identifying.append(key.identifying)
            if len(key.word) >= SHORTEST_WORD:
                word_numbers.append(number)
                words.append(key.word)
                word_keys.append(key.hash)
                for spelling in _query_spellings(key.word, _left_out(key.word)):
                    spelling_places.append(len(words))  # the word's place, counted from 1
                    spelling_hashes.append(spelling)
    # Numbers travel as one text each, split by the server: psycopg quotes an array
    # element by element, ~0.4 ms a name for the ~70 numbers a name sends.
    parameters: dict[str, Any] = {
        "numbers": _joined(numbers),
        "keys": _joined(keys),
        "identifying": _joined(identifying),
        "word_numbers": _joined(word_numbers),
        "words": words,
        "word_keys": _joined(word_keys),
        "spelling_places": _joined(spelling_places),
        "spellings": _joined(spelling_hashes),
        "listed": _listed_count(),
        "common": COMMON_KEY,
        "by_keys": BY_KEYS,
        "among": _joined(sorted(among)) if among is not None else None,
    }
    found: list[list[Listed]] = [[] for _ in queries]
    entities: dict[int, Listed] = {}  # an entity found for several queries is read once
    with transaction.atomic(), connection.cursor() as cursor:
        # Every join of the statement probes an index with a few thousand rows of a
        # chunk, but the planner expects ten times more rows than come and, given the
        # memory, would hash whole tables instead (~1 s a chunk at 1,000,000 entities).
        # The ranking of a chunk's postings (~150,000 rows) spills to disk at the default
        # work_mem. Its estimate is above jit_above_cost: compiling takes longer than
        # running it.
        for setting in ("jit = off", "work_mem = '64MB'", "enable_hashjoin = off"):
            cursor.execute(f"SET LOCAL {setting}")
        cursor.execute(RETRIEVE if among is None else RETRIEVE_AMONG, parameters)
        for number, pk, entity_id, schema, json_values in cursor.fetchall():
            if pk not in entities:
                # The JSON columns in one text: one decoding a row, not six.
                row = dict(zip(JSON_COLUMNS, json.loads(json_values), strict=True))
                entities[pk] = _listed({"entity_id": entity_id, "schema": schema, **row})
            found[number].append(entities[pk])
    return found


def _joined(values: Iterable[int | bool]) -> str:
    return ",".join(map(str, values))  # booleans as True and False, which ::bool reads


def _retrieved_by_keys(query: Named, among: frozenset[int] | None = None) -> list[Listed]:
    """The blocking keys and the spelling net, ranked in Python: the path of SQLite."""
    asked = keys_of(query)
    known = _frequencies({key.hash for key in asked})
    likeness = {key.hash: 1.0 for key in asked}
    for key in asked:
        if len(key.word) >= SHORTEST_WORD and key.hash not in known:
            for neighbour, alike in _neighbours(key.word):
                likeness[neighbour] = max(likeness.get(neighbour, 0.0), alike)
    identifying = {key.hash for key in asked if key.identifying}
    kept = {
        key: df
        for key, (df, _) in _frequencies(set(likeness)).items()
        if key in identifying or df <= COMMON_KEY
    }
    listed = max([_listed_count(), *kept.values()])
    rank: dict[int, float] = defaultdict(float)
    postings = WatchlistKey.objects.filter(key__in=list(kept)).values_list("key", "entity_id")
    for hashed, entity in postings:
        if among is None or entity in among:
            rank[entity] += likeness[hashed] * math.log(listed / kept[hashed])
    best = sorted(rank, key=lambda entity: (-rank[entity], entity))[:BY_KEYS]
    rows = WatchlistEntity.objects.filter(pk__in=best, removed_at__isnull=True)
    return [_listed(row) for row in rows.values(*ENTITY_COLUMNS)]


def _frequencies(keys: set[int]) -> dict[int, tuple[int, str]]:
    """Key -> (df, word) of the keys some listed entity holds."""
    rows = WatchlistKeyFrequency.objects.filter(key__in=list(keys), df__gt=0)
    return {key: (df, word) for key, df, word in rows.values_list("key", "df", "word")}


def _neighbours(word: str) -> list[tuple[int, float]]:
    """(key, likeness) of the listed words sharing a spelling with `word`, most alike
    first, at most `NEIGHBOURS`."""
    near = WatchlistSpelling.objects.filter(
        spelling__in=list(_query_spellings(word, _left_out(word)))
    )
    found = _frequencies(set(near.values_list("key", flat=True)))
    ranked = sorted(
        ((key, trigram_similarity(listed, word)) for key, (_, listed) in found.items() if listed),
        key=lambda pair: (-pair[1], pair[0]),
    )
    return ranked[:NEIGHBOURS]


def _listed(row: dict[str, Any]) -> Listed:
    return Listed(row["entity_id"], list(row["topics"]), listed_named(row))
