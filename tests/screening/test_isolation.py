"""An investor sees and touches only its own organisation's filings: others answer 404,
and another organisation's refused attempt leaves the filing exactly as it was."""

import uuid

from core.models import AuditEntry
from screening.models import Filing
from tests.factories import create_draft, submitted_filing
from tests.screening.test_documents import PDF, upload


def as_stored(filing_id):
    """The filing as the database holds it, with its documents and the audit trail's
    length: everything another organisation's attempt must leave alone."""
    filing = Filing.objects.get(pk=filing_id)
    return {
        "status": filing.status,
        "versions": filing.version_count,
        "reference": filing.reference,
        "draft": filing.draft,
        "updated_at": filing.updated_at,
        "documents": sorted(str(pk) for pk in filing.documents.values_list("pk", flat=True)),
        "audit entries": AuditEntry.objects.count(),
    }


def test_another_organisations_filing_is_not_found(investor, other_investor):
    filing = submitted_filing(investor)["filing"]

    response = other_investor.get(f"/api/v1/filings/{filing['id']}/")

    # The same answer as for a filing that does not exist: not even its existence shows.
    nowhere = other_investor.get(f"/api/v1/filings/{uuid.uuid4()}/")
    assert (response.status_code, response.json()) == (404, nowhere.json())


def test_another_organisations_filings_are_not_listed(investor, other_investor):
    submitted_filing(investor)

    response = other_investor.get("/api/v1/filings/")

    assert response.json()["count"] == 0


def test_another_organisations_draft_cannot_be_edited(investor, other_investor):
    draft = create_draft(investor)
    before = as_stored(draft["id"])

    response = other_investor.patch(
        f"/api/v1/filings/{draft['id']}/", {"title": "hijacked"}, format="json"
    )

    assert response.status_code == 404
    assert as_stored(draft["id"]) == before


def test_another_organisations_draft_cannot_be_submitted(investor, other_investor):
    draft = create_draft(investor)
    before = as_stored(draft["id"])

    response = other_investor.post(f"/api/v1/filings/{draft['id']}/submit/")

    assert response.status_code == 404
    assert as_stored(draft["id"]) == before  # still a draft, no version, no reference


def test_another_organisations_filing_cannot_be_withdrawn(investor, other_investor):
    filing = submitted_filing(investor)["filing"]
    before = as_stored(filing["id"])

    response = other_investor.post(
        f"/api/v1/filings/{filing['id']}/withdraw/", {"reason": "x"}, format="json"
    )

    assert response.status_code == 404
    assert as_stored(filing["id"]) == before


def test_another_organisations_documents_cannot_be_read(investor, other_investor):
    draft = create_draft(investor)
    document = upload(investor, draft["id"], PDF).json()

    listing = other_investor.get(f"/api/v1/filings/{draft['id']}/documents/")
    download = other_investor.get(
        f"/api/v1/filings/{draft['id']}/documents/{document['id']}/content/"
    )

    assert (listing.status_code, download.status_code) == (404, 404)


def test_no_documents_can_be_added_to_another_organisations_filing(investor, other_investor):
    draft = create_draft(investor)
    before = as_stored(draft["id"])

    response = upload(other_investor, draft["id"], PDF)

    assert response.status_code == 404
    assert as_stored(draft["id"]) == before


def test_a_signed_in_reviewer_cannot_use_the_investor_api(investor, django_user_model, client):
    user = django_user_model.objects.create_user("officer", password="pw-12345678")
    client.force_login(user)

    response = client.get("/api/v1/filings/")

    assert response.status_code == 403


def test_another_organisations_document_cannot_be_deleted(investor, other_investor):
    draft = create_draft(investor)
    document = upload(investor, draft["id"], PDF).json()
    before = as_stored(draft["id"])

    response = other_investor.delete(f"/api/v1/filings/{draft['id']}/documents/{document['id']}/")

    assert response.status_code == 404
    assert as_stored(draft["id"]) == before
    content = investor.get(f"/api/v1/filings/{draft['id']}/documents/{document['id']}/content/")
    assert b"".join(content.streaming_content) == PDF  # and its file is still there
