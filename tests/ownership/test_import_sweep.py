"""An uploaded file whose import task was lost (Redis down at upload) is imported by the
sweep; a second delivery while an import runs leaves it to the first."""

import json
from datetime import timedelta

import psycopg
import pytest
from django.db import connection
from django.utils import timezone

from ownership.models import ImportRun
from ownership.tasks import IMPORT_LOCK, import_bods_file, requeue_stalled_imports
from tests.ownership.test_import_and_resolve import cross_holding
from tests.ownership.test_import_api import upload
from tests.ownership.test_resolution_api import staff
from tests.reviews.conftest import eager_tasks  # noqa: F401 - tasks run in the test


@pytest.fixture
def queued(django_user_model, client, settings, tmp_path):
    """An upload accepted (202) whose task never ran: its on-commit queuing is not
    executed in a test transaction, as if the broker had been down."""
    settings.MEDIA_ROOT = tmp_path / "media"
    response = upload(staff(django_user_model, client), json.dumps(cross_holding()).encode())
    assert response.status_code == 202
    return ImportRun.objects.get(pk=response.json()["id"])


@pytest.mark.usefixtures("eager_tasks")
def test_a_fresh_upload_is_left_to_its_own_task(queued):
    assert requeue_stalled_imports() == 0


@pytest.mark.usefixtures("eager_tasks")
def test_the_sweep_imports_an_upload_whose_task_was_lost(queued):
    ImportRun.objects.filter(pk=queued.pk).update(started_at=timezone.now() - timedelta(hours=1))

    requeue_stalled_imports()

    queued.refresh_from_db()
    assert (queued.status, queued.applied, queued.upload_path) == ("done", 8, "")


def test_a_second_delivery_while_the_import_runs_leaves_it_alone(queued):
    settings = connection.settings_dict
    other = psycopg.connect(
        host=settings["HOST"], port=settings["PORT"], user=settings["USER"], dbname=settings["NAME"]
    )
    try:
        with other.cursor() as cursor:  # another worker importing this run
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", [IMPORT_LOCK, queued.pk])

        answer = import_bods_file(queued.pk, queued.upload_path)
    finally:
        other.close()

    queued.refresh_from_db()
    assert (answer, queued.status, queued.applied) == ("running elsewhere", "queued", 0)


def test_a_stalled_upload_whose_file_is_gone_fails_saying_so(queued):
    from pathlib import Path

    Path(queued.upload_path).unlink()
    ImportRun.objects.filter(pk=queued.pk).update(started_at=timezone.now() - timedelta(hours=1))

    requeue_stalled_imports()

    queued.refresh_from_db()
    assert queued.status == "failed"
    assert "upload it again" in queued.error
