"""Every class of bad input answers 400/413/422 with the field named, never 500."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ownership.pure import statements as bods
from tests.factories import complete_content, create_draft, error_attrs, ownership_package

FILINGS = "/api/v1/filings/"


def post(client, content):
    return client.post(FILINGS, content, format="json")


def test_an_unknown_country_code_names_the_field(investor):
    response = post(investor, {"investor": {"name": "A", "kind": "company", "country": "XX"}})

    assert response.status_code == 400
    assert "XX" in error_attrs(response)["investor.country"]


def test_a_lower_case_country_code_is_refused(investor):
    response = post(investor, {"target": {"name": "A", "kind": "company", "country": "de"}})

    assert response.status_code == 400
    assert "target.country" in error_attrs(response)


def test_an_unknown_currency_names_the_field(investor):
    response = post(investor, {"value": {"amount": "10", "currency": "EUX"}})

    assert response.status_code == 400
    assert "EUX" in error_attrs(response)["value.currency"]


def test_a_member_state_of_operation_must_be_in_the_union(investor):
    activities = {"description": "x", "nace_codes": ["C28"], "member_states": ["DE", "GB"]}

    response = post(investor, {"target_activities": activities})

    assert response.status_code == 400
    assert "not an EU member state" in error_attrs(response)["target_activities.member_states.1"]


def test_a_percentage_above_100_is_refused(investor):
    response = post(investor, {"stake": {"voting_after": "100.5"}})

    assert response.status_code == 400
    assert "stake.voting_after" in error_attrs(response)


def test_a_negative_percentage_is_refused(investor):
    response = post(investor, {"stake": {"economic_before": "-1"}})

    assert response.status_code == 400
    assert "stake.economic_before" in error_attrs(response)


def test_a_share_acquisition_cannot_lower_the_stake(investor):
    stake = {
        "voting_before": "40",
        "voting_after": "20",
        "economic_before": "0",
        "economic_after": "20",
    }

    response = post(investor, {"transaction_kind": "share_acquisition", "stake": stake})

    assert response.status_code == 400
    assert error_attrs(response)["stake.voting_after"] == (
        "A share acquisition cannot lower the stake: 20 % after is below 40 % before."
    )


def test_a_joint_venture_may_lower_the_stake(investor):
    stake = {
        "voting_before": "60",
        "voting_after": "50",
        "economic_before": "60",
        "economic_after": "50",
    }

    response = post(investor, {"transaction_kind": "joint_venture", "stake": stake})

    assert response.status_code == 201
    assert response.json()["draft"]["stake"]["voting_after"] == "50"


def test_a_stake_increase_must_raise_the_voting_rights(investor):
    stake = {
        "voting_before": "10",
        "voting_after": "10",
        "economic_before": "10",
        "economic_after": "12",
    }

    response = post(investor, {"transaction_kind": "stake_increase", "stake": stake})

    assert response.status_code == 400
    assert "stake.voting_after" in error_attrs(response)


def test_a_completed_investment_cannot_complete_in_the_future(investor):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    response = post(investor, {"completion": {"status": "completed", "date": tomorrow}})

    assert response.status_code == 400
    assert "future" in error_attrs(response)["completion.date"]


def test_a_planned_completion_cannot_be_in_the_past(investor):
    response = post(investor, {"completion": {"status": "planned", "date": "2020-01-01"}})

    assert response.status_code == 400
    assert "past" in error_attrs(response)["completion.date"]


def test_a_completion_date_that_is_not_a_date_is_refused(investor):
    response = post(investor, {"completion": {"status": "planned", "date": "2026-02-30"}})

    assert response.status_code == 400
    assert "completion.date" in error_attrs(response)


def test_an_invalid_lei_is_refused(investor):
    party = {"name": "A", "kind": "company", "country": "CN", "lei": "5299000J2N45DDNE4Y29"}

    response = post(investor, {"investor": party})

    assert response.status_code == 400
    assert "investor.lei" in error_attrs(response)


def test_a_nace_code_in_the_wrong_section_is_refused(investor):
    activities = {"description": "x", "nace_codes": ["A26.11"], "member_states": ["DE"]}

    response = post(investor, {"investor_activities": activities})

    assert response.status_code == 400
    assert "section C" in error_attrs(response)["investor_activities.nace_codes.0"]


def test_an_unknown_sector_code_is_refused(investor):
    response = post(investor, {"sectors": ["infrastructure.moon"]})

    assert response.status_code == 400
    assert "sectors.0" in error_attrs(response)


def test_a_bods_statement_without_required_fields_is_located(investor):
    statements = ownership_package()
    del statements[1]["statementId"]

    response = post(investor, {"ownership_statements": statements})

    assert response.status_code == 400
    assert error_attrs(response) == {
        "ownership_statements.1.statementId": "This field is required."
    }


def test_a_bods_share_above_100_is_located(investor):
    statements = ownership_package()
    statements[3]["recordDetails"]["interests"][0]["share"]["exact"] = 130

    response = post(investor, {"ownership_statements": statements})

    assert response.status_code == 400
    assert "ownership_statements.3.recordDetails.interests.0.share.exact" in error_attrs(response)


def test_a_bods_relationship_to_a_missing_record_is_located(investor):
    statements = ownership_package()
    statements.append(bods.owns("r9", "ghost", "target", subject="investor", percent=5.0))

    response = post(investor, {"ownership_statements": statements})

    assert response.status_code == 400
    assert "ghost" in error_attrs(response)["ownership_statements.5.recordDetails.interestedParty"]


def test_ownership_statements_that_are_not_a_list_are_refused(investor):
    response = post(investor, {"ownership_statements": {"recordId": "x"}})

    assert response.status_code == 400
    assert "ownership_statements" in error_attrs(response)


def test_a_party_linked_to_a_record_not_in_the_package_is_refused(investor):
    content = complete_content()
    content["investor"]["bods_record_id"] = "nobody"

    response = post(investor, content)

    assert response.status_code == 400
    assert "nobody" in error_attrs(response)["investor.bods_record_id"]


def test_a_body_that_is_not_json_is_a_parse_error(investor):
    response = investor.post(FILINGS, "{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["type"] == "client_error"


def test_a_body_that_is_a_json_array_is_refused(investor):
    response = investor.post(FILINGS, [1, 2], format="json")

    assert response.status_code == 400


def test_an_oversized_body_answers_413(investor, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = post(investor, {"title": "x" * 2000})

    assert response.status_code == 413
    assert response.json()["errors"][0]["code"] == "too_large"


def test_an_unknown_api_path_answers_json_404(investor):
    response = investor.get("/api/v1/nothing-here/")

    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"


def test_a_malformed_filing_id_answers_404(investor):
    response = investor.get("/api/v1/filings/not-a-uuid/")

    assert response.status_code == 404


def test_an_incomplete_submission_answers_422_not_400(investor):
    draft = create_draft(investor, {"title": "Only a title"})

    response = investor.post(f"/api/v1/filings/{draft['id']}/submit/")

    assert response.status_code == 422
    assert error_attrs(response)["investor"] == "This field is required."


def test_a_nul_character_inside_a_bods_statement_is_located(investor):
    # PostgreSQL cannot store U+0000 in JSON: it must be refused, not crash the insert.
    statements = ownership_package()
    statements[0]["recordDetails"]["name"] = "Zielwerk\u0000 GmbH"

    response = post(investor, {"ownership_statements": statements})

    assert response.status_code == 400
    assert "ownership_statements.0.recordDetails.name" in error_attrs(response)


def test_a_nul_character_in_a_bods_field_name_is_refused(investor):
    statements = ownership_package()
    statements[0]["recordDetails"]["no\u0000te"] = "x"

    response = post(investor, {"ownership_statements": statements})

    assert response.status_code == 400


def test_a_document_field_sent_twice_is_refused(investor):
    draft = create_draft(investor)
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00"
        b"\x00:~\x9bU\x00\x00\x00\nIDATx\x9cc`\x00\x00\x00\x02\x00\x01H\xaf\xa4q\x00\x00\x00"
        b"\x00IEND\xaeB`\x82"
    )
    response = investor.post(
        f"/api/v1/filings/{draft['id']}/documents/",
        {"file": SimpleUploadedFile("a.png", png), "description": ["one", "two"]},
        format="multipart",
    )

    assert response.status_code == 400
    assert error_attrs(response) == {"description": "Give it once."}
