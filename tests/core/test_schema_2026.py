"""The investor's OpenAPI schema documents what Regulation (EU) 2026/1386 adds: the
filing's scope and owners-before sections, and the hearing letters."""

import yaml


def investor_schema(client):
    return yaml.safe_load(client.get("/api/schema/investor/").content)


def test_the_filing_content_documents_the_2026_1386_sections(client, db):
    schemas = investor_schema(client)["components"]["schemas"]

    content = schemas["FilingContentRequest"]["properties"]
    assert {"scope", "target_owners_before"} <= set(content)
    assert "scope" not in schemas["FilingContentRequest"].get("required", [])  # old filings
    categories = schemas["ScopeCategoryRequest"]["properties"]
    assert {"category", "codes", "technologies", "materials", "kind", "code"} <= set(categories)


def test_the_hearing_letters_are_in_the_investor_api(client, db):
    paths = investor_schema(client)["paths"]

    assert "post" in paths["/api/v1/filings/{filing_id}/hearings/{number}/"]
    assert "get" in paths["/api/v1/filings/{filing_id}/hearings/"]
