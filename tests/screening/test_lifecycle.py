"""The filing lifecycle through the investor API: draft, submit, amend, withdraw."""

import hashlib
import json
import re

from screening.models import FilingVersion
from tests.factories import complete_content, create_draft, submitted_filing


def test_a_draft_can_be_started_with_part_of_the_content(investor):
    response = investor.post("/api/v1/filings/", {"title": "Early draft"}, format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "draft"
    assert body["reference"] is None
    assert body["draft"] == {"title": "Early draft"}


def test_patch_replaces_only_the_sections_given(investor):
    draft = create_draft(investor)

    response = investor.patch(
        f"/api/v1/filings/{draft['id']}/",
        {"value": {"amount": "30000000", "currency": "USD"}},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["draft"]["value"] == {"amount": "30000000", "currency": "USD"}
    assert response.json()["draft"]["title"] == draft["draft"]["title"]


def test_put_replaces_the_whole_draft(investor):
    draft = create_draft(investor)

    response = investor.put(f"/api/v1/filings/{draft['id']}/", {"title": "New"}, format="json")

    assert response.status_code == 200
    assert response.json()["draft"] == {"title": "New"}


def test_submitting_gives_a_reference_version_one_and_a_receipt(investor):
    draft = create_draft(investor)

    response = investor.post(f"/api/v1/filings/{draft['id']}/submit/")

    assert response.status_code == 201
    receipt = response.json()["receipt"]
    filing = response.json()["filing"]
    assert re.fullmatch(r"DE-F-\d{4}-\d{6}", filing["reference"])
    assert receipt["reference"] == f"{filing['reference']}-v1"
    assert receipt["version"] == 1
    assert filing["status"] == "submitted"
    assert filing["version_count"] == 1


def test_the_receipt_hash_is_the_sha256_of_the_canonical_submission(investor):
    submission = submitted_filing(investor)

    current = investor.get(f"/api/v1/filings/{submission['filing']['id']}/").json()["current"]
    canonical = json.dumps(
        {"content": current["content"], "documents": current["documents"]},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    assert submission["receipt"]["content_hash"] == hashlib.sha256(canonical.encode()).hexdigest()


def test_a_submitted_filing_cannot_be_edited(investor):
    filing = submitted_filing(investor)["filing"]

    response = investor.patch(f"/api/v1/filings/{filing['id']}/", {"title": "x"}, format="json")

    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "transition_not_allowed"


def test_a_submitted_version_is_immutable_in_the_database(investor):
    submitted_filing(investor)
    version = FilingVersion.objects.get()

    version.reason = "tampered"
    try:
        version.save()
        raised = False
    except ValueError:
        raised = True

    assert raised
    FilingVersion.objects.get(reason="")


def test_an_amendment_is_a_new_version_with_its_own_receipt(investor):
    filing = submitted_filing(investor)["filing"]

    response = investor.post(
        f"/api/v1/filings/{filing['id']}/amend/",
        {
            "changes": {"value": {"amount": "27000000", "currency": "EUR"}},
            "reason": "Price adjusted",
        },
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["receipt"]["reference"] == f"{filing['reference']}-v2"
    amended = investor.get(f"/api/v1/filings/{filing['id']}/").json()
    assert amended["current"]["content"]["value"]["amount"] == "27000000"
    assert [receipt["version"] for receipt in amended["receipts"]] == [1, 2]


def test_the_first_version_keeps_its_content_after_an_amendment(investor):
    filing = submitted_filing(investor)["filing"]
    investor.post(
        f"/api/v1/filings/{filing['id']}/amend/",
        {"changes": {"value": {"amount": "1", "currency": "EUR"}}, "reason": "r"},
        format="json",
    )

    first = investor.get(f"/api/v1/filings/{filing['id']}/versions/1/").json()
    second = investor.get(f"/api/v1/filings/{filing['id']}/versions/2/").json()

    assert first["content"]["value"]["amount"] == "25000000"
    assert second["content"]["value"]["amount"] == "1"


def test_an_amendment_naming_an_unknown_section_is_refused(investor):
    filing = submitted_filing(investor)["filing"]

    response = investor.post(
        f"/api/v1/filings/{filing['id']}/amend/",
        {"changes": {"price": 1}, "reason": "r"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "changes.price"


def test_a_draft_cannot_be_amended(investor):
    draft = create_draft(investor)

    response = investor.post(
        f"/api/v1/filings/{draft['id']}/amend/",
        {"changes": {"title": "x"}, "reason": "r"},
        format="json",
    )

    assert response.status_code == 409


def test_the_investor_can_withdraw_a_submitted_filing(investor):
    filing = submitted_filing(investor)["filing"]

    response = investor.post(
        f"/api/v1/filings/{filing['id']}/withdraw/", {"reason": "Deal abandoned"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    assert response.json()["withdrawal_reason"] == "Deal abandoned"


def test_a_withdrawal_needs_a_reason(investor):
    filing = submitted_filing(investor)["filing"]

    response = investor.post(f"/api/v1/filings/{filing['id']}/withdraw/", {}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "reason"


def test_a_withdrawn_filing_cannot_be_amended(investor):
    filing = submitted_filing(investor)["filing"]
    investor.post(f"/api/v1/filings/{filing['id']}/withdraw/", {"reason": "r"}, format="json")

    response = investor.post(
        f"/api/v1/filings/{filing['id']}/amend/",
        {"changes": {"title": "x"}, "reason": "r"},
        format="json",
    )

    assert response.status_code == 409


def test_a_draft_can_be_withdrawn_and_then_not_submitted(investor):
    draft = create_draft(investor)
    investor.post(f"/api/v1/filings/{draft['id']}/withdraw/", {"reason": "r"}, format="json")

    response = investor.post(f"/api/v1/filings/{draft['id']}/submit/")

    assert response.status_code == 409


def test_the_list_filters_by_status(investor):
    create_draft(investor)
    submitted_filing(investor)

    response = investor.get("/api/v1/filings/?status=submitted")

    assert response.status_code == 200
    assert [f["status"] for f in response.json()["results"]] == ["submitted"]


def test_the_list_filters_by_submission_date(investor):
    submitted_filing(investor)

    later = investor.get("/api/v1/filings/?submitted_after=2100-01-01T00:00:00Z").json()
    earlier = investor.get("/api/v1/filings/?submitted_after=2000-01-01T00:00:00Z").json()

    assert later["count"] == 0
    assert earlier["count"] == 1


def test_an_unknown_status_filter_is_a_field_error(investor):
    response = investor.get("/api/v1/filings/?status=approved")

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "status"


def test_the_list_is_paginated(investor):
    for _ in range(3):
        create_draft(investor, {"title": "t"})

    page = investor.get("/api/v1/filings/?page_size=2").json()

    assert page["count"] == 3
    assert len(page["results"]) == 2
    assert page["next"] is not None


def test_references_are_numbered_without_gaps(investor):
    references = [submitted_filing(investor)["filing"]["reference"] for _ in range(3)]

    numbers = [int(reference.rsplit("-", 1)[1]) for reference in references]
    assert numbers == [numbers[0], numbers[0] + 1, numbers[0] + 2]


def test_submitting_an_incomplete_draft_lists_what_is_missing(investor):
    content = complete_content()
    del content["funding"]
    del content["stake"]["voting_after"]
    draft = create_draft(investor, content)

    response = investor.post(f"/api/v1/filings/{draft['id']}/submit/")

    assert response.status_code == 422
    attrs = {error["attr"] for error in response.json()["errors"]}
    assert attrs == {"funding", "stake.voting_after"}


def test_a_date_filter_with_an_impossible_utc_offset_is_a_field_error(investor):
    response = investor.get("/api/v1/filings/?created_after=2026-01-29T09:47:47-23:05")

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "created_after"


def test_a_date_filter_in_antiquity_is_a_field_error(investor):
    response = investor.get("/api/v1/filings/?submitted_before=0463-01-29T09:47:47Z")

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "submitted_before"
