"""POST /api/v1/ownership/name-screening/: names screened as `match_names` screens them,
for the authority's staff only, with every bad item named by its place and field."""

import json
from typing import Any

import pytest

from ownership.api import MAX_NAMES
from ownership.ftm_import import import_ftm
from tests.ownership.test_resolution_api import staff

URL = "/api/v1/ownership/name-screening/"
GAZPROM = {
    "id": "os-gazprom",
    "schema": "Company",
    "properties": {"name": ["Gazprom"], "country": ["ru"], "topics": ["gov.soe"]},
}
NAMES: list[dict[str, Any]] = [
    {"id": "q1", "name": "Gazprom", "schema": "Company", "country": "RU"},
    {"id": 2, "name": "Zzyzx Quortle", "schema": "Person"},
]
SCREENED = [
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
    {"id": 2, "candidates": []},
]


@pytest.fixture
def officer(db, tmp_path, django_user_model, client):
    (tmp_path / "list.jsonl").write_text(json.dumps(GAZPROM))
    import_ftm(tmp_path / "list.jsonl")
    return staff(django_user_model, client)


def post(client, body, content_type="application/json"):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(URL, data, content_type=content_type)


def test_staff_get_each_names_candidates_in_order(officer):
    response = post(officer, NAMES)

    assert (response.status_code, response.json()) == (200, SCREENED)


def test_json_lines_are_screened_as_an_array_is(officer):
    lines = "\n".join(json.dumps(name) for name in NAMES)

    response = post(officer, lines, content_type="application/x-ndjson")

    assert (response.status_code, response.json()) == (200, SCREENED)


def test_investors_may_not_screen_names(investor):
    response = investor.post(URL, NAMES, format="json")

    assert response.status_code == 403


def test_more_names_than_a_request_takes_are_unprocessable(officer):
    response = post(officer, [NAMES[1]] * (MAX_NAMES + 1))

    assert (response.status_code, response.json()["errors"][0]["code"]) == (
        422,
        "too_many_names",
    )


def test_a_bad_field_is_named_by_the_items_place(officer):
    response = post(officer, [NAMES[0], {**NAMES[1], "schema": "Vessel"}])

    assert response.status_code == 400
    assert [e["attr"] for e in response.json()["errors"]] == ["1.schema"]


def test_an_identifier_without_a_value_is_named_to_its_field(officer):
    item = {**NAMES[0], "identifiers": [{"scheme": "XI-LEI"}]}

    response = post(officer, [item])

    assert [e["attr"] for e in response.json()["errors"]] == ["0.identifiers.0.value"]


def test_a_body_that_is_not_a_list_is_refused(officer):
    response = post(officer, NAMES[0])

    assert (response.status_code, response.json()["errors"][0]["attr"]) == (400, None)


def test_a_json_line_that_is_not_json_is_refused_by_its_number(officer):
    lines = json.dumps(NAMES[0]) + "\n{oops\n"

    response = post(officer, lines, content_type="application/x-ndjson")

    assert response.status_code == 400
    assert response.json()["errors"][0]["detail"].startswith("Line 2: ")
