"""Uploading BODS through the API: imported by a real Celery worker, progress readable."""

import io
import json
import time
from pathlib import Path

import pytest

from config.celery import app as celery_app
from tests.ownership.test_import_and_resolve import cross_holding
from tests.ownership.test_resolution_api import staff
from tests.workers import celery_worker

ROOT = Path(__file__).resolve().parents[2]


def upload(client, content: bytes, name="package.json"):
    file = io.BytesIO(content)
    file.name = name
    return client.post("/api/v1/ownership/imports/", {"file": file}, format="multipart")


@pytest.fixture
def worker(settings, tmp_path):
    """A Celery worker on Redis using this test's database and media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    celery_app.control.purge()  # tasks other tests left in the queue are not ours
    with celery_worker(env={"DATABASE_URL": url, "MEDIA_ROOT": str(settings.MEDIA_ROOT)}):
        yield


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_an_uploaded_file_is_imported_by_the_worker(worker, django_user_model, client):
    officer = staff(django_user_model, client)

    queued = upload(officer, json.dumps(cross_holding()).encode())

    assert queued.status_code == 202
    deadline = time.monotonic() + 90
    while True:
        run = officer.get(f"/api/v1/ownership/imports/{queued.json()['id']}/").json()
        if run["status"] in ("done", "failed") or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert (run["status"], run["applied"], run["problem_count"]) == ("done", 8, 0)
    resolution = officer.get("/api/v1/ownership/parties/A/resolution/?as_of=2026-06-01").json()
    assert {o["record_id"] for o in resolution["ultimate_owners"]} == {"X", "Y"}


def test_an_upload_without_a_file_names_the_field(db, django_user_model, client):
    response = staff(django_user_model, client).post(
        "/api/v1/ownership/imports/", {}, format="multipart"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "file"


def test_investors_cannot_upload_to_the_register(investor):
    response = upload(investor, b"[]")

    assert response.status_code == 403


def test_an_unknown_import_answers_404(db, django_user_model, client):
    response = staff(django_user_model, client).get("/api/v1/ownership/imports/999999/")

    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"
