"""A document is named and served by the type its bytes show (docs/api-documents.md)."""

from screening.models import Document
from screening.pure.file_types import ALLOWED_MEDIA_TYPES
from screening.services import document_name
from tests.factories import create_draft, openapi_schema, upload_document

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex("89504E470D0A1A0A0000000D49484452000000010000000108060000001F15C489")
# A polyglot: a valid PDF header, then a page a browser would run if it rendered it.
PDF_THEN_HTML = PDF + b"<html><body><script>alert(document.cookie)</script></body></html>\n"


def download(client, filing_id, document_id):
    return client.get(f"/api/v1/filings/{filing_id}/documents/{document_id}/content/")


def test_a_pdf_named_html_is_named_pdf(investor):
    draft = create_draft(investor)

    document = upload_document(investor, draft["id"], PDF_THEN_HTML, name="poly.html")

    assert document["name"] == "poly.pdf"
    assert document["original_name"] == "poly.html"


def test_a_pdf_named_html_is_stored_under_the_pdf_extension(investor):
    draft = create_draft(investor)

    document = upload_document(investor, draft["id"], PDF_THEN_HTML, name="poly.html")

    stored = Document.objects.get(pk=document["id"]).file.name
    assert stored == f"documents/{draft['id']}/{document['id']}.pdf"


def test_a_png_named_pdf_downloads_as_png(investor):
    draft = create_draft(investor)
    document = upload_document(investor, draft["id"], PNG, name="chart.pdf")

    response = download(investor, draft["id"], document["id"])

    assert response["Content-Disposition"] == 'attachment; filename="chart.png"'


def test_a_name_without_an_extension_gets_the_detected_one(investor):
    draft = create_draft(investor)

    document = upload_document(investor, draft["id"], PDF, name="agreement")

    assert document["name"] == "agreement.pdf"


def test_a_name_that_is_only_an_extension_becomes_document(investor):
    draft = create_draft(investor)

    document = upload_document(investor, draft["id"], PDF, name=".html")

    assert document["name"] == "document.pdf"


def test_control_and_direction_characters_are_dropped_from_the_name():
    # U+202E (right-to-left override) would show "spa.lmth" as "spa.html".
    assert document_name("sp\u202ea\x07.html", "application/pdf") == "spa.pdf"


def test_a_path_in_the_name_is_dropped():
    assert document_name("C:\\Users\\x\\..\\spa.docx", "application/pdf") == "spa.pdf"


def test_every_accepted_type_has_an_extension():
    assert {document_name("a", media_type) for media_type in ALLOWED_MEDIA_TYPES} == {
        "a.pdf",
        "a.png",
        "a.jpg",
        "a.tif",
        "a.docx",
        "a.xlsx",
        "a.odt",
        "a.ods",
    }


def test_a_pdf_followed_by_html_is_downloaded_as_an_attachment(investor):
    draft = create_draft(investor)
    document = upload_document(investor, draft["id"], PDF_THEN_HTML, name="poly.html")

    response = download(investor, draft["id"], document["id"])

    assert response["Content-Disposition"] == 'attachment; filename="poly.pdf"'


def test_a_pdf_followed_by_html_is_served_with_nosniff(investor):
    draft = create_draft(investor)
    document = upload_document(investor, draft["id"], PDF_THEN_HTML, name="poly.html")

    response = download(investor, draft["id"], document["id"])

    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_pdf_followed_by_html_is_served_as_the_detected_type(investor):
    draft = create_draft(investor)
    document = upload_document(investor, draft["id"], PDF_THEN_HTML, name="poly.html")

    response = download(investor, draft["id"], document["id"])

    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_THEN_HTML


def test_the_upload_operation_says_what_type_checking_means(db):
    schema = openapi_schema()

    upload = schema["paths"]["/api/v1/filings/{filing_pk}/documents/"]["post"]
    assert "leading bytes" in upload["description"]
    assert "nosniff" in upload["description"]
