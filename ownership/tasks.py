"""Celery tasks of the ownership app: thin wrappers around the importer, and the sweep
that queues an uploaded file's import again when its task was lost."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from celery import shared_task
from django.conf import settings
from django.db import connection
from django.utils import timezone

from core.queue import enqueue
from ownership.bods_import import import_file
from ownership.models import ImportRun

# pg_advisory_lock's first key for import runs (the second is the run's id).
IMPORT_LOCK = 4711


@shared_task(acks_late=True)
def import_bods_file(run_id: int, path: str) -> str:
    with _only_worker_on(run_id) as alone:
        if not alone:
            return "running elsewhere"  # a second delivery (the sweep's) while it runs
        run = ImportRun.objects.get(pk=run_id)
        if run.status in (ImportRun.Status.DONE, ImportRun.Status.FAILED):
            return run.status  # delivered twice: the import has ended
        try:
            # Idempotent by statement id: a rerun after a crash applies only what is missing.
            import_file(path, run=run)
        except Exception as error:  # the run records any failure for the person watching it
            ImportRun.objects.filter(pk=run_id).update(
                status=ImportRun.Status.FAILED,
                error=f"{type(error).__name__}: {error}",
                finished_at=timezone.now(),
                upload_path="",
            )
            Path(path).unlink(missing_ok=True)
            raise
        ImportRun.objects.filter(pk=run_id).update(upload_path="")
        Path(path).unlink(missing_ok=True)
    return ImportRun.Status.DONE


@contextmanager
def _only_worker_on(run_id: int) -> Iterator[bool]:
    """True for the one worker importing this run (a session lock on PostgreSQL, freed
    when the worker's connection ends, so a crashed worker's redelivery gets it)."""
    if connection.vendor != "postgresql":
        yield True  # the embedded default runs tasks in the request, one at a time
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [IMPORT_LOCK, run_id])
        locked = cursor.fetchone()[0]
    try:
        yield locked
    finally:
        if locked:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [IMPORT_LOCK, run_id])


def stalled_imports() -> list[ImportRun]:
    """Runs still queued long after their upload: their task was lost (Redis down or
    restarted) or has waited in the queue that long."""
    waited = timedelta(seconds=settings.IMPORT_REQUEUE_SECONDS)
    return list(
        ImportRun.objects.filter(
            status=ImportRun.Status.QUEUED, started_at__lt=timezone.now() - waited
        ).exclude(upload_path="")
    )


@shared_task
def requeue_stalled_imports() -> int:
    """Queue the stalled imports again (a run already being imported ignores the copy);
    a run whose file is gone fails, saying so, instead of waiting for ever."""
    stalled = stalled_imports()
    for run in stalled:
        if Path(run.upload_path).exists():
            enqueue(import_bods_file, run.pk, run.upload_path)
        else:
            ImportRun.objects.filter(pk=run.pk, status=ImportRun.Status.QUEUED).update(
                status=ImportRun.Status.FAILED,
                error="The uploaded file is no longer on the server; upload it again.",
                finished_at=timezone.now(),
                upload_path="",
            )
    return len(stalled)
