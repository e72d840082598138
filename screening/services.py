"""Every write of a filing: drafts, documents, submission, amendment, withdrawal.

Each function is one transaction and one audit entry. Lifecycle:
draft -> submitted (version 1, receipt) -> amended (version n+1, receipt) ... and
draft or submitted -> withdrawn. A submitted version never changes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from rest_framework import serializers

from core.actors import Actor
from core.errors import (
    Invalid,
    NotFound,
    TooLarge,
    TransitionNotAllowed,
    Unprocessable,
)
from core.pure.regulations import Regulation
from core.queue import enqueue
from core.regulation import choose_regulation
from core.services import next_number, record_audit
from screening.assessment import open_assessment
from screening.filing_content import completed_on, missing_under_2026_1386, validate_content
from screening.models import SUMMARY_FIELDS, Document, Filing, FilingVersion
from screening.pure.file_types import ALLOWED_MEDIA_TYPES, allowed_list, sniff_media_type
from screening.signals import filing_amended, filing_submitted, filing_withdrawn
from screening.tasks import assess_filing_ownership


def create_draft(*, actor: Actor, content: dict[str, Any]) -> Filing:
    assert actor.organisation is not None
    checked = validate_content(content, complete=False)
    with transaction.atomic():
        filing = Filing(organisation=actor.organisation, draft=checked, created_by=actor.label)
        filing.summarise(checked)
        filing.save()
        record_audit(actor=actor, action="filing.draft_created", obj=filing, after=checked)
    return filing


def update_draft(*, filing: Filing, actor: Actor, content: dict[str, Any], replace: bool) -> Filing:
    """Change a draft: `replace` puts the whole content, otherwise top-level keys are merged."""
    with transaction.atomic():
        filing = _locked(filing)
        _require_status(filing, Filing.Status.DRAFT, "edit the draft")
        merged = dict(content) if replace else {**filing.draft, **content}
        checked = validate_content(merged, complete=False)
        before = filing.draft
        filing.draft = checked
        filing.summarise(checked)
        filing.save()
        record_audit(
            actor=actor, action="filing.draft_updated", obj=filing, before=before, after=checked
        )
    return filing


# The extension each accepted type is stored and downloaded with (docs/api-documents.md).
EXTENSIONS: dict[str, str] = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/tiff": "tif",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}
NAME_STEM_LENGTH = 200


def document_name(original_name: str, media_type: str) -> str:
    """The name a document is stored and downloaded under: what the filer called it, with
    the extension of the type its bytes show, so `poly.html` holding a PDF is `poly.pdf`.

    Any path is dropped, and so are control and direction characters: a right-to-left
    override (U+202E) between `spa` and `lmth.pdf` would show the name as `spafdp.html`.
    """
    base = original_name.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, _ = base.rpartition(".")
    stem = stem if dot else base
    stem = "".join(c for c in stem if c.isprintable()).strip(" .")[:NAME_STEM_LENGTH]
    return f"{stem or 'document'}.{EXTENSIONS[media_type]}"


@dataclass(frozen=True)
class CheckedUpload:
    """An uploaded file whose size and type were checked: what a document row records."""

    original_name: str
    name: str  # the original name with the extension of the detected type
    media_type: str
    size: int
    sha256: str


def checked_upload(upload: UploadedFile) -> CheckedUpload:
    """Refuse a file that is too large (413), empty or of a type not accepted (400, by
    field); the same rules for the filer's documents and the officers' (docs/api-documents.md)."""
    if upload.size is not None and upload.size > settings.DOCUMENT_MAX_BYTES:
        raise TooLarge(
            f"The document is {upload.size} bytes; the limit is {settings.DOCUMENT_MAX_BYTES}."
        )
    if not upload.size:
        raise Invalid({"file": ["The document is empty."]})
    media_type = sniff_media_type(upload)
    if media_type not in ALLOWED_MEDIA_TYPES:
        shown = media_type or "not a recognised document format"
        raise Invalid({"file": [f"The content is {shown}; accepted are {allowed_list()}."]})
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    original_name = (upload.name or "document")[:255]
    return CheckedUpload(
        original_name=original_name,
        name=document_name(original_name, media_type),
        media_type=media_type,
        size=upload.size,
        sha256=digest.hexdigest(),
    )


def add_document(
    *,
    filing: Filing,
    actor: Actor,
    upload: UploadedFile,
    kind: str,
    description: str = "",
    confidential: bool = False,
) -> Document:
    """Attach a document whose leading bytes show an accepted type (docs/api-documents.md).

    A file that is empty or of another type is a value wrong in itself: 400 by field.
    """
    checked = checked_upload(upload)
    with transaction.atomic():
        filing = _locked(filing)
        if filing.status == Filing.Status.WITHDRAWN:
            raise TransitionNotAllowed("The filing was withdrawn; it takes no more documents.")
        document = Document(
            filing=filing,
            kind=kind,
            description=description,
            confidential=confidential,
            uploaded_by=actor.label,
            **asdict(checked),
        )
        document.file.save(document.name, upload, save=False)
        # The file is written before the row; if the row fails the orphan is harmless and
        # its name (a fresh UUID) is never reused.
        document.save()
        record_audit(
            actor=actor,
            action="filing.document_added",
            obj=filing,
            after=document.snapshot(),
        )
    return document


class DocumentNotFound(NotFound):
    """The document is not (or no longer) there: 404, as for one never uploaded."""


def delete_document(*, document: Document, actor: Actor, reason: str = "") -> None:
    """Take a stray upload off a draft; the file leaves storage once this commits.

    Only a draft's documents can go: what a submitted version lists (by id and hash, and in
    its receipt's hash) must stay readable for as long as the filing is kept, and a
    withdrawn filing is a closed record. See docs/api-documents.md.
    """
    with transaction.atomic():
        # Filing first, then document: the lock order of add_document and submit_filing,
        # so a deletion and a submission of the same draft cannot both go ahead.
        filing = _locked(document.filing)
        current = Document.objects.select_for_update().filter(pk=document.pk, filing=filing)
        found = current.first()
        if found is None:
            raise DocumentNotFound("No such document; it may have been deleted already.")
        holding = _versions_holding(filing, found)
        if holding:
            raise TransitionNotAllowed(
                f"Cannot delete the document: it is part of submitted version {holding[0]}, "
                "and a submitted version never changes."
            )
        if filing.status != Filing.Status.DRAFT:
            raise TransitionNotAllowed(
                f"Cannot delete the document: the filing is {filing.status}, and documents "
                "can be deleted from a draft only."
            )
        stored, storage = found.file.name, found.file.storage
        snapshot = {**found.snapshot(), "stored_as": found.name, "uploaded_by": found.uploaded_by}
        found.delete()
        record_audit(
            actor=actor,
            action="filing.document_deleted",
            obj=filing,
            before=snapshot,
            reason=reason,
        )
        # robust: the deletion has committed; a file left behind is logged, not a 500.
        transaction.on_commit(lambda: storage.delete(stored), robust=True)


def _versions_holding(filing: Filing, document: Document) -> list[int]:
    """Numbers of the filing's versions that list the document (none for a draft)."""
    document_id = str(document.pk)
    return [
        number
        for number, documents in filing.versions.order_by("number").values_list(
            "number", "documents"
        )
        if any(listed.get("id") == document_id for listed in documents)
    ]


def submit_filing(*, filing: Filing, actor: Actor) -> FilingVersion:
    """Submit a draft: check it is complete, number it, issue the receipt."""
    with transaction.atomic():
        filing = _locked(filing)
        _require_status(filing, Filing.Status.DRAFT, "submit")
        now = timezone.now()
        content = _complete(filing.draft, screening_starts_on=timezone.localdate(now))
        version = _new_version(
            filing=filing, actor=actor, content=content, kind=FilingVersion.Kind.INITIAL, at=now
        )
        filing.status = Filing.Status.SUBMITTED
        filing.submitted_at = now
        filing.draft = {}
        # The reference is taken last: the counter's row stays locked until this
        # transaction commits (that is what keeps references gap-free), so every statement
        # after it makes the other submissions wait.
        year = timezone.localtime(now).year
        number = next_number(name="filing", year=year)
        filing.reference = f"{settings.NODE_CODE}-F-{year}-{number:06d}"
        filing.save(update_fields=[*VERSION_FIELDS, "status", "submitted_at", "draft", "reference"])
        record_audit(
            actor=actor,
            action="filing.submitted",
            obj=filing,
            before={"status": "draft"},
            after={"status": "submitted", "receipt": version.receipt_reference},
        )
        _assess_after_commit(version)
        transaction.on_commit(
            lambda: filing_submitted.send(sender=Filing, filing=filing, version=version)
        )
    return version


def amend_filing(
    *, filing: Filing, actor: Actor, changes: dict[str, Any], reason: str
) -> FilingVersion:
    """A new version: the latest one with `changes` merged over it (top-level keys)."""
    with transaction.atomic():
        filing = _locked(filing)
        _require_status(filing, Filing.Status.SUBMITTED, "amend")
        latest = filing.versions.order_by("-number").first()
        assert latest is not None
        content = _amended(
            latest.content, changes, screening_started_on=timezone.localdate(filing.submitted_at)
        )
        version = _new_version(
            filing=filing,
            actor=actor,
            content=content,
            kind=FilingVersion.Kind.AMENDMENT,
            at=timezone.now(),
            reason=reason,
        )
        filing.save(update_fields=VERSION_FIELDS)
        record_audit(
            actor=actor,
            action="filing.amended",
            obj=filing,
            before={"version": latest.number, "content_hash": latest.content_hash},
            after={"version": version.number, "receipt": version.receipt_reference},
            reason=reason,
        )
        _assess_after_commit(version)
        transaction.on_commit(
            lambda: filing_amended.send(sender=Filing, filing=filing, version=version)
        )
    return version


def withdraw_filing(*, filing: Filing, actor: Actor, reason: str) -> Filing:
    with transaction.atomic():
        filing = _locked(filing)
        if filing.status == Filing.Status.WITHDRAWN:
            raise TransitionNotAllowed("The filing is already withdrawn.")
        before = filing.status
        filing.status = Filing.Status.WITHDRAWN
        filing.withdrawn_at = timezone.now()
        filing.withdrawal_reason = reason
        filing.save()
        record_audit(
            actor=actor,
            action="filing.withdrawn",
            obj=filing,
            before={"status": before},
            after={"status": "withdrawn"},
            reason=reason,
        )
        transaction.on_commit(
            lambda: filing_withdrawn.send(sender=Filing, filing=filing, version=None)
        )
    return filing


@dataclass(frozen=True)
class Receipt:
    reference: str
    filing_reference: str
    version: int
    submitted_at: Any
    content_hash: str
    hash_algorithm: str = "sha256"

    @classmethod
    def of(cls, version: FilingVersion) -> Receipt:
        return cls(
            reference=version.receipt_reference,
            filing_reference=version.filing.reference or "",
            version=version.number,
            submitted_at=version.submitted_at,
            content_hash=version.content_hash,
        )


def content_hash(content: dict[str, Any], documents: list[dict[str, Any]]) -> str:
    """SHA-256 of the canonical JSON of what was submitted (documents by their hashes)."""
    canonical = json.dumps(
        {"content": content, "documents": documents},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


# What _new_version changes on the filing (with updated_at, which auto_now refreshes).
VERSION_FIELDS = ["version_count", *SUMMARY_FIELDS, "updated_at"]


def _new_version(
    *,
    filing: Filing,
    actor: Actor,
    content: dict[str, Any],
    kind: str,
    at: Any,
    reason: str = "",
) -> FilingVersion:
    """Write the next version; the caller saves `filing` (its count and summary changed)."""
    documents = [document.snapshot() for document in filing.documents.order_by("uploaded_at")]
    filing.version_count += 1
    filing.summarise(content)
    return FilingVersion.objects.create(
        filing=filing,
        number=filing.version_count,
        kind=kind,
        reason=reason,
        content=content,
        documents=documents,
        content_hash=content_hash(content, documents),
        submitted_at=at,
        submitted_by=actor.label,
        api_key=actor.api_key,
    )


def _assess_after_commit(version: FilingVersion) -> None:
    pending = open_assessment(version)
    transaction.on_commit(lambda: enqueue(assess_filing_ownership, pending.pk))


def _complete(content: dict[str, Any], *, screening_starts_on: date) -> dict[str, Any]:
    """The draft, checked in full at submission: what is missing or no longer right (a
    planned date now past) answers 422 by field, since the request itself holds no value.
    A screening under Regulation (EU) 2026/1386 needs its Art. 15(1) information too."""
    try:
        checked = validate_content(content, complete=True)
    except serializers.ValidationError as error:
        raise Unprocessable(error.detail) from error
    missing = _missing_for_regulation(checked, screening_starts_on)
    if missing:
        raise Unprocessable(missing)
    return checked


def _missing_for_regulation(content: dict[str, Any], screening_starts_on: date) -> dict[str, Any]:
    """What the regulation that governs this screening (chosen as the case's will be,
    docs/deadlines.md §3) requires and the content lacks."""
    choice = choose_regulation(opened_on=screening_starts_on, completed_on=completed_on(content))
    if choice.regulation is not Regulation.EU_2026_1386:
        return {}
    return missing_under_2026_1386(content)


def _amended(
    latest: dict[str, Any], changes: dict[str, Any], *, screening_started_on: date
) -> dict[str, Any]:
    """The latest content with `changes` over it, checked as docs/api-errors.md says.

    A value wrong in itself, or at odds with another section, answers 400 exactly as a
    PATCH of a draft does (the draft check finds it); a section replaced without a field
    it needs answers 422 (only the full check finds it). Errors are named where the
    request puts them, `changes.<section>.<field>`; a section not in `changes` is
    corrected by sending it there.
    """
    content = {**latest, **changes}
    try:
        checked = validate_content(content, complete=True)
    except serializers.ValidationError as incomplete:
        # Only a refused amendment pays for the second check, which tells the two apart.
        try:
            validate_content(content, complete=False)
        except serializers.ValidationError as wrong:
            raise Invalid({"changes": wrong.detail}) from wrong
        raise Unprocessable({"changes": incomplete.detail}) from incomplete
    # The regulation was fixed when the screening began; the completion day is the
    # filed one (an amendment does not move the case to the other regime).
    missing = _missing_for_regulation(
        {**checked, "completion": latest.get("completion")}, screening_started_on
    )
    if missing:
        raise Unprocessable({"changes": missing})
    return checked


def _locked(filing: Filing) -> Filing:
    return Filing.objects.select_for_update().get(pk=filing.pk)


def _require_status(filing: Filing, status: str, action: str) -> None:
    if filing.status != status:
        raise TransitionNotAllowed(
            f"Cannot {action}: the filing is {filing.status}, and this needs it {status}."
        )
