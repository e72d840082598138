"""The scope decision on a case under Regulation (EU) 2026/1386: declared in the filing
(the investor API checks it), decided with the node's register and the resolved
ownership, shown to reviewers; none under 2019/452."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from ownership.pure import statements as bods
from reviews.models import Case
from screening.models import DesignatedEntity
from tests.factories import complete_content, complete_content_2026, create_draft, error_attrs

pytestmark = pytest.mark.django_db

UNDER_2026_1386 = datetime(2028, 3, 1, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.fixture
def file_under_2026_1386(file):
    def submit(investor, content):
        with time_machine.travel(UNDER_2026_1386, tick=False):
            return file(investor, content)

    return submit


def with_scope(*categories, **overrides):
    content = complete_content_2026(
        scope={"categories": list(categories), "internal_restructuring": False}
    )
    content["completion"] = {"status": "planned", "date": "2028-06-30"}
    content.update(overrides)
    return content


def test_a_dual_use_target_bought_from_a_third_country_needs_prior_authorisation(
    investor, file_under_2026_1386
):
    case = file_under_2026_1386(investor, with_scope({"category": "dual_use", "codes": ["3A001"]}))

    assert case.regulation == "eu-2026-1386"
    assert case.scope["prior_authorisation_required"] is True
    assert case.scope["foreign_investment"]["route"] == "direct"


def test_an_eu_subsidiary_controlled_from_china_is_caught_by_foreign_control(
    investor, file_under_2026_1386
):
    # Dragon Capital (CN) holds 60 % of Rhein Holding (DE), which buys 40 % of the
    # target: Dragon controls Rhein (60 % > 50 %), so the investment is foreign (Art. 2(7)).
    statements = [
        bods.entity("rhein", "Rhein Holding GmbH", "DE", subject="rhein"),
        bods.entity("dragon", "Dragon Capital Ltd", "CN", subject="rhein"),
        bods.entity("target", "Zielwerk GmbH", "DE", subject="rhein"),
        bods.owns("r1", "dragon", "rhein", subject="rhein", percent=60.0),
        bods.owns("r2", "rhein", "target", subject="rhein", percent=40.0),
    ]
    content = with_scope(
        {"category": "military", "codes": ["ML10"]},
        investor={
            "name": "Rhein Holding GmbH",
            "kind": "company",
            "country": "DE",
            "address": "Rheinufer 3, 40213 Düsseldorf",
            "bods_record_id": "rhein",
        },
        ultimate_investors=[
            {
                "name": "Dragon Capital Ltd",
                "kind": "entity",
                "country": "CN",
                "capital_percent": "60",
                "bods_record_id": "dragon",
            }
        ],
        ownership_statements=statements,
    )

    case = file_under_2026_1386(investor, content)

    case.refresh_from_db()
    assert case.scope["foreign_investment"]["route"] == "eu_subsidiary"
    assert case.scope["foreign_investment"]["controllers"] == [
        {"name": "Dragon Capital Ltd", "country": "CN", "certain": True}
    ]
    assert case.scope["prior_authorisation_required"] is True


def test_the_register_of_designated_entities_brings_the_target_into_scope(
    investor, file_under_2026_1386
):
    DesignatedEntity.objects.create(
        name="Zielwerk GmbH",
        sector="energy",
        identifiers=[{"scheme": "DE-HRB", "id": "HRB 1"}],
        designated_on=date(2027, 12, 1),
    )

    case = file_under_2026_1386(investor, with_scope())

    assert [c["category"] for c in case.scope["categories"]] == ["critical_entity"]


def test_a_designation_withdrawn_before_the_filing_does_not_count(investor, file_under_2026_1386):
    DesignatedEntity.objects.create(
        name="Zielwerk GmbH",
        sector="energy",
        identifiers=[{"scheme": "DE-HRB", "id": "HRB 1"}],
        designated_on=date(2027, 12, 1),
        withdrawn_on=date(2028, 2, 1),
    )

    case = file_under_2026_1386(investor, with_scope())

    assert case.scope["in_minimum_scope"] is False


def test_a_case_under_2019_452_has_no_scope_decision(investor, django_capture_on_commit_callbacks):
    draft = create_draft(investor, complete_content())
    with django_capture_on_commit_callbacks(execute=True):
        investor.post(f"/api/v1/filings/{draft['id']}/submit/")

    assert Case.objects.get(filing_id=draft["id"]).scope == {}


def test_a_dual_use_code_that_is_not_an_annex_i_entry_is_refused(investor):
    response = investor.post(
        "/api/v1/filings/",
        {"scope": {"categories": [{"category": "dual_use", "codes": ["3A01"]}]}},
        format="json",
    )

    assert response.status_code == 400
    assert error_attrs(response) == {
        "scope.categories.0.codes.0": "'3A01' is not an Annex I entry of Regulation (EU) "
        "2021/821: a category 0-9, a group A-E and three digits, e.g. '3A001' or '5A002.a'."
    }


def test_a_category_without_its_detail_is_refused(investor):
    response = investor.post(
        "/api/v1/filings/",
        {"scope": {"categories": [{"category": "strategic_raw_materials"}]}},
        format="json",
    )

    assert response.status_code == 400
    assert error_attrs(response) == {
        "scope.categories.0.activities": "Give which activities for category "
        "'strategic_raw_materials'.",
        "scope.categories.0.materials": "Give which strategic raw materials for category "
        "'strategic_raw_materials'.",
    }


def test_an_unknown_national_extension_is_refused_with_the_known_ones(investor, settings):
    settings.NATIONAL_SCOPE_EXTENSIONS = {"de.media": "Media undertakings"}

    response = investor.post(
        "/api/v1/filings/",
        {"scope": {"categories": [{"category": "national", "code": "fr.water"}]}},
        format="json",
    )

    assert error_attrs(response) == {
        "scope.categories.0.code": "'fr.water' is not one of this member state's extensions; "
        "they are: de.media."
    }


def test_the_reviewer_api_shows_the_scope_decision(investor, file_under_2026_1386, senior):
    case = file_under_2026_1386(investor, with_scope({"category": "electoral_systems"}))

    body = senior.get(f"/api/v1/cases/{case.pk}/").json()

    assert body["scope"]["summary"] == (
        "Prior authorisation required: a foreign investment in the minimum scope."
    )
