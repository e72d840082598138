"""A stray upload can be taken off a draft; what was submitted stays (docs/api-documents.md)."""

from pathlib import Path

import pytest

from core.actors import Actor
from core.errors import TransitionNotAllowed
from core.models import AuditEntry
from screening import services
from screening.models import Document
from tests.factories import create_draft, submitted_filing, upload_document

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def document_url(filing_id, document_id):
    return f"/api/v1/filings/{filing_id}/documents/{document_id}/"


def test_a_document_can_be_deleted_from_a_draft(investor):
    draft = create_draft(investor)
    document = upload_document(investor, draft["id"], PDF)

    response = investor.delete(document_url(draft["id"], document["id"]))

    assert response.status_code == 204
    assert investor.get(f"/api/v1/filings/{draft['id']}/documents/").json() == []


def test_a_deleted_document_is_gone_from_storage_once_committed(
    investor, django_capture_on_commit_callbacks
):
    draft = create_draft(investor)
    document = upload_document(investor, draft["id"], PDF)
    stored = Path(Document.objects.get(pk=document["id"]).file.path)

    with django_capture_on_commit_callbacks(execute=True):
        investor.delete(document_url(draft["id"], document["id"]))

    assert not stored.exists()


def test_a_deletion_is_audited_with_who_what_and_why(investor):
    draft = create_draft(investor)
    document = upload_document(investor, draft["id"], PDF, name="stray.pdf")

    investor.delete(document_url(draft["id"], document["id"]) + "?reason=Wrong+file")

    entry = AuditEntry.objects.get(action="filing.document_deleted")
    assert entry.object_id == draft["id"]
    assert entry.before is not None
    assert entry.before["id"] == document["id"]
    assert entry.before["sha256"] == document["sha256"]
    assert entry.reason == "Wrong file"
    assert entry.api_key_id is not None
    assert entry.at is not None


def test_a_second_delete_answers_404(investor):
    draft = create_draft(investor)
    document = upload_document(investor, draft["id"], PDF)
    investor.delete(document_url(draft["id"], document["id"]))

    response = investor.delete(document_url(draft["id"], document["id"]))

    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"


def test_a_document_of_a_submitted_filing_cannot_be_deleted(investor):
    draft = create_draft(investor)
    document = upload_document(investor, draft["id"], PDF)
    investor.post(f"/api/v1/filings/{draft['id']}/submit/")

    response = investor.delete(document_url(draft["id"], document["id"]))

    assert response.status_code == 409
    assert "submitted version 1" in response.json()["errors"][0]["detail"]
    assert Document.objects.filter(pk=document["id"]).exists()


def test_a_document_added_after_submission_cannot_be_deleted(investor):
    filing = submitted_filing(investor)["filing"]
    document = upload_document(investor, filing["id"], PDF)

    response = investor.delete(document_url(filing["id"], document["id"]))

    assert response.status_code == 409
    assert "from a draft only" in response.json()["errors"][0]["detail"]


def test_a_document_of_a_withdrawn_draft_cannot_be_deleted(investor):
    draft = create_draft(investor)
    document = upload_document(investor, draft["id"], PDF)
    investor.post(f"/api/v1/filings/{draft['id']}/withdraw/", {"reason": "r"}, format="json")

    response = investor.delete(document_url(draft["id"], document["id"]))

    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "transition_not_allowed"


def test_a_refused_deletion_writes_no_audit_entry(investor):
    filing = submitted_filing(investor)["filing"]
    document = upload_document(investor, filing["id"], PDF)

    investor.delete(document_url(filing["id"], document["id"]))

    assert not AuditEntry.objects.filter(action="filing.document_deleted").exists()


def test_an_overlong_reason_is_a_field_error(investor):
    draft = create_draft(investor)
    document = upload_document(investor, draft["id"], PDF)

    response = investor.delete(document_url(draft["id"], document["id"]) + "?reason=" + "x" * 2001)

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "reason"


def test_the_service_refuses_a_document_that_a_version_holds(investor):
    draft = create_draft(investor)
    document = upload_document(investor, draft["id"], PDF)
    investor.post(f"/api/v1/filings/{draft['id']}/submit/")

    with pytest.raises(TransitionNotAllowed, match="submitted version 1"):
        services.delete_document(
            document=Document.objects.get(pk=document["id"]), actor=Actor.system("test")
        )


def test_the_service_answers_not_found_for_a_document_deleted_meanwhile(investor):
    # Two deletes of one document at once: the second finds it gone under the lock.
    draft = create_draft(investor)
    document = Document.objects.get(pk=upload_document(investor, draft["id"], PDF)["id"])
    services.delete_document(document=document, actor=Actor.system("first"))

    with pytest.raises(services.DocumentNotFound):
        services.delete_document(document=document, actor=Actor.system("second"))
