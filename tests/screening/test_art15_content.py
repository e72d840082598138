"""The information of Art. 15(1) of Regulation (EU) 2026/1386 a filing may carry, and
the filer's confidentiality marks (Art. 4(6)); all optional, so 2019/452 filings stay
valid."""

from django.utils import timezone

from tests.factories import complete_content, create_draft, error_attrs


def test_a_filing_with_the_art_15_sections_is_accepted_and_kept(investor):
    year = timezone.localdate().year
    content = complete_content(
        beneficial_owners=[
            {
                "name": "Zhang Wei",
                "name_original_script": "张伟",
                "country": "CN",
                "website": "https://jinsha.example",
            }
        ],
        group_operations=[
            {"member_state": "CZ", "entity_name": "Jinsha CZ s.r.o.", "activities": "Scrap"}
        ],
        annex_ii_projects=["IPCEI Microelectronics"],
        union_grants=[
            {"programme": "Horizon Europe", "amount": "900000", "currency": "EUR", "year": year}
        ],
        other_filings=[{"member_state": "FR", "reference": "FR-2028-17", "filed_on": "2026-11-02"}],
        confidential=["funding", "union_grants"],
    )

    draft = create_draft(investor, content)

    kept = draft["draft"]
    assert kept["beneficial_owners"][0]["name_original_script"] == "张伟"
    assert kept["confidential"] == ["funding", "union_grants"]


def test_a_mark_on_something_that_is_not_a_section_is_refused(investor):
    response = investor.post("/api/v1/filings/", {"confidential": ["secrets"]}, format="json")

    assert response.status_code == 400
    assert error_attrs(response)["confidential"].startswith("Not a section: secrets; mark any of:")


def test_a_cross_reference_names_a_member_state(investor):
    response = investor.post(
        "/api/v1/filings/",
        {"other_filings": [{"member_state": "CH", "reference": "X", "filed_on": "2026-11-02"}]},
        format="json",
    )

    assert error_attrs(response) == {
        "other_filings.0.member_state": "'CH' (Switzerland) is not an EU member state."
    }


def test_grants_older_than_five_years_are_refused(investor):
    old = timezone.localdate().year - 6
    response = investor.post(
        "/api/v1/filings/",
        {
            "union_grants": [
                {"programme": "FP7", "amount": "800000", "currency": "EUR", "year": old}
            ]
        },
        format="json",
    )

    assert list(error_attrs(response)) == ["union_grants.0.year"]
