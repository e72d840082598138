"""The read-only administration pages open for an administrator and refuse edits."""

import pytest

from ownership.bods_import import import_file
from screening.models import Filing
from tests.factories import submitted_filing
from tests.ownership.test_import_and_resolve import cross_holding, write


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.org", "pw-123456789")
    client.force_login(user)
    return client


def test_a_filing_opens_with_its_versions_and_documents(admin_client, investor):
    submitted_filing(investor)
    filing = Filing.objects.get()

    response = admin_client.get(f"/admin/screening/filing/{filing.pk}/change/")

    assert response.status_code == 200
    assert str(filing.reference).encode() in response.content


def test_a_relationship_opens_with_its_interests(admin_client, tmp_path):
    import_file(write(tmp_path, cross_holding()))

    listing = admin_client.get("/admin/ownership/relationship/?q=r-xa")
    assert listing.status_code == 200
    assert b"r-xa" in listing.content


def test_records_cannot_be_added_by_hand(admin_client):
    assert admin_client.get("/admin/screening/filing/add/").status_code == 403
    assert admin_client.get("/admin/core/auditentry/add/").status_code == 403


def test_a_case_opens_with_its_phases(admin_client, investor):
    from reviews.models import Case
    from reviews.tasks import open_missing_cases

    submitted_filing(investor)
    open_missing_cases()
    case = Case.objects.get()

    response = admin_client.get(f"/admin/reviews/case/{case.pk}/change/")

    assert response.status_code == 200
    assert case.reference.encode() in response.content
