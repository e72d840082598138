"""Documents: the type is read from the bytes; size is limited; they belong to a filing."""

import io

from tests.factories import create_draft, submitted_filing

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex("89504E470D0A1A0A0000000D49484452000000010000000108060000001F15C489")
WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def upload(client, filing_id, content, name="file.pdf", **fields):
    file = io.BytesIO(content)
    file.name = name
    return client.post(
        f"/api/v1/filings/{filing_id}/documents/",
        {"file": file, **fields},
        format="multipart",
    )


def test_a_pdf_is_stored_with_its_detected_type_and_hash(investor):
    draft = create_draft(investor)

    response = upload(investor, draft["id"], PDF, kind="transaction_agreement")

    assert response.status_code == 201
    body = response.json()
    assert body["media_type"] == "application/pdf"
    assert body["size"] == len(PDF)
    assert body["kind"] == "transaction_agreement"


def test_the_type_comes_from_the_content_not_the_name(investor):
    draft = create_draft(investor)

    response = upload(investor, draft["id"], PNG, name="chart.pdf")

    assert response.status_code == 201
    assert response.json()["media_type"] == "image/png"


def test_a_program_named_like_a_pdf_is_refused(investor):
    draft = create_draft(investor)

    response = upload(investor, draft["id"], WINDOWS_EXE, name="agreement.pdf")

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "file"
    assert "accepted are PDF" in response.json()["errors"][0]["detail"]


def test_plain_text_is_refused(investor):
    draft = create_draft(investor)

    response = upload(investor, draft["id"], b"just some words\n", name="notes.txt")

    assert response.status_code == 400


def test_an_empty_file_is_refused(investor):
    draft = create_draft(investor)

    response = upload(investor, draft["id"], b"", name="empty.pdf")

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "file"


def test_a_document_over_the_limit_answers_413(investor, settings):
    settings.DOCUMENT_MAX_BYTES = 100
    draft = create_draft(investor)

    response = upload(investor, draft["id"], PDF + b"0" * 200)

    assert response.status_code == 413


def test_an_upload_without_a_file_names_the_field(investor):
    draft = create_draft(investor)

    response = investor.post(
        f"/api/v1/filings/{draft['id']}/documents/", {"kind": "other"}, format="multipart"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "file"


def test_a_document_can_be_downloaded_byte_for_byte(investor):
    draft = create_draft(investor)
    document = upload(investor, draft["id"], PDF).json()

    response = investor.get(f"/api/v1/filings/{draft['id']}/documents/{document['id']}/content/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_the_submitted_version_lists_the_documents_with_their_hashes(investor):
    draft = create_draft(investor)
    document = upload(investor, draft["id"], PDF).json()

    investor.post(f"/api/v1/filings/{draft['id']}/submit/")

    listed = investor.get(f"/api/v1/filings/{draft['id']}/").json()["current"]["documents"]
    assert [(d["id"], d["sha256"]) for d in listed] == [(document["id"], document["sha256"])]


def test_documents_can_be_added_to_a_submitted_filing_for_the_next_amendment(investor):
    filing = submitted_filing(investor)["filing"]

    response = upload(investor, filing["id"], PDF)

    assert response.status_code == 201
    versions = investor.get(f"/api/v1/filings/{filing['id']}/versions/").json()["results"]
    assert versions[0]["documents"] == []


def test_a_withdrawn_filing_takes_no_documents(investor):
    draft = create_draft(investor)
    investor.post(f"/api/v1/filings/{draft['id']}/withdraw/", {"reason": "r"}, format="json")

    response = upload(investor, draft["id"], PDF)

    assert response.status_code == 409


def test_documents_are_listed_for_their_filing(investor):
    draft = create_draft(investor)
    upload(investor, draft["id"], PDF, name="a.pdf")
    upload(investor, draft["id"], PNG, name="b.png")

    response = investor.get(f"/api/v1/filings/{draft['id']}/documents/")

    assert [d["original_name"] for d in response.json()] == ["a.pdf", "b.png"]
