"""The OpenAPI schema describes every endpoint without warnings; the docs page is served."""

import pytest
from django.core.management import call_command


def test_the_schema_generates_without_warnings(db, tmp_path):
    # --fail-on-warn makes any warning (an untyped field, an unnamed enum) an error.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", tmp_path / "s.yml")


@pytest.mark.parametrize(
    ("path", "operation"),
    [
        ("/api/v1/filings/", "post"),
        ("/api/v1/filings/{id}/submit/", "post"),
        ("/api/v1/filings/{id}/amend/", "post"),
        ("/api/v1/filings/{id}/withdraw/", "post"),
        ("/api/v1/filings/{filing_pk}/documents/", "post"),
        ("/api/v1/filings/{id}/versions/", "get"),
    ],
)
def test_the_schema_documents_the_investor_operations(client, db, path, operation):
    schema = client.get("/api/schema/?format=json").json()

    assert operation in schema["paths"][path]


def test_the_schema_documents_field_errors_of_a_submission(client, db):
    schema = client.get("/api/schema/?format=json").json()

    responses = schema["paths"]["/api/v1/filings/{id}/submit/"]["post"]["responses"]
    assert {"201", "404", "409", "422"} <= set(responses)


def test_the_interactive_docs_are_served_from_this_node(client, db):
    response = client.get("/api/docs/")

    assert response.status_code == 200
    assert b"swagger-ui" in response.content
    assert b"cdn.jsdelivr" not in response.content


@pytest.mark.parametrize(
    ("audience", "operation", "absent"),
    [
        ("investor", "/api/v1/filings/", "/api/v1/cases/"),
        ("staff", "/api/v1/cases/", "/api/v1/filings/"),
        ("node", "/api/v1/cooperation/messages/", "/api/v1/cases/"),
    ],
)
def test_each_audience_has_a_schema_of_its_own_operations(client, db, audience, operation, absent):
    schema = client.get(f"/api/schema/{audience}/?format=json").json()

    assert audience in schema["info"]["title"]
    assert operation in schema["paths"]
    assert absent not in schema["paths"]


@pytest.mark.parametrize("audience", ["staff", "node"])
def test_the_staff_and_node_docs_pages_load_their_own_audiences_schema(client, db, audience):
    page = client.get(f"/api/docs/{audience}/").content.decode()
    script = client.get(f"/api/docs/{audience}/?script=").content.decode()

    # The page runs Swagger UI with its own script, which loads this audience's schema.
    assert '<div id="swagger-ui"></div>' in page
    assert f'<script src="/api/docs/{audience}/?script="></script>' in page
    assert f'url: "/api/schema/{audience}/"' in script
