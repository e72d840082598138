"""Resolution of a stored record: load its upstream structure, run the engine."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from core.actors import Actor
from core.pure.codes import is_third_country
from core.queue import enqueue
from core.services import record_audit
from ownership.models import ImportRun, Party
from ownership.pure.resolution import DEFAULT_BENEFICIAL_THRESHOLD, resolve
from ownership.structure_query import load_structure
from ownership.tasks import import_bods_file


class UnknownRecord(LookupError):
    pass


def resolve_record(record_id: str, *, as_of: date) -> dict[str, Any]:
    if not Party.objects.filter(record_id=record_id).exists():
        raise UnknownRecord(record_id)
    return resolve(
        record_id,
        load_structure(record_id, as_of),
        as_of=as_of,
        is_third_country=is_third_country,
        beneficial_threshold=getattr(
            settings, "BENEFICIAL_OWNERSHIP_THRESHOLD", DEFAULT_BENEFICIAL_THRESHOLD
        ),
        secrecy_jurisdictions=frozenset(getattr(settings, "SECRECY_JURISDICTIONS", ())),
    )


def queue_import(*, upload: UploadedFile, actor: Actor) -> ImportRun:
    """Store an uploaded BODS file and queue its import; the run reports progress."""
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4()}.upload"
    with path.open("wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    with transaction.atomic():
        run = ImportRun.objects.create(
            source=f"{upload.name} (uploaded by {actor.label})"[:500],
            status=ImportRun.Status.QUEUED,
            upload_path=str(path),
        )
        record_audit(
            actor=actor,
            action="ownership.import_queued",
            obj=run,
            after={"file": upload.name, "size": upload.size},
        )
        transaction.on_commit(lambda: enqueue(import_bods_file, run.pk, str(path)))
    return run
