"""An investor sees and touches only its own organisation's filings: others answer 404."""

from core.models import AuditEntry
from tests.factories import create_draft, submitted_filing
from tests.screening.test_documents import PDF, upload


def test_another_organisations_filing_is_not_found(investor, other_investor):
    filing = submitted_filing(investor)["filing"]

    response = other_investor.get(f"/api/v1/filings/{filing['id']}/")

    assert response.status_code == 404


def test_another_organisations_filings_are_not_listed(investor, other_investor):
    submitted_filing(investor)

    response = other_investor.get("/api/v1/filings/")

    assert response.json()["count"] == 0


def test_another_organisations_draft_cannot_be_edited(investor, other_investor):
    draft = create_draft(investor)

    response = other_investor.patch(
        f"/api/v1/filings/{draft['id']}/", {"title": "hijacked"}, format="json"
    )

    assert response.status_code == 404
    assert investor.get(f"/api/v1/filings/{draft['id']}/").json()["title"] != "hijacked"


def test_another_organisations_draft_cannot_be_submitted(investor, other_investor):
    draft = create_draft(investor)

    response = other_investor.post(f"/api/v1/filings/{draft['id']}/submit/")

    assert response.status_code == 404
    assert investor.get(f"/api/v1/filings/{draft['id']}/").json()["status"] == "draft"


def test_another_organisations_filing_cannot_be_withdrawn(investor, other_investor):
    filing = submitted_filing(investor)["filing"]

    response = other_investor.post(
        f"/api/v1/filings/{filing['id']}/withdraw/", {"reason": "x"}, format="json"
    )

    assert response.status_code == 404
    assert investor.get(f"/api/v1/filings/{filing['id']}/").json()["status"] == "submitted"
    assert not AuditEntry.objects.filter(object_id=filing["id"], action="filing.withdrawn")


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

    response = upload(other_investor, draft["id"], PDF)

    assert response.status_code == 404


def test_a_signed_in_reviewer_cannot_use_the_investor_api(investor, django_user_model, client):
    user = django_user_model.objects.create_user("officer", password="pw-12345678")
    client.force_login(user)

    response = client.get("/api/v1/filings/")

    assert response.status_code == 403


def test_another_organisations_document_cannot_be_deleted(investor, other_investor):
    draft = create_draft(investor)
    document = upload(investor, draft["id"], PDF).json()

    response = other_investor.delete(f"/api/v1/filings/{draft['id']}/documents/{document['id']}/")

    assert response.status_code == 404
    listed = investor.get(f"/api/v1/filings/{draft['id']}/documents/").json()
    assert [d["id"] for d in listed] == [document["id"]]
