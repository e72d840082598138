"""`manage.py match_names`: a file of names in, their candidates out, line by line.

The expected scores follow from the scorer's rules (docs/matching.md): the same name is
100 ("identical name"), and agreeing countries and birth dates take nothing off; a
shared LEI alone scores 95 and is the only reason given when the names do not compare.
"""

import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from ownership import name_search
from ownership.ftm_import import import_ftm

LEI = "5299000J2N45DDNE4Y28"
LIST = [
    {
        "id": "os-gazprom",
        "schema": "Company",
        "properties": {"name": ["Gazprom"], "country": ["ru"], "topics": ["gov.soe"]},
    },
    {
        "id": "os-petrov",
        "schema": "Person",
        "properties": {
            "name": ["Ivan Petrov"],
            "birthDate": ["1961-05-08"],
            "topics": ["role.pep"],
        },
    },
    {
        "id": "os-acme",
        "schema": "Company",
        "properties": {
            "name": ["Acme Universal Logistics"],
            "leiCode": [LEI],
            "topics": ["sanction"],
        },
    },
]
NAMES: list[Any] = [
    {
        "id": "q1",
        "name": "Gazprom",
        "schema": "Company",
        "country": "RU",
        "expected": "os-gazprom",  # the labelled set's own keys, ignored
        "class": "exact",
        "split": "test",
    },
    "this line is not JSON",
    {"id": 7, "name": "Ivan Petrov", "schema": "Person", "birth_date": "1961-05-08"},
    {"id": "q4", "schema": "Company"},
    {
        "id": "q5",
        "name": "Blue Sky Ventures",
        "schema": "Organization",
        "identifiers": [{"scheme": "XI-LEI", "value": LEI}],
    },
    {"id": "q6", "name": "Zzyzx Quortle", "schema": "LegalEntity"},
]
EXPECTED = [
    {
        "id": "q1",
        "candidates": [
            {
                "entity_id": "os-gazprom",
                "name": "Gazprom",
                "score": 100.0,
                "topics": ["gov.soe"],
                "reasons": ["identical name", "same country (RU)"],
            }
        ],
    },
    {
        "id": 7,
        "candidates": [
            {
                "entity_id": "os-petrov",
                "name": "Ivan Petrov",
                "score": 100.0,
                "topics": ["role.pep"],
                "reasons": ["identical name", "same birth date"],
            }
        ],
    },
    {
        "id": "q5",
        "candidates": [
            {
                "entity_id": "os-acme",
                "name": "Acme Universal Logistics",
                "score": 95.0,
                "topics": ["sanction"],
                "reasons": [f"same LEI {LEI}"],
            }
        ],
    },
    {"id": "q6", "candidates": []},
]


@pytest.fixture
def files(db, tmp_path):
    (tmp_path / "list.jsonl").write_text("\n".join(json.dumps(e) for e in LIST))
    import_ftm(tmp_path / "list.jsonl")
    names = tmp_path / "names.jsonl"
    names.write_text("".join((json.dumps(n) if isinstance(n, dict) else n) + "\n" for n in NAMES))
    return names


def match(names, *options):
    output = names.parent / "out.jsonl"
    call_command("match_names", str(names), "--output", str(output), *options)
    return [json.loads(line) for line in output.read_text().splitlines()]


def test_each_name_gets_its_candidates_in_the_order_of_the_input(files):
    assert match(files) == EXPECTED


def test_a_bad_line_is_reported_with_its_number_and_skipped(files, capsys):
    match(files)

    assert capsys.readouterr().err.splitlines() == [
        "line 2: The body is not valid JSON: Expecting value: line 1 column 1 (char 0).",
        "line 4: name: This field is required: a name that is not blank.",
        "4 names screened, 2 lines refused.",
    ]


def test_a_higher_threshold_leaves_out_the_lower_scores(files):
    screened = match(files, "--threshold", "99")

    assert [[c["score"] for c in line["candidates"]] for line in screened] == [
        [100.0],
        [100.0],
        [],
        [],
    ]


def test_the_limit_keeps_the_best_candidates(files, tmp_path):
    twin = {**LIST[0], "id": "os-gazprom-2"}
    (tmp_path / "twin.jsonl").write_text(json.dumps({"op": "ADD", "entity": twin}))
    import_ftm(tmp_path / "twin.jsonl")

    first = match(files, "--limit", "1")[0]

    assert [c["entity_id"] for c in first["candidates"]] == ["os-gazprom"]


def test_the_candidates_go_to_stdout_without_an_output_file(files, capsys):
    call_command("match_names", str(files))

    assert [json.loads(line) for line in capsys.readouterr().out.splitlines()] == EXPECTED


def test_a_threshold_outside_0_to_100_is_refused(files):
    with pytest.raises(CommandError, match="--threshold"):
        match(files, "--threshold", "101")


@pytest.mark.django_db(transaction=True)  # the workers read the list over their own connections
def test_two_workers_write_what_one_writes(files):
    assert match(files, "--workers", "2") == EXPECTED


def test_since_an_import_only_what_it_added_or_changed_is_screened(files, tmp_path):
    twin = {**LIST[0], "id": "os-gazprom-2"}
    (tmp_path / "twin.jsonl").write_text(json.dumps({"op": "ADD", "entity": twin}))
    delta = import_ftm(tmp_path / "twin.jsonl")

    screened = match(files, "--changed-since-import", str(delta.pk))

    # Gazprom finds the twin the delta added, not the Gazprom listed before; Ivan Petrov
    # and the LEI's company were not written by it: nothing
    assert [[c["entity_id"] for c in line["candidates"]] for line in screened] == [
        ["os-gazprom-2"],
        [],
        [],
        [],
    ]


def test_an_import_that_does_not_exist_is_refused(files):
    with pytest.raises(CommandError, match="No list import 999"):
        match(files, "--changed-since-import", "999")


def test_more_changes_than_are_worth_picking_out_screen_the_whole_list(
    files, tmp_path, monkeypatch
):
    monkeypatch.setattr(name_search, "CHANGED_AT_MOST", 0)  # the one entity added is more
    twin = {**LIST[0], "id": "os-gazprom-2"}
    (tmp_path / "twin.jsonl").write_text(json.dumps({"op": "ADD", "entity": twin}))
    delta = import_ftm(tmp_path / "twin.jsonl")

    screened = match(files, "--changed-since-import", str(delta.pk))

    assert [c["entity_id"] for c in screened[0]["candidates"]] == ["os-gazprom", "os-gazprom-2"]
