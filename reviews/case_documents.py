"""The case file's own documents: what the authority's officers add to a case (evidence,
correspondence, an answer received by letter), checked and stored as a filing's
documents are (docs/api-documents.md), each addition audited on the case."""

from __future__ import annotations

from dataclasses import asdict

from django.core.files.uploadedfile import UploadedFile

from core.actors import Actor
from core.errors import Invalid
from reviews import events
from reviews.models import Case, CaseDocument
from reviews.services import audit_case, changing, check_may
from screening.services import checked_upload


def add_case_document(
    *, case: Case, actor: Actor, upload: UploadedFile | None, kind: str, description: str = ""
) -> CaseDocument:
    check_may("add_case_document", actor)  # the role now, the case's officer below
    if upload is None:
        raise Invalid({"file": ["Choose the file to add."]})
    if kind not in CaseDocument.Kind.values:
        raise Invalid({"kind": [f"Choose one of: {', '.join(CaseDocument.Kind.values)}."]})
    checked = checked_upload(upload)
    with changing(case, actor) as case:
        check_may("add_case_document", actor, case=case)
        document = CaseDocument(
            case=case,
            kind=kind,
            description=description.strip()[:500],
            uploaded_by=actor.label,
            **asdict(checked),
        )
        # The file is written before the row; if the row fails, the orphan is harmless and
        # its name (a fresh UUID) is never reused.
        document.file.save(document.name, upload, save=False)
        document.save()
        audit_case(case, actor, events.CASE_DOCUMENT_ADDED, after=document.snapshot())
    return document
