"""API keys: hashed at rest, shown once, revocable, scoped to their organisation."""

import json

from rest_framework.test import APIClient

from core.models import ApiKey, AuditEntry, IdempotentRequest


def test_a_valid_key_identifies_its_organisation(investor):
    response = investor.get("/api/v1/whoami/")

    assert response.status_code == 200
    assert response.json()["organisation"] == investor.organisation.name


def test_the_secret_is_not_stored(investor):
    stored = ApiKey.objects.get(organisation=investor.organisation)

    assert investor.secret not in {stored.secret_hash, stored.prefix}
    assert stored.secret_hash != ""


def test_a_new_key_is_shown_once_and_works(investor):
    created = investor.post("/api/v1/api-keys/", {"name": "ci"}, format="json")
    listed = investor.get("/api/v1/api-keys/")

    assert created.status_code == 201
    assert created.json()["secret"].startswith("fdi_")
    assert all("secret" not in key for key in listed.json()["results"])
    fresh = APIClient()
    fresh.credentials(HTTP_AUTHORIZATION=f"Bearer {created.json()['secret']}")
    whoami = fresh.get("/api/v1/whoami/").json()
    assert (whoami["organisation"], whoami["api_key"]) == (
        investor.organisation.name,
        created.json()["prefix"],
    )


def test_a_revoked_key_is_refused(investor):
    key = ApiKey.objects.get(organisation=investor.organisation)

    investor.post(f"/api/v1/api-keys/{key.id}/revoke/", {"reason": "leaked"}, format="json")

    response = investor.get("/api/v1/filings/")
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "authentication_failed"


def test_a_wrong_secret_with_a_real_prefix_is_refused(investor):
    prefix = ApiKey.objects.get(organisation=investor.organisation).prefix
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer fdi_{prefix}_guessed")

    assert client.get("/api/v1/filings/").status_code == 401


def test_no_credentials_answer_401(client, db):
    response = client.get("/api/v1/filings/")

    assert response.status_code == 401


def test_another_organisations_key_cannot_be_revoked(investor, other_investor):
    theirs = ApiKey.objects.get(organisation=other_investor.organisation)
    entries = AuditEntry.objects.filter(object_id=str(theirs.id)).count()

    response = investor.post(f"/api/v1/api-keys/{theirs.id}/revoke/", {}, format="json")

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None
    assert AuditEntry.objects.filter(object_id=str(theirs.id)).count() == entries
    assert other_investor.get("/api/v1/whoami/").json()["api_key"] == theirs.prefix


def test_a_key_issued_with_an_idempotency_key_keeps_no_secret_in_the_stored_answer(investor):
    created = investor.post(
        "/api/v1/api-keys/", {"name": "ci"}, format="json", HTTP_IDEMPOTENCY_KEY="issue-ci-1"
    )

    stored = IdempotentRequest.objects.get(key="issue-ci-1")
    secret = created.json()["secret"]
    assert secret.startswith("fdi_")
    body = stored.response_body
    assert isinstance(body, dict)
    assert secret not in json.dumps(body)
    assert body["secret"] is None


def test_a_replayed_key_issue_answers_the_same_key_without_its_secret(investor):
    first = investor.post(
        "/api/v1/api-keys/", {"name": "ci"}, format="json", HTTP_IDEMPOTENCY_KEY="issue-ci-2"
    )
    replay = investor.post(
        "/api/v1/api-keys/", {"name": "ci"}, format="json", HTTP_IDEMPOTENCY_KEY="issue-ci-2"
    )

    assert (replay.status_code, replay["Idempotent-Replayed"]) == (201, "true")
    assert replay.json()["id"] == first.json()["id"]
    assert replay.json()["secret"] is None
    assert ApiKey.objects.filter(name="ci").count() == 1


def test_an_issued_key_answer_says_where_the_key_is(investor):
    created = investor.post("/api/v1/api-keys/", {"name": "ci"}, format="json")

    assert created["Location"].endswith(f"/api/v1/api-keys/{created.json()['id']}/")
    shown = investor.get(created["Location"]).json()
    assert (shown["id"], shown["name"], shown["is_active"]) == (created.json()["id"], "ci", True)


def test_an_idempotency_key_reused_for_another_key_issues_nothing(investor):
    investor.post(
        "/api/v1/api-keys/", {"name": "ci"}, format="json", HTTP_IDEMPOTENCY_KEY="issue-ci-3"
    )

    other = investor.post(
        "/api/v1/api-keys/", {"name": "deploy"}, format="json", HTTP_IDEMPOTENCY_KEY="issue-ci-3"
    )

    assert other.status_code == 422
    assert other.json()["errors"][0]["attr"] == "Idempotency-Key"
    listed = investor.get("/api/v1/api-keys/").json()["results"]
    assert sorted(key["name"] for key in listed) == ["ci", "test"]  # "test": the fixture's


def test_a_key_without_a_name_is_refused(investor):
    response = investor.post("/api/v1/api-keys/", {"purpose": "ci"}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "name"


def test_a_key_named_with_a_number_is_refused(investor):
    # Found by the schema fuzzer: a number was turned into its digits as the key's name.
    response = investor.post("/api/v1/api-keys/", {"name": 1.5161679535626864e16}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "name"
