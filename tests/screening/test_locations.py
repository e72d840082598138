"""Every 201 of the investor API says where the created resource is (`Location`)."""

import pytest

from tests.factories import complete_content, create_draft, openapi_schema, submitted_filing

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
API = "http://testserver/api/v1"


def test_a_new_draft_is_located(investor):
    response = investor.post("/api/v1/filings/", {"title": "t"}, format="json")

    assert response["Location"] == f"{API}/filings/{response.json()['id']}/"


def test_a_replayed_draft_is_located_like_the_first_answer(investor):
    content = complete_content()
    first = investor.post("/api/v1/filings/", content, format="json", HTTP_IDEMPOTENCY_KEY="c")

    replay = investor.post("/api/v1/filings/", content, format="json", HTTP_IDEMPOTENCY_KEY="c")

    assert replay["Idempotent-Replayed"] == "true"
    assert replay["Location"] == first["Location"]


def test_a_submission_locates_version_one(investor):
    draft = create_draft(investor)

    response = investor.post(f"/api/v1/filings/{draft['id']}/submit/")

    assert response["Location"] == f"{API}/filings/{draft['id']}/versions/1/"


def test_an_amendment_locates_its_new_version(investor):
    filing = submitted_filing(investor)["filing"]

    response = investor.post(
        f"/api/v1/filings/{filing['id']}/amend/",
        {"changes": {"title": "New title"}, "reason": "r"},
        format="json",
    )

    assert response["Location"] == f"{API}/filings/{filing['id']}/versions/2/"


def test_an_uploaded_document_is_located(investor):
    draft = create_draft(investor)
    file = _named(PDF, "spa.pdf")

    response = investor.post(
        f"/api/v1/filings/{draft['id']}/documents/", {"file": file}, format="multipart"
    )

    assert response["Location"] == f"{API}/filings/{draft['id']}/documents/{response.json()['id']}/"


def test_the_location_of_a_version_answers_with_that_version(investor):
    draft = create_draft(investor)
    location = investor.post(f"/api/v1/filings/{draft['id']}/submit/")["Location"]

    response = investor.get(location)

    assert response.status_code == 200
    assert response.json()["number"] == 1


def test_a_refused_request_has_no_location(investor):
    response = investor.post("/api/v1/filings/", {"title": 7 * [1]}, format="json")

    assert response.status_code == 400
    assert "Location" not in response


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/filings/",
        "/api/v1/filings/{id}/submit/",
        "/api/v1/filings/{id}/amend/",
        "/api/v1/filings/{filing_pk}/documents/",
    ],
)
def test_the_schema_documents_the_location_of_a_201(db, path):
    schema = openapi_schema()

    created = schema["paths"][path]["post"]["responses"]["201"]

    assert "Location" in created["headers"]


def _named(content, name):
    import io

    file = io.BytesIO(content)
    file.name = name
    return file
