"""Submitted versions: a paginated list without content, and each version in full."""

from tests.factories import openapi_schema, submitted_filing


def versions_url(filing_id):
    return f"/api/v1/filings/{filing_id}/versions/"


def amend_title(client, filing_id, title):
    response = client.post(
        f"/api/v1/filings/{filing_id}/amend/",
        {"changes": {"title": title}, "reason": "Renamed"},
        format="json",
    )
    assert response.status_code == 201, response.json()


def test_the_versions_are_paginated(investor):
    filing = submitted_filing(investor)["filing"]
    amend_title(investor, filing["id"], "Second")
    amend_title(investor, filing["id"], "Third")

    page = investor.get(versions_url(filing["id"]) + "?page_size=2").json()

    assert page["count"] == 3
    assert [version["number"] for version in page["results"]] == [1, 2]
    assert page["next"] is not None


def test_the_list_of_versions_leaves_out_their_content(investor):
    filing = submitted_filing(investor)["filing"]

    listed = investor.get(versions_url(filing["id"])).json()["results"][0]

    assert set(listed) == {
        "number",
        "kind",
        "reason",
        "submitted_at",
        "submitted_by",
        "receipt",
        "documents",
    }


def test_one_version_answers_with_its_full_content(investor):
    filing = submitted_filing(investor)["filing"]
    amend_title(investor, filing["id"], "Second")

    first = investor.get(versions_url(filing["id"]) + "1/").json()

    assert first["number"] == 1
    assert first["content"]["title"] == "Acquisition of 30 % of Zielwerk GmbH"


def test_a_version_keeps_its_content_after_an_amendment(investor):
    filing = submitted_filing(investor)["filing"]
    amend_title(investor, filing["id"], "Second")

    second = investor.get(versions_url(filing["id"]) + "2/").json()

    assert second["content"]["title"] == "Second"
    assert second["reason"] == "Renamed"


def test_a_version_not_yet_submitted_answers_404(investor):
    filing = submitted_filing(investor)["filing"]

    response = investor.get(versions_url(filing["id"]) + "2/")

    assert response.status_code == 404


def test_a_version_number_beyond_any_integer_answers_404(investor):
    filing = submitted_filing(investor)["filing"]

    response = investor.get(versions_url(filing["id"]) + "99999999999999999999/")

    assert response.status_code == 404


def test_another_organisations_version_answers_404(investor, other_investor):
    filing = submitted_filing(investor)["filing"]

    response = other_investor.get(versions_url(filing["id"]) + "1/")

    assert response.status_code == 404


def test_the_schema_gives_the_list_of_versions_only_its_page_parameters(db):
    operation = openapi_schema()["paths"]["/api/v1/filings/{id}/versions/"]["get"]

    assert {parameter["name"] for parameter in operation["parameters"]} == {
        "id",
        "page",
        "page_size",
    }
