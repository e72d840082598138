"""Set-based import of BODS statements on PostgreSQL: COPY, check in SQL, merge in SQL.

The idea: the database parses and merges statements far faster than Python can, so a
chunk of raw JSON lines is streamed with COPY into a temporary table of `jsonb`, and one
statement merges it into parties, relationships and interests. Python touches only what
SQL cannot settle:

- `PLAINLY_VALID` is a conservative SQL form of `bods.check_statements`: every statement
  it accepts, the Python check accepts too (a property test holds it to that). What it
  does not accept goes to the Python check, which alone decides and words the problems.
- A chunk that PostgreSQL cannot read (text that is not JSON, a NUL, bad UTF-8) fails
  the COPY; the importer then reads that chunk in Python, line by line.

The rules of the merge are those of the ORM importer (`import_orm.py`): a statement id is
applied once (the ledger `ownership_importedstatement`); every statement of a record is
kept as a row of its own, valid from its `statementDate` until the next statement's
(of equal dates, the later one in the file replaces the earlier).
"""

# ruff: noqa: S608 - the SQL here is built from this module's constants and integer run ids,
# never from input; values from files travel as COPY data or query parameters.
from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

ENTITY_TYPES = (
    "registeredEntity legalEntity arrangement anonymousEntity unknownEntity state stateBody"
)
PERSON_TYPES = "knownPerson anonymousPerson unknownPerson"


def _one_of(values: Iterable[str]) -> str:
    return "(" + ", ".join(f"'{value}'" for value in values) + ")"


# What Python's str.strip() removes: a text with any other character is not blank.
NOT_BLANK = r"[^\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"


def _plainly_valid_sql() -> str:
    from ownership.pure.bods_checks import INTEREST_TYPES, MAX_RECORD_ID

    not_blank = f"'{NOT_BLANK}'"
    # A real calendar date (29 February is left to the Python check). The common case,
    # a day up to the 28th, by the cheaper pattern first.
    early_in_month = "'^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$'"
    late_in_month = "'^[0-9]{4}-((0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)$'"

    def text(path: str) -> str:  # a non-blank string
        return f"(jsonb_typeof({path}) = 'string' AND ({path} #>> '{{}}') ~ {not_blank})"

    def optional(obj: str, key: str, condition: str) -> str:
        return f"(NOT {obj} ? '{key}' OR {condition})"

    def enum(path: str, values: Iterable[str]) -> str:
        return f"(jsonb_typeof({path}) = 'string' AND ({path} #>> '{{}}') IN {_one_of(values)})"

    def date(path: str) -> str:
        value = f"({path} #>> '{{}}')"
        return (
            f"(jsonb_typeof({path}) = 'string' AND left({value}, 4) <> '0000' "
            f"AND ({value} ~ {early_in_month} OR {value} ~ {late_in_month}))"
        )

    identifiers = (
        "(coalesce(jsonb_typeof(d->'identifiers'), 'null') = 'null' OR "
        "(jsonb_typeof(d->'identifiers') = 'array' AND NOT EXISTS ("
        "SELECT FROM jsonb_array_elements(d->'identifiers') e WHERE (jsonb_typeof(e) = 'object'"
        " AND jsonb_typeof(e->'id') = 'string' AND e->>'id' <> '') IS NOT TRUE)))"
    )
    entity = f"""(
        jsonb_typeof(d->'entityType') = 'object'
        AND {enum("d->'entityType'->'type'", ENTITY_TYPES.split())}
        AND (d->'entityType'->>'type' IN ('anonymousEntity', 'unknownEntity')
             OR {text("d->'name'")})
        AND (coalesce(jsonb_typeof(d->'jurisdiction'), 'null') = 'null'
             OR (jsonb_typeof(d->'jurisdiction') = 'object'
                 AND (coalesce(jsonb_typeof(d->'jurisdiction'->'code'), 'null') = 'null'
                      OR (jsonb_typeof(d->'jurisdiction'->'code') = 'string'
                          AND char_length(d->'jurisdiction'->>'code') IN (2, 5, 6)))))
        AND {identifiers})"""
    person = f"""(
        {enum("d->'personType'", PERSON_TYPES.split())}
        AND (d->>'personType' <> 'knownPerson'
             OR (jsonb_typeof(d->'names') = 'array' AND jsonb_array_length(d->'names') > 0))
        AND {identifiers})"""
    # CASE keeps the order of evaluation: nothing is cast before its type is known.
    share = f"""(CASE
        WHEN jsonb_typeof(i->'share') <> 'object' THEN false
        WHEN EXISTS (
            SELECT FROM jsonb_each(i->'share') kv
            WHERE kv.key IN {
        _one_of(["exact", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"])
    }
              AND (CASE WHEN jsonb_typeof(kv.value) = 'number'
                        THEN kv.value::numeric BETWEEN 0 AND 100 ELSE false END) IS NOT TRUE
        ) THEN false
        WHEN i->'share' ? 'exact' AND (i->'share' ? 'minimum' OR i->'share' ? 'maximum')
            THEN false
        ELSE coalesce(
            coalesce(i->'share'->'minimum', i->'share'->'exclusiveMinimum')::numeric
            <= coalesce(i->'share'->'maximum', i->'share'->'exclusiveMaximum')::numeric,
            true)
        END)"""
    interest = f"""(
        jsonb_typeof(i) = 'object'
        AND {optional("i", "type", enum("i->'type'", sorted(INTEREST_TYPES)))}
        AND {
        optional(
            "i",
            "directOrIndirect",
            enum("i->'directOrIndirect'", ["direct", "indirect", "unknown"]),
        )
    }
        AND {optional("i", "startDate", date("i->'startDate'"))}
        AND {optional("i", "endDate", date("i->'endDate'"))}
        AND (NOT (i ? 'startDate' AND i ? 'endDate')
             OR (i->>'endDate') COLLATE "C" >= (i->>'startDate') COLLATE "C")
        AND {optional("i", "share", share)})"""
    reference = (
        f"(jsonb_typeof(d->'{{key}}') <> 'string' OR char_length(d->>'{{key}}') <= {MAX_RECORD_ID})"
    )
    relationship = f"""(
        d ? 'subject' AND d ? 'interestedParty'
        AND {reference.format(key="subject")} AND {reference.format(key="interestedParty")}
        AND {
        optional(
            "d",
            "interests",
            f'''(jsonb_typeof(d->'interests') = 'array'
            AND NOT EXISTS (SELECT FROM jsonb_array_elements(d->'interests') i
                            WHERE {interest} IS NOT TRUE))''',
        )
    })"""
    return f"""(
        jsonb_typeof(s) = 'object'
        AND {text("s->'statementId'")}
        AND char_length(s->>'statementId') BETWEEN 32 AND 64
        AND {text("s->'declarationSubject'")}
        AND {text("s->'recordId'")} AND char_length(s->>'recordId') <= {MAX_RECORD_ID}
        AND {optional("s", "recordStatus", enum("s->'recordStatus'", ["new", "updated", "closed"]))}
        AND {optional("s", "statementDate", date("s->'statementDate'"))}
        AND jsonb_typeof(d) = 'object'
        AND {optional("d", "isComponent", "jsonb_typeof(d->'isComponent') = 'boolean'")}
        AND CASE s->>'recordType'
            WHEN 'entity' THEN {entity}
            WHEN 'person' THEN {person}
            WHEN 'relationship' THEN {relationship}
            ELSE false
        END
        AND jsonb_typeof(s->'recordType') = 'string')"""


PLAINLY_VALID = _plainly_valid_sql()

# Set for each chunk's transaction.
SETTINGS = """
-- Committed without waiting for the disk: the import's last, synchronous commit (the
-- run marked done) flushes every chunk before it. A crash before then loses at most
-- the last chunks, and the run, still "running", shows what was kept.
SET LOCAL synchronous_commit = off;
SET LOCAL jit = off;  -- compiling these statements costs more than running them
SET LOCAL work_mem = '64MB';  -- a chunk's sorts and hashes in memory, not on disk
"""
STAGE = "ownership_stage"
CREATE_TEMPORARY_STAGE = f"""
CREATE TEMPORARY TABLE IF NOT EXISTS {STAGE} (
    position bigint NOT NULL,
    statement jsonb NOT NULL
) ON COMMIT DROP;
TRUNCATE {STAGE};  -- left by an earlier import in the same, still open, transaction
"""

REFUSED = f"""
SELECT position FROM (
    -- OFFSET 0 keeps the subquery apart, so `d` is taken out once per row, not per use.
    SELECT position, statement AS s, statement->'recordDetails' AS d FROM ownership_stage
    OFFSET 0
) staged
WHERE {PLAINLY_VALID} IS NOT TRUE
"""

# A statement id twice in one chunk: the first is applied, the others count as skipped.
REPEATED = """
DELETE FROM ownership_stage later
USING ownership_stage earlier
WHERE later.statement->>'statementId' = earlier.statement->>'statementId'
  AND later.position > earlier.position
  AND later.statement->>'statementId' IN (
      SELECT statement->>'statementId' FROM ownership_stage GROUP BY 1 HAVING count(*) > 1
  )
"""

_SOURCE = "left(coalesce(s #>> '{publicationDetails,publisher,name}', ''), 200)"
_IS_COMPONENT = "coalesce(d->'isComponent' = 'true', false)"
_LIST = "CASE WHEN jsonb_typeof(d->'{key}') = 'array' THEN d->'{key}' ELSE '[]' END"
_NAMED = "jsonb_typeof(d->'interestedParty') = 'string'"
# Every name: a person's `names` as given; an entity's name (legal) and alternateNames.
_NAMES = """CASE record_type WHEN 'entity' THEN
            (CASE WHEN jsonb_typeof(d->'name') = 'string'
                  THEN jsonb_build_array(jsonb_build_object('type', 'legal', 'fullName', d->'name'))
                  ELSE '[]'::jsonb END)
            || coalesce((SELECT jsonb_agg(jsonb_build_object('type', 'alternative',
                                                             'fullName', alternate))
                         FROM jsonb_array_elements(CASE WHEN jsonb_typeof(d->'alternateNames')
                              = 'array' THEN d->'alternateNames' ELSE '[]' END) alternate),
                        '[]'::jsonb)
        ELSE CASE WHEN jsonb_typeof(d->'names') = 'array' THEN d->'names' ELSE '[]' END
        END"""

MERGE = f"""
WITH ledger AS (
    INSERT INTO ownership_importedstatement (statement_id, record_id, imported_at)
    SELECT statement->>'statementId', statement->>'recordId', now() FROM ownership_stage
    ON CONFLICT (statement_id) DO NOTHING
    RETURNING statement_id
),
fresh AS MATERIALIZED (
    SELECT st.position, st.statement AS s, st.statement->'recordDetails' AS d,
           st.statement->>'recordId' AS record_id, st.statement->>'recordType' AS record_type,
           coalesce(st.statement->>'statementDate', '') AS statement_date
    FROM ownership_stage st JOIN ledger ON ledger.statement_id = st.statement->>'statementId'
),
parties AS (
    INSERT INTO ownership_party (record_id, record_type, subtype, entity_subtype, name, names,
        country, identifiers, unspecified_reason, unspecified_description,
        is_component, status, statement_id, statement_date, statement_day, source)
    SELECT record_id, record_type,
        coalesce(CASE record_type WHEN 'entity' THEN d #>> '{{entityType,type}}'
                 ELSE d->>'personType' END, ''),
        left(CASE record_type WHEN 'entity'
             THEN coalesce(d #>> '{{entityType,subtype}}', '') ELSE '' END, 40),
        left(coalesce(CASE record_type WHEN 'entity' THEN d->>'name'
                      ELSE d #>> '{{names,0,fullName}}' END, ''), 500),
        {_NAMES},
        left(coalesce(CASE record_type WHEN 'entity' THEN d #>> '{{jurisdiction,code}}'
                      ELSE d #>> '{{nationalities,0,code}}' END, ''), 6),
        {_LIST.format(key="identifiers")},
        left(coalesce(d #>> '{{unspecifiedPersonDetails,reason}}',
                      d #>> '{{unspecifiedEntityDetails,reason}}', ''), 60),
        coalesce(d #>> '{{unspecifiedPersonDetails,description}}',
                 d #>> '{{unspecifiedEntityDetails,description}}', ''),
        {_IS_COMPONENT},
        coalesce(s->>'recordStatus', 'new'), s->>'statementId', statement_date,
        left(statement_date, 10), {_SOURCE}
    FROM fresh WHERE record_type IN ('entity', 'person')
    ORDER BY position
    RETURNING 1
),
relationships AS (
    INSERT INTO ownership_relationship (record_id, subject_record_id,
        interested_party_record_id, unspecified_reason, unspecified_description,
        is_component, component_records, status, statement_id, statement_date,
        statement_day, source)
    SELECT record_id,
        CASE WHEN jsonb_typeof(d->'subject') = 'string' THEN d->>'subject' ELSE '' END,
        CASE WHEN {_NAMED} THEN d->>'interestedParty' ELSE '' END,
        CASE WHEN {_NAMED} THEN ''
             ELSE left(coalesce(d #>> '{{interestedParty,reason}}', 'unknown'), 60) END,
        CASE WHEN {_NAMED} THEN ''
             ELSE coalesce(d #>> '{{interestedParty,description}}', '') END,
        {_IS_COMPONENT}, {_LIST.format(key="componentRecords")},
        coalesce(s->>'recordStatus', 'new'), s->>'statementId', statement_date,
        left(statement_date, 10), {_SOURCE}
    FROM fresh WHERE record_type = 'relationship'
    ORDER BY position
    RETURNING id, statement_id
),
interests AS (
    INSERT INTO ownership_interest (relationship_id, type, direct_or_indirect,
        beneficial_ownership_or_control, min_exclusive, max_exclusive, share_min,
        share_max, start_date, end_date, details)
    SELECT r.id, coalesce(i->>'type', ''), coalesce(i->>'directOrIndirect', ''),
        CASE WHEN jsonb_typeof(i->'beneficialOwnershipOrControl') = 'boolean'
             THEN (i->>'beneficialOwnershipOrControl')::boolean END,
        NOT (i->'share' ? 'exact' OR i->'share' ? 'minimum')
            AND coalesce(i->'share' ? 'exclusiveMinimum', false),
        NOT (i->'share' ? 'exact' OR i->'share' ? 'maximum')
            AND coalesce(i->'share' ? 'exclusiveMaximum', false),
        coalesce((i #>> '{{share,exact}}')::float8, (i #>> '{{share,minimum}}')::float8,
                 (i #>> '{{share,exclusiveMinimum}}')::float8,
                 CASE WHEN coalesce(i #> '{{share,maximum}}', i #> '{{share,exclusiveMaximum}}')
                      IS NOT NULL THEN 0 END),
        coalesce((i #>> '{{share,exact}}')::float8, (i #>> '{{share,maximum}}')::float8,
                 (i #>> '{{share,exclusiveMaximum}}')::float8,
                 CASE WHEN coalesce(i #> '{{share,minimum}}', i #> '{{share,exclusiveMinimum}}')
                      IS NOT NULL THEN 100 END),
        left(i->>'startDate', 10)::date, left(i->>'endDate', 10)::date,
        coalesce(i->>'details', '')
    FROM relationships r
    JOIN fresh f ON f.s->>'statementId' = r.statement_id
    CROSS JOIN LATERAL jsonb_array_elements({_LIST.format(key="interests")}) i
)
SELECT count(*) FROM fresh
"""


REUSED = """
SELECT st.position, st.statement->>'statementId', ledger.record_id
FROM ownership_stage st
JOIN ownership_importedstatement ledger ON ledger.statement_id = st.statement->>'statementId'
WHERE ledger.record_id <> st.statement->>'recordId'
ORDER BY st.position
"""

# A record's rows in date order (of one date, in the order they arrived): each is valid
# until the next one's date; the newest, until further notice (docs/ownership.md §2.2).
HISTORY = """
WITH staged AS MATERIALIZED (
    SELECT DISTINCT statement->>'recordId' AS record_id FROM ownership_stage
    WHERE statement->>'recordType' IN {types}
),
-- The rows of each staged record, by one index probe a record (OFFSET 0 keeps the
-- planner from turning this into a join, which would read the whole table each chunk).
-- A record new in this chunk has one row, valid until further notice already.
versions AS MATERIALIZED (
    SELECT rows.id, rows.valid_to, lead(rows.statement_day) OVER (
        PARTITION BY rows.record_id ORDER BY rows.statement_date, rows.id) AS next
    FROM staged CROSS JOIN LATERAL (
        SELECT id, record_id, valid_to, statement_day, statement_date FROM {table}
        WHERE record_id = staged.record_id OFFSET 0
    ) rows
)
UPDATE {table} target SET valid_to = versions.next
FROM versions
WHERE target.id = versions.id AND versions.valid_to IS DISTINCT FROM versions.next
"""
# Each table dates the records of its own statements only.
HISTORY_TABLES = (
    ("ownership_party", "('entity', 'person')"),
    ("ownership_relationship", "('relationship')"),
)


class Stage:
    """A chunk of statements in a staging table, for one transaction: by default a
    temporary table of this connection; else a shared one (`create_shared`) that one
    connection fills while another merges the chunk before."""

    def __init__(self, table: str | None = None) -> None:
        self.table = table or STAGE
        self.cursor = connection.cursor()
        self.cursor.execute(SETTINGS)
        if table is None:
            self.cursor.execute(CREATE_TEMPORARY_STAGE)

    def empty(self) -> None:
        self.cursor.execute(f"TRUNCATE {self.table}")

    def _run(self, sql: str, params: list | None = None) -> None:
        self.cursor.execute(sql.replace(STAGE, self.table), params)

    def copy(self, rows: list[bytes]) -> None:
        """Load `position<TAB>statement` lines, each already escaped by `copy_line`."""
        with (
            connection.wrap_database_errors,  # psycopg's errors as Django's DataError
            self.cursor.copy(f"COPY {self.table} (position, statement) FROM STDIN") as copy,
        ):
            copy.write(b"".join(rows))

    def refused(self) -> list[int]:
        """Positions of statements the SQL check does not accept outright."""
        self._run(REFUSED)
        return [position for (position,) in self.cursor.fetchall()]

    def statements(self, positions: list[int]) -> list[tuple[int, str]]:
        self._run(
            f"SELECT position, statement::text FROM {STAGE} WHERE position = ANY(%s)", [positions]
        )
        return list(self.cursor.fetchall())

    def drop(self, positions: list[int]) -> None:
        self._run(f"DELETE FROM {STAGE} WHERE position = ANY(%s)", [positions])

    def drop_repeated(self) -> int:
        self._run(REPEATED)
        return self.cursor.rowcount

    def merge(self) -> tuple[int, int, list[tuple[int, str, str]]]:
        """Apply the staged statements: (applied, already imported before, reused ids).

        A reused id is a staged statement whose id the ledger holds for another record:
        one id names one statement of one record, so it cannot be this one again
        (docs/ownership.md §2.2); it is not applied (the ledger keeps its id) and is
        returned as (position, statement id, that record). Looked for only when some
        staged statement was not applied: a first import probes the ledger once, in the
        merge, not twice."""
        self._run(f"SELECT count(*) FROM {STAGE}")
        (staged,) = self.cursor.fetchone()
        self._run(MERGE)
        (applied,) = self.cursor.fetchone()
        reused: list[tuple[int, str, str]] = []
        if applied < staged:
            self._run(REUSED)
            reused = [(position, sid, other) for position, sid, other in self.cursor.fetchall()]
        for table, types in HISTORY_TABLES:
            self._run(HISTORY.format(table=table, types=types))
        return applied, staged - applied - len(reused), reused


def create_shared(table: str) -> None:
    """An unlogged table (nothing to write ahead, emptied after a crash) that other
    connections see, unlike a temporary one."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE UNLOGGED TABLE IF NOT EXISTS {table} "
            "(position bigint NOT NULL, statement jsonb NOT NULL)"
        )


def drop_shared(table: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {table}")


def copy_line(position: int, statement: bytes) -> bytes:
    """One line of COPY's text format: backslashes, tabs and carriage returns escaped
    (JSON may hold raw tabs and CRs as whitespace; newlines end the line)."""
    escaped = statement.replace(b"\\", b"\\\\").replace(b"\t", b"\\t").replace(b"\r", b"\\r")
    return b"%d\t%s\n" % (position, escaped)
