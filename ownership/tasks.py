"""Celery tasks of the ownership app: thin wrappers around the importer."""

from pathlib import Path

from celery import shared_task
from django.utils import timezone

from ownership.importer import import_file
from ownership.models import ImportRun


@shared_task(acks_late=True)
def import_bods_file(run_id: int, path: str) -> str:
    run = ImportRun.objects.get(pk=run_id)
    if run.status == ImportRun.Status.DONE:
        return run.status  # delivered twice: the import is already done
    try:
        # Idempotent by statement id: a rerun after a crash applies only what is missing.
        import_file(path, run=run)
    except Exception as error:  # the run records any failure for the person watching it
        ImportRun.objects.filter(pk=run_id).update(
            status=ImportRun.Status.FAILED,
            error=f"{type(error).__name__}: {error}",
            finished_at=timezone.now(),
        )
        raise
    finally:
        Path(path).unlink(missing_ok=True)
    return ImportRun.Status.DONE
