"""400 for a value wrong in itself, 422 for a request that cannot be acted on as a whole,
409 for the filing's status: the same rule on every investor operation (docs/api-errors.md).
"""

from tests.factories import create_draft, error_attrs, submitted_filing, upload_document

WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def amend(client, filing_id, changes, reason="r"):
    return client.post(
        f"/api/v1/filings/{filing_id}/amend/",
        {"changes": changes, "reason": reason},
        format="json",
    )


def test_a_wrong_value_in_a_draft_answers_400(investor):
    draft = create_draft(investor)

    response = investor.patch(
        f"/api/v1/filings/{draft['id']}/",
        {"value": {"amount": "1", "currency": "XXY"}},
        format="json",
    )

    assert response.status_code == 400
    assert "value.currency" in error_attrs(response)


def test_a_wrong_value_in_an_amendment_answers_400_like_a_draft(investor):
    filing = submitted_filing(investor)["filing"]

    response = amend(investor, filing["id"], {"value": {"amount": "1", "currency": "XXY"}})

    assert response.status_code == 400


def test_a_wrong_value_in_an_amendment_is_named_under_changes(investor):
    filing = submitted_filing(investor)["filing"]

    response = amend(investor, filing["id"], {"value": {"amount": "1", "currency": "XXY"}})

    assert "XXY" in error_attrs(response)["changes.value.currency"]


def test_a_wrong_value_in_a_list_of_an_amendment_is_named_with_its_index(investor):
    filing = submitted_filing(investor)["filing"]
    funding = [
        {
            "kind": "own_funds",
            "amount": "1",
            "currency": "EUR",
            "provider_name": "P",
            "provider_country": "ZZ",
            "is_state_linked": False,
        }
    ]

    response = amend(investor, filing["id"], {"funding": funding})

    assert set(error_attrs(response)) == {"changes.funding.0.provider_country"}


def test_an_amended_stake_the_transaction_rules_out_answers_400_under_changes(investor):
    filing = submitted_filing(investor)["filing"]
    stake = {
        "voting_before": "40",
        "voting_after": "20",
        "economic_before": "0",
        "economic_after": "20",
    }

    response = amend(investor, filing["id"], {"stake": stake})

    assert response.status_code == 400
    assert "changes.stake.voting_after" in error_attrs(response)


def test_an_amendment_leaving_out_a_required_field_answers_422(investor):
    filing = submitted_filing(investor)["filing"]

    response = amend(investor, filing["id"], {"stake": {"voting_before": "0"}})

    assert response.status_code == 422


def test_a_field_an_amendment_leaves_out_is_named_under_changes(investor):
    filing = submitted_filing(investor)["filing"]

    response = amend(investor, filing["id"], {"stake": {"voting_before": "0"}})

    assert error_attrs(response) == {
        "changes.stake.voting_after": "This field is required.",
        "changes.stake.economic_before": "This field is required.",
        "changes.stake.economic_after": "This field is required.",
    }


def test_an_unknown_section_of_an_amendment_is_named(investor):
    filing = submitted_filing(investor)["filing"]

    response = amend(investor, filing["id"], {"price": 1})

    assert response.status_code == 400
    assert "not a section" in error_attrs(response)["changes.price"]


def test_an_incomplete_submission_answers_422(investor):
    draft = create_draft(investor, {"title": "Only a title"})

    response = investor.post(f"/api/v1/filings/{draft['id']}/submit/")

    assert response.status_code == 422


def test_a_document_of_a_type_not_accepted_answers_400(investor):
    draft = create_draft(investor)
    file = {"file": _named(WINDOWS_EXE, "agreement.pdf")}

    response = investor.post(f"/api/v1/filings/{draft['id']}/documents/", file, format="multipart")

    assert response.status_code == 400
    assert "accepted are PDF" in error_attrs(response)["file"]


def test_an_empty_document_answers_400(investor):
    draft = create_draft(investor)
    file = {"file": _named(b"", "empty.pdf")}

    response = investor.post(f"/api/v1/filings/{draft['id']}/documents/", file, format="multipart")

    assert response.status_code == 400
    assert "file" in error_attrs(response)


def test_a_document_on_a_withdrawn_filing_answers_409(investor):
    draft = create_draft(investor)
    upload_document(investor, draft["id"], b"%PDF-1.7\n%%EOF\n")
    investor.post(f"/api/v1/filings/{draft['id']}/withdraw/", {"reason": "r"}, format="json")
    file = {"file": _named(b"%PDF-1.7\n%%EOF\n", "late.pdf")}

    response = investor.post(f"/api/v1/filings/{draft['id']}/documents/", file, format="multipart")

    assert response.status_code == 409


def test_an_idempotency_key_reused_for_another_request_answers_422(investor):
    investor.post("/api/v1/filings/", {"title": "a"}, format="json", HTTP_IDEMPOTENCY_KEY="k")

    response = investor.post(
        "/api/v1/filings/", {"title": "b"}, format="json", HTTP_IDEMPOTENCY_KEY="k"
    )

    assert response.status_code == 422


def test_a_malformed_idempotency_key_answers_400(investor):
    response = investor.post(
        "/api/v1/filings/", {"title": "a"}, format="json", HTTP_IDEMPOTENCY_KEY="x" * 256
    )

    assert response.status_code == 400


def _named(content, name):
    import io

    file = io.BytesIO(content)
    file.name = name
    return file
