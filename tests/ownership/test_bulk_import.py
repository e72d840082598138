"""The set-based import on PostgreSQL: its SQL check never accepts what the Python check
refuses, its merge writes what the ORM importer writes, and raw JSON lines that
PostgreSQL cannot read are reported one by one."""

import copy
import json
import sys

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ownership import bods_import, import_orm, import_postgres
from ownership.bods_import import import_file
from ownership.models import ImportedStatement, ImportRun, Interest, Party, Relationship
from ownership.pure import statements as bods
from ownership.pure.bods_checks import check_statements

S = "subject"


def sql_accepts(statement) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {import_postgres.PLAINLY_VALID} IS TRUE FROM (SELECT %s::jsonb AS s) x "
            "CROSS JOIN LATERAL (SELECT x.s->'recordDetails' AS d) y",
            [json.dumps(statement)],
        )
        return cursor.fetchone()[0]


def package():
    """Statements of every kind the importer handles."""
    return [
        bods.entity("A", "Alpha AG", "DE", subject=S, lei="529900T8BM49AURSDO55"),
        bods.entity("G", "Ministry of Finance", "CN", subject=S, entity_type="stateBody"),
        bods.person("P", "Xu Lin", "SG", subject=S),
        bods.owns("r-pa", "P", "A", subject=S, percent=60.0),
        bods.owns(
            "r-ga",
            "G",
            "A",
            bods.interest("shareholding", minimum=10.0, maximum=20.0, start="2020-01-31"),
            bods.interest("appointmentOfBoard", end="2030-12-31"),
            subject=S,
        ),
        bods.owns(
            "r-ua",
            bods.unspecified("interestedPartyHasNotProvidedInformation"),
            "A",
            subject=S,
            percent=20.0,
        ),
    ]


def write_lines(tmp_path, lines, name="statements.jsonl"):
    path = tmp_path / name
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def dumped(statement) -> bytes:
    return json.dumps(statement).encode()


# --- the SQL check is never more lenient than the Python check -----------------------


def test_every_character_python_strips_is_blank_to_the_sql_check(db):
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c FROM unnest(%s::text[]) c WHERE c ~ %s", [spaces, import_postgres.NOT_BLANK]
        )
        assert cursor.fetchall() == []


def test_every_statement_of_a_plain_package_passes_the_sql_check_outright(db):
    assert [sql_accepts(statement) for statement in package()] == [True] * len(package())


TRICKY: list[object] = [
    None,
    "",
    " ",
    "\u3000",
    "\x1c",
    0,
    1,
    -1,
    150,
    100,
    0.5,
    True,
    False,
    [],
    {},
    [{}],
    [{"id": ""}],
    [{"id": 7}],
    "x" * 300,
    "2026-02-29",
    "2024-02-29",
    "2026-02-30",
    "0000-01-01",
    "2026-13-01",
    "2026-04-31",
    "2026-01-31",
    "20260101",
    "2026-W01-1",
    "2026-01-01T10:00:00Z",
    "2026-01-01T25:00:00",
    "entity",
    "person",
    "relationship",
    "registeredEntity",
    "unknownEntity",
    "knownPerson",
    "shareholding",
    "direct",
    "DE",
    "DE-BY",
    "D",
    {"code": "DEU"},
    {"code": "DE"},
    {"exact": 50},
    {"exact": 101},
    {"minimum": 30, "maximum": 20},
    {"exact": 5, "minimum": 1},
    {"exclusiveMaximum": True},
    {"reason": "unknown"},
    "ed7b477b-6714-5c99-bae9-076767dccf50",
]
PATHS = [
    ("statementId",),
    ("declarationSubject",),
    ("recordId",),
    ("recordType",),
    ("recordStatus",),
    ("statementDate",),
    ("recordDetails",),
    ("recordDetails", "isComponent"),
    ("recordDetails", "entityType"),
    ("recordDetails", "entityType", "type"),
    ("recordDetails", "name"),
    ("recordDetails", "jurisdiction"),
    ("recordDetails", "jurisdiction", "code"),
    ("recordDetails", "identifiers"),
    ("recordDetails", "personType"),
    ("recordDetails", "names"),
    ("recordDetails", "subject"),
    ("recordDetails", "interestedParty"),
    ("recordDetails", "interests"),
    ("recordDetails", "interests", 0),
    ("recordDetails", "interests", 0, "type"),
    ("recordDetails", "interests", 0, "directOrIndirect"),
    ("recordDetails", "interests", 0, "startDate"),
    ("recordDetails", "interests", 0, "endDate"),
    ("recordDetails", "interests", 0, "share"),
    ("recordDetails", "interests", 0, "share", "exact"),
    ("recordDetails", "interests", 0, "share", "minimum"),
    ("recordDetails", "interests", 0, "share", "maximum"),
]
DELETE = object()


def set_at(statement, path, value):
    """Put `value` at `path` (or delete what is there) if the path leads somewhere."""
    target = statement
    for key in path[:-1]:
        if isinstance(target, dict) and isinstance(key, str):
            target = target.get(key)
        elif isinstance(target, list) and isinstance(key, int) and key < len(target):
            target = target[key]
        else:
            return
    last = path[-1]
    if isinstance(target, dict) and isinstance(last, str):
        if value is DELETE:
            target.pop(last, None)
        else:
            target[last] = copy.deepcopy(value)
    elif isinstance(target, list) and isinstance(last, int) and last < len(target):
        if value is DELETE:
            del target[last]
        else:
            target[last] = copy.deepcopy(value)


@st.composite
def mutated_statements(draw):
    statement = copy.deepcopy(draw(st.sampled_from(package())))
    values = st.sampled_from([DELETE, *TRICKY]) | st.floats(allow_nan=False, allow_infinity=False)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        set_at(statement, draw(st.sampled_from(PATHS)), draw(values))
    return statement


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(statement=mutated_statements())
def test_what_the_sql_check_accepts_the_python_check_accepts(db, statement):
    if sql_accepts(statement):
        assert check_statements([statement], references=False) == []


# --- the merge writes what the ORM importer writes -----------------------------------


def snapshot():
    parties = set(
        Party.objects.values_list(
            "record_id",
            "record_type",
            "subtype",
            "name",
            "country",
            "is_component",
            "status",
            "statement_id",
            "statement_date",
            "source",
        )
    )
    relationships = set(
        Relationship.objects.values_list(
            "record_id",
            "subject_record_id",
            "interested_party_record_id",
            "unspecified_reason",
            "unspecified_description",
            "is_component",
            "status",
            "statement_id",
            "statement_date",
            "source",
        )
    )
    interests = sorted(
        Interest.objects.values_list(
            "relationship__record_id",
            "type",
            "direct_or_indirect",
            "share_min",
            "share_max",
            "start_date",
            "end_date",
            "details",
        ),
        key=repr,
    )
    identifiers = {p.record_id: p.identifiers for p in Party.objects.all()}
    return parties, relationships, interests, identifiers


def updates():
    """A second round: a newer statement, an older one, a closure, a same-day update."""
    newer = bods.owns("r-pa", "P", "A", subject=S, percent=75.0, date="2026-03-01")
    older = bods.owns("r-ga", "G", "A", subject=S, percent=99.0, date="2025-01-01")
    closed = {
        **bods.owns(
            "r-ua", bods.unspecified("unknown"), "A", subject=S, percent=20.0, date="2026-04-01"
        ),
        "recordStatus": "closed",
    }
    renamed = bods.entity("A", "Alpha SE", "DE", subject=S)  # same date: the later wins
    return [newer, older, closed, renamed]


def test_the_sql_merge_writes_the_same_records_as_the_orm(db):
    rounds = [list(enumerate(package(), 1)), list(enumerate(updates(), 1))]
    for statements in rounds:
        import_orm.apply([statement for _, statement in statements])
    by_orm = snapshot()
    for model in (Interest, Relationship, Party, ImportedStatement):
        model.objects.all().delete()

    for statements in rounds:
        stage = import_postgres.Stage()
        bods_import._stage_statements(stage, statements)
        stage.merge()

    assert snapshot() == by_orm


# --- raw JSON lines -------------------------------------------------------------------


def test_lines_postgresql_cannot_read_are_reported_and_the_others_imported(db, tmp_path):
    good = [dumped(statement) for statement in package()]
    lines = [
        good[0],
        b'{"statementId": "bad \\u0000 nul"}',  # JSON, but no text may hold U+0000
        good[1],
        b'{"name": "\xff\xfe not utf-8"}',
        b'{"share": NaN}',
        *good[2:],
    ]

    run = import_file(write_lines(tmp_path, lines))

    assert run.applied == len(good)
    assert [p["position"] for p in run.problems] == [2, 4, 5]


def test_a_statement_only_the_python_check_accepts_is_imported(db, tmp_path):
    # A leap day is left to the Python check by the SQL one; both accept it in the end.
    leap = bods.entity("L", "Leap Ltd", "GB", subject=S, date="2024-02-29")
    assert not sql_accepts(leap)

    run = import_file(write_lines(tmp_path, [dumped(leap)]))

    assert (run.applied, run.problems) == (1, [])
    assert Party.objects.current().get(record_id="L").statement_date == "2024-02-29"


def test_a_statement_refused_in_a_json_lines_file_names_its_line_and_field(db, tmp_path):
    broken = {**package()[0], "recordStatus": "gone"}

    run = import_file(write_lines(tmp_path, [dumped(package()[1]), b"", dumped(broken)]))

    assert run.problems == [
        {
            "position": 3,
            "statement_id": broken["statementId"],
            "errors": [
                {
                    "path": "recordStatus",
                    "message": "'gone' is not one of: closed, new, updated.",
                }
            ],
        }
    ]


def test_a_statement_twice_in_one_file_is_applied_once(db, tmp_path):
    statement = dumped(package()[0])

    run = import_file(write_lines(tmp_path, [statement, statement]))

    assert (run.applied, run.skipped) == (1, 1)


def test_windows_line_ends_and_tabs_between_tokens_are_read(db, tmp_path):
    text = json.dumps(package()[0], indent="\t").replace("\n", "").encode()
    path = tmp_path / "windows.jsonl"
    path.write_bytes(text + b"\r\n" + dumped(package()[1]) + b"\r\n")

    run = import_file(path)

    assert (run.applied, run.problems) == (2, [])


def test_an_older_statement_in_a_later_chunk_does_not_overwrite_a_newer_one(
    db, tmp_path, monkeypatch
):
    monkeypatch.setattr(bods_import, "CHUNK_SIZE", 1)
    newer = bods.entity("A", "Alpha SE", "DE", subject=S, date="2026-05-01")
    older = bods.entity("A", "Alpha AG", "DE", subject=S, date="2026-01-01")

    run = import_file(write_lines(tmp_path, [dumped(newer), dumped(older)]))

    assert run.applied == 2
    assert Party.objects.current().get(record_id="A").name == "Alpha SE"


@pytest.mark.parametrize("count", [0, 3])
def test_progress_is_counted_per_line_read(db, tmp_path, count):
    lines = [dumped(statement) for statement in package()[:count]] or [b"   "]

    run = import_file(write_lines(tmp_path, lines))

    assert (run.read, run.status) == (count, ImportRun.Status.DONE)


def test_a_file_staged_by_a_second_connection_is_merged_in_file_order(
    transactional_db, tmp_path, monkeypatch
):
    # Outside a transaction the import pipelines: a thread stages chunk n + 1 on its own
    # connection while chunk n is merged. Two statements per chunk here.
    monkeypatch.setattr(bods_import, "CHUNK_SIZE", 2)
    newer = bods.entity("A", "Alpha SE", "DE", subject=S, date="2026-05-01")
    older = bods.entity("A", "Alpha AG", "DE", subject=S, date="2026-01-01")
    same_day = bods.entity(
        "G", "Ministry of Finance (renamed)", "CN", subject=S, entity_type="stateBody"
    )
    lines = [dumped(s) for s in package()] + [
        dumped(newer),
        b"{oops",
        dumped(older),
        dumped(same_day),
    ]

    run = import_file(write_lines(tmp_path, lines))

    assert (run.read, run.applied, len(run.problems)) == (10, 9, 1)
    assert run.problems[0]["position"] == 8
    assert Party.objects.current().get(record_id="A").name == "Alpha SE"
    assert Party.objects.current().get(record_id="G").name == "Ministry of Finance (renamed)"
    assert Interest.objects.filter(relationship__record_id="r-ga").count() == 2
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'ownership_stage%%'")
        assert cursor.fetchone() == (0,)


def test_hostile_lines_are_problems_of_their_own_and_the_rest_imports(db, tmp_path):
    good = [dumped(statement) for statement in package()]
    lines = [
        good[0],
        b"[" * 200 + b"]" * 200,  # nesting Python's parser would recurse into
        b'{"statementId": ' + b"9" * 5000 + b"}",  # past Python's digits for an int
        *good[1:],
    ]

    run = import_file(write_lines(tmp_path, lines))

    assert run.applied == len(good)
    assert [p["position"] for p in run.problems] == [2, 3]
