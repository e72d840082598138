"""What reaches the API's edge that no endpoint expects: deep or odd JSON, chunked
bodies, wrong paths, filters the database cannot compare. Each answers 4xx in the one
error shape (`{type, errors: [{code, detail, attr}]}`), never a 500 or an HTML page."""

import pytest

from tests.factories import create_draft

DEEP = ("[" * 950 + "]" * 950).encode()


def error_shape(response):
    body = response.json()
    assert set(body) == {"type", "errors"}
    for error in body["errors"]:
        assert isinstance(error["code"], str) and error["code"]
        assert isinstance(error["detail"], str) and error["detail"]
    return body


def deep_filing_body():
    return b'{"ownership_statements": ' + DEEP + b"}"


@pytest.mark.parametrize("method", ["post", "patch"])
def test_deeply_nested_json_is_refused_with_400(investor, method):
    filing = create_draft(investor)
    path = "/api/v1/filings/" if method == "post" else f"/api/v1/filings/{filing['id']}/"

    response = getattr(investor, method)(
        path, data=deep_filing_body(), content_type="application/json"
    )

    assert response.status_code == 400
    assert error_shape(response)["errors"][0]["code"] == "parse_error"
    assert "nest deeper than 64" in response.json()["errors"][0]["detail"]


def test_deeply_nested_json_to_the_api_keys_is_refused_with_400(investor):
    response = investor.post(
        "/api/v1/api-keys/", data=b'{"name": ' + DEEP + b"}", content_type="application/json"
    )

    assert response.status_code == 400


def test_deeply_nested_json_to_the_node_inbox_is_refused_unparsed(client, db):
    # No signature at all: refused before the body is read as JSON, so the depth never
    # matters (401 from the signature check, not a RecursionError).
    response = client.post(
        "/api/v1/cooperation/messages/", data=DEEP, content_type="application/json"
    )

    # 401, the signature's answer; parsing first would have answered 400 (too deep).
    assert response.status_code == 401
    assert error_shape(response)["errors"][0]["code"] == "bad_signature"


@pytest.mark.parametrize(
    "body",
    [
        b'{"title": NaN}',
        b'{"title": Infinity}',
        b'{"value": {"amount": 1e999}}',
        b'{"title": ' + b"9" * 5000 + b"}",
        b"\xff\xfe{}",
    ],
    ids=["nan", "infinity", "overflowing-float", "5000-digit-int", "not-utf8"],
)
def test_json_a_database_cannot_store_is_refused_with_400(investor, body):
    response = investor.post("/api/v1/filings/", data=body, content_type="application/json")

    assert response.status_code == 400
    error_shape(response)


def test_a_chunked_body_is_refused_with_411_not_read_as_empty(investor):
    filing = create_draft(investor)

    response = investor.patch(
        f"/api/v1/filings/{filing['id']}/",
        data=b'{"title": "changed"}',
        content_type="application/json",
        HTTP_TRANSFER_ENCODING="chunked",
    )

    assert response.status_code == 411
    assert error_shape(response)["errors"][0]["code"] == "length_required"
    assert investor.get(f"/api/v1/filings/{filing['id']}/").json()["title"] == filing["title"]


def test_a_post_to_an_api_path_without_its_slash_gets_a_json_404_naming_the_path(client, db):
    response = client.post("/api/v1/filings", data={}, content_type="application/json")

    assert response.status_code == 404
    assert "/api/v1/filings/" in error_shape(response)["errors"][0]["detail"]


def test_a_post_to_an_unmatched_api_path_gets_a_json_404_not_a_csrf_page(investor):
    response = investor.post(
        "/api/v1/filings/00000000-0000-0000-0000-000000000000/information-requests/-1/",
        data={},
        format="json",
    )

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    error_shape(response)


def test_a_filter_date_the_database_cannot_compare_has_an_error_code(investor):
    response = investor.get("/api/v1/filings/?created_after=0573-07-11T12:10:03Z")

    assert response.status_code == 400
    assert error_shape(response)["errors"][0] == {
        "code": "invalid",
        "detail": "Give a year between 1900 and 2200.",
        "attr": "created_after",
    }


def test_api_answers_are_never_cached(investor):
    assert investor.get("/api/v1/filings/")["Cache-Control"] == "no-store"
    assert investor.get("/api/v1/no-such-thing/")["Cache-Control"] == "no-store"


def test_a_filter_given_without_a_value_is_refused_not_ignored(investor):
    response = investor.get("/api/v1/filings/?submitted_before=")

    assert response.status_code == 400
    assert error_shape(response)["errors"][0]["attr"] == "submitted_before"


@pytest.mark.parametrize("page_size", ["null", "0", "-3", "201"])
def test_a_page_size_the_api_cannot_use_is_refused_not_ignored(investor, page_size):
    response = investor.get(f"/api/v1/filings/?page_size={page_size}")

    assert response.status_code == 400
    assert error_shape(response)["errors"][0]["attr"] == "page_size"


def test_a_put_without_content_is_refused_and_keeps_the_draft(investor):
    filing = create_draft(investor)

    response = investor.put(f"/api/v1/filings/{filing['id']}/")

    assert response.status_code == 400
    assert investor.get(f"/api/v1/filings/{filing['id']}/").json()["title"] == filing["title"]


def test_a_draft_may_start_with_no_body(investor):
    response = investor.post("/api/v1/filings/")

    assert response.status_code == 201
    assert response.json()["draft"] == {}


def test_a_misspelt_section_of_a_draft_is_refused_not_dropped(investor):
    filing = create_draft(investor)

    response = investor.patch(
        f"/api/v1/filings/{filing['id']}/", {"valeu": {"amount": "1"}}, format="json"
    )

    assert response.status_code == 400
    assert error_shape(response)["errors"][0]["attr"] == "valeu"
