"""`/healthz` reports the database, Redis and the Celery worker as they really are."""

import time
import uuid
from pathlib import Path

import pytest

from tests.workers import celery_worker

ROOT = Path(__file__).resolve().parents[2]


def test_health_is_degraded_when_no_worker_answers(client, db, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False

    response = client.get("/healthz")

    body = response.json()
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["redis"]["status"] == "ok"
    assert body["checks"]["celery"]["status"] == "down"
    assert response.status_code == 503


def test_health_reports_redis_down(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1

    response = client.get("/healthz")

    assert response.json()["checks"]["redis"]["status"] == "down"
    assert response.status_code == 503


@pytest.fixture
def celery_worker_process():
    """A real Celery worker on Redis, as production runs it. Its own queue: it answers
    pings but takes none of the tasks other tests queued."""
    with celery_worker(queue=f"health-{uuid.uuid4().hex[:8]}") as name:
        yield name


@pytest.mark.worker
def test_health_is_ok_with_a_live_worker(client, db, settings, celery_worker_process):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    deadline = time.monotonic() + 60
    while True:
        response = client.get("/healthz")
        workers = response.json()["checks"]["celery"].get("workers", [])
        if celery_worker_process in workers or time.monotonic() > deadline:
            break
        time.sleep(0.5)

    assert celery_worker_process in workers
    assert response.status_code == 200
