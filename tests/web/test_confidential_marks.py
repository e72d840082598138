"""The filer's confidentiality marks (Art. 4(6) of Regulation (EU) 2026/1386) follow the
data: beside each marked section on the case page, on its documents, and on the message
that carries the filing to another member state."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cooperation.models import Message
from reviews.models import Case
from tests.cooperation.conftest import deliver_to_us, make_peer
from tests.factories import complete_content, create_draft
from tests.reviews.conftest import file  # noqa: F401 - the fixture
from tests.web.test_cooperation_panel import verified_client

MARK = '<span class="marking">confidential</span>'
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def case_page(client, case):
    return client.get(f"/review/cases/{case.pk}/").content.decode()


def test_a_marked_value_carries_the_mark_in_the_summary(
    verified,
    investor,
    file,  # noqa: F811 - the fixture
):
    case: Case = file(investor, complete_content(confidential=["value"]))

    page = case_page(verified, case)

    assert f"<dt>Value {MARK}</dt>" in page
    assert "<dt>Target</dt>" in page  # an unmarked section carries none


def test_a_marked_ownership_structure_carries_the_mark_on_the_ownership_view(
    verified,
    investor,
    file,  # noqa: F811 - the fixture
):
    case: Case = file(investor, complete_content(confidential=["ownership_statements"]))

    page = case_page(verified, case)

    assert f'<h2 id="ownership-h">Ownership of the investor {MARK}</h2>' in page


def test_a_document_uploaded_as_confidential_is_marked_in_the_api_and_on_the_case(
    verified, investor, django_capture_on_commit_callbacks
):
    draft = create_draft(investor)
    uploaded = investor.post(
        f"/api/v1/filings/{draft['id']}/documents/",
        {
            "file": SimpleUploadedFile("plan.pdf", PDF, "application/pdf"),
            "kind": "business_description",
            "confidential": "true",
        },
        format="multipart",
    )
    with django_capture_on_commit_callbacks(execute=True):
        investor.post(f"/api/v1/filings/{draft['id']}/submit/")
    case = Case.objects.get(filing_id=draft["id"])

    assert uploaded.json()["confidential"] is True
    assert f"plan.pdf</a> {MARK} (" in case_page(verified, case)


def test_a_received_notification_marks_the_sections_its_filer_marked(client, db):
    france = make_peer("FR")
    deliver_to_us(
        Client(),
        france,
        "notification_art6",
        payload={
            "title": "Acquisition of a port operator",
            "funding": [{"kind": "own_funds"}],
            "confidential": ["funding"],
        },
    )
    received = Message.objects.get(direction="inbound")
    contact, _ = verified_client(client, "contact_point", name="marks-contact")

    page = contact.get(f"/review/messages/{received.message_id}/").content.decode()

    assert f"<dt>Funding {MARK}</dt>" in page
    assert "<dt>Title</dt>" in page
