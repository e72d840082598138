"""Idempotency-Key: a retried POST acts once and answers the same."""

import threading

import pytest
from django.db import connection

from screening.models import Filing, FilingVersion
from tests.factories import complete_content, create_draft, make_client


def test_a_retried_submit_returns_the_same_receipt(investor):
    draft = create_draft(investor)
    url = f"/api/v1/filings/{draft['id']}/submit/"

    first = investor.post(url, HTTP_IDEMPOTENCY_KEY="submit-1")
    retry = investor.post(url, HTTP_IDEMPOTENCY_KEY="submit-1")

    assert first.status_code == retry.status_code == 201
    assert retry.json()["receipt"] == first.json()["receipt"]
    assert retry["Idempotent-Replayed"] == "true"
    assert FilingVersion.objects.count() == 1


def test_a_retried_create_makes_one_filing(investor):
    content = complete_content()

    first = investor.post("/api/v1/filings/", content, format="json", HTTP_IDEMPOTENCY_KEY="c-1")
    retry = investor.post("/api/v1/filings/", content, format="json", HTTP_IDEMPOTENCY_KEY="c-1")

    assert retry.json()["id"] == first.json()["id"]
    assert Filing.objects.count() == 1


def test_a_key_reused_for_a_different_request_is_refused(investor):
    investor.post("/api/v1/filings/", {"title": "a"}, format="json", HTTP_IDEMPOTENCY_KEY="k")

    response = investor.post(
        "/api/v1/filings/", {"title": "b"}, format="json", HTTP_IDEMPOTENCY_KEY="k"
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["attr"] == "Idempotency-Key"


def test_keys_of_two_organisations_do_not_collide(investor, other_investor):
    investor.post("/api/v1/filings/", {"title": "a"}, format="json", HTTP_IDEMPOTENCY_KEY="k")

    response = other_investor.post(
        "/api/v1/filings/", {"title": "b"}, format="json", HTTP_IDEMPOTENCY_KEY="k"
    )

    assert response.status_code == 201
    assert response.json()["draft"]["title"] == "b"


def test_a_refused_request_is_not_remembered(investor):
    bad = {"value": {"amount": "1", "currency": "EURO"}}
    investor.post("/api/v1/filings/", bad, format="json", HTTP_IDEMPOTENCY_KEY="k")

    # The filer fixes nothing but the retry is acted on again (and refused again): an error
    # is not cached as if it were the answer.
    again = investor.post("/api/v1/filings/", bad, format="json", HTTP_IDEMPOTENCY_KEY="k")

    assert again.status_code == 400
    assert "Idempotent-Replayed" not in again


def test_an_overlong_key_is_a_field_error(investor):
    response = investor.post(
        "/api/v1/filings/", {"title": "a"}, format="json", HTTP_IDEMPOTENCY_KEY="x" * 256
    )

    assert response.json()["errors"][0]["attr"] == "Idempotency-Key"


def _in_parallel(calls):
    results = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def run(index, call):
        barrier.wait()
        try:
            results[index] = call()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submits_with_one_key_make_one_version():
    client = make_client()
    draft = create_draft(client)
    url = f"/api/v1/filings/{draft['id']}/submit/"
    second = make_client(client.organisation)

    results = _in_parallel(
        [
            lambda: client.post(url, HTTP_IDEMPOTENCY_KEY="same"),
            lambda: second.post(url, HTTP_IDEMPOTENCY_KEY="same"),
        ]
    )

    assert [r.status_code for r in results] == [201, 201]
    assert results[0].json()["receipt"] == results[1].json()["receipt"]
    assert FilingVersion.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submits_without_a_key_one_wins_one_gets_409():
    client = make_client()
    draft = create_draft(client)
    url = f"/api/v1/filings/{draft['id']}/submit/"
    second = make_client(client.organisation)

    results = _in_parallel([lambda: client.post(url), lambda: second.post(url)])

    assert sorted(r.status_code for r in results) == [201, 409]
    assert FilingVersion.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_simultaneous_submits_of_different_drafts_get_consecutive_references():
    client = make_client()
    second = make_client(client.organisation)
    drafts = [create_draft(client), create_draft(client)]

    results = _in_parallel(
        [
            lambda: client.post(f"/api/v1/filings/{drafts[0]['id']}/submit/"),
            lambda: second.post(f"/api/v1/filings/{drafts[1]['id']}/submit/"),
        ]
    )

    numbers = sorted(int(r.json()["filing"]["reference"].rsplit("-", 1)[1]) for r in results)
    assert numbers[1] == numbers[0] + 1


def test_a_key_with_control_characters_is_a_field_error(investor):
    response = investor.post(
        "/api/v1/filings/", {"title": "a"}, format="json", HTTP_IDEMPOTENCY_KEY="a\tb"
    )

    assert response.json()["errors"][0]["attr"] == "Idempotency-Key"
