"""BODS import into PostgreSQL, then resolution through the loader and the command."""

import gzip
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from ownership.bods_import import import_file
from ownership.models import Interest, Party, Relationship
from ownership.pure import statements as bods
from ownership.services import resolve_record
from tests.ownership import PROMISED_KEYS

ON = date(2026, 6, 1)
S = "target"


def cross_holding():
    # docs/ownership.md §3.2: X 70 % of A, B 30 % of A, A 50 % of B, Y 50 % of B.
    return [
        bods.entity("A", "Alpha AG", "DE", subject=S),
        bods.entity("B", "Beta Ltd", "SG", subject=S),
        bods.person("X", "Xu Lin", "SG", subject=S),
        bods.entity("Y", "Ypsilon LLC", "US", subject=S),
        bods.owns("r-xa", "X", "A", subject=S, percent=70.0),
        bods.owns("r-ba", "B", "A", subject=S, percent=30.0),
        bods.owns("r-ab", "A", "B", subject=S, percent=50.0),
        bods.owns("r-yb", "Y", "B", subject=S, percent=50.0),
    ]


def write(tmp_path, statements, name="package.json"):
    path = tmp_path / name
    path.write_text(json.dumps(statements))
    return path


def owners(result):
    return {o["record_id"]: round(o["ownership"]["min"], 2) for o in result["ultimate_owners"]}


def test_an_imported_cross_holding_resolves_to_82_35_and_17_65(db, tmp_path):
    import_file(write(tmp_path, cross_holding()))

    result = resolve_record("A", as_of=ON)

    assert owners(result) == {"X": 82.35, "Y": 17.65}


def test_reimporting_the_same_file_changes_nothing(db, tmp_path):
    path = write(tmp_path, cross_holding())
    import_file(path)
    before = list(Interest.objects.values_list("relationship__record_id", "share_min"))

    run = import_file(path)

    assert (run.applied, run.skipped) == (0, 8)
    assert list(Interest.objects.values_list("relationship__record_id", "share_min")) == before


def test_json_lines_and_gzip_are_read_alike(db, tmp_path):
    lines = "\n".join(json.dumps(s) for s in cross_holding())
    path = tmp_path / "package.jsonl.gz"
    path.write_bytes(gzip.compress(lines.encode()))

    run = import_file(path)

    assert run.applied == 8
    assert owners(resolve_record("A", as_of=ON)) == {"X": 82.35, "Y": 17.65}


def test_a_later_statement_updates_the_record(db, tmp_path):
    import_file(write(tmp_path, cross_holding()))
    update = bods.owns("r-xa", "X", "A", subject=S, percent=60.0, date="2026-03-01")
    update["recordStatus"] = "updated"

    import_file(write(tmp_path, [update], "update.json"))

    assert (
        Interest.objects.get(
            relationship__record_id="r-xa", relationship__valid_to__isnull=True, type="shareholding"
        ).share_min
        == 60
    )


def test_an_older_statement_does_not_overwrite_a_newer_one(db, tmp_path):
    newer = bods.owns("r-xa", "X", "A", subject=S, percent=60.0, date="2026-03-01")
    older = bods.owns("r-xa", "X", "A", subject=S, percent=10.0, date="2025-01-01")

    import_file(write(tmp_path, [*cross_holding()[:4], newer, older]))

    assert (
        Interest.objects.get(
            relationship__record_id="r-xa", relationship__valid_to__isnull=True, type="shareholding"
        ).share_min
        == 60
    )


def test_a_closed_relationship_is_no_longer_an_edge(db, tmp_path):
    import_file(write(tmp_path, cross_holding()))
    closing = bods.owns("r-yb", "Y", "B", subject=S, percent=50.0, date="2026-04-01")
    closing["recordStatus"] = "closed"

    import_file(write(tmp_path, [closing], "close.json"))

    # Y is gone; X keeps 0.7 / (1 - 0.3 * 0.5) = 82.35 % (the other half of B now has
    # no declared owner, so nobody else appears).
    assert owners(resolve_record("A", as_of=ON)) == {"X": 82.35}


def test_an_indirect_summary_with_component_records_is_not_added_on_top(db, tmp_path):
    s = "c"
    chain = [
        bods.entity("c", "Cee GmbH", "DE", subject=s),
        bods.entity("m", "Mid Ltd", "GB", subject=s),
        bods.person("p", "Pat Doe", "GB", subject=s),
        bods.owns("r-mc", "m", "c", subject=s, percent=60.0),
        bods.owns("r-pm", "p", "m", subject=s, percent=50.0),
    ]
    summary = bods.owns(
        "r-pc", "p", "c", bods.interest("shareholding", exact=30.0, direct=False), subject=s
    )
    summary["recordDetails"]["componentRecords"] = ["r-mc", "r-pm"]

    import_file(write(tmp_path, [*chain, summary]))

    # 0.5 * 0.6 = 30 %, counted once: the summary is not a second 30 % edge.
    assert owners(resolve_record("c", as_of=ON)) == {"p": 30.0}
    assert Relationship.objects.current().get(record_id="r-pc").is_summary


def test_invalid_statements_are_reported_with_their_position_and_the_rest_imported(db, tmp_path):
    statements = cross_holding()
    statements[1] = {**statements[1], "recordType": "company"}

    run = import_file(write(tmp_path, statements))

    assert run.applied == 7
    assert run.problems[0]["position"] == 2
    assert run.problems[0]["errors"][0]["path"] == "recordType"


def test_a_line_that_is_not_json_is_reported(db, tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_text(json.dumps(cross_holding()[0]) + "\n{not json\n")

    run = import_file(path)

    assert (run.applied, run.problems[0]["position"]) == (1, 2)


def test_the_command_prints_one_json_object_with_the_promised_keys(db, tmp_path, capsys):
    call_command("import_bods", str(write(tmp_path, cross_holding())))
    capsys.readouterr()

    call_command("resolve_ownership", "A", "--as-of", "2026-06-01", "--json")

    result = json.loads(capsys.readouterr().out)
    assert set(result) == PROMISED_KEYS
    assert result["subject"] == {"record_id": "A", "name": "Alpha AG"}


def test_the_command_refuses_an_unknown_record(db):
    with pytest.raises(CommandError):
        call_command("resolve_ownership", "nobody", "--json")


def test_a_person_upstream_is_a_beneficial_owner_after_import(db, tmp_path):
    import_file(write(tmp_path, cross_holding()))

    result = resolve_record("A", as_of=ON)

    assert [o["record_id"] for o in result["beneficial_owners"]] == ["X"]
    assert Party.objects.current().get(record_id="X").record_type == "person"
