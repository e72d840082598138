"""The scope decision of Regulation (EU) 2026/1386 (screening/pure/scope.py): each
minimum-scope category, the register of designated entities, the node's extensions,
foreign investment directly and through an EU subsidiary, effective participation, and
the greenfield and internal-restructuring exclusions."""

from decimal import Decimal

import pytest

from core.pure.codes import is_third_country
from screening.pure.scope import Designation, Rules, decide

RULES = Rules(
    voting_threshold=Decimal("10"),
    national_extensions={"de.media": "Media undertakings (AWV § 55a(1) no. 5)"},
    designated=[
        Designation(
            "Netzwerk Nord GmbH",
            "energy",
            identifiers=(("DE-HRB", "HRB 77"),),
            reference="BNetzA designation 2027/14",
        )
    ],
    is_third_country=is_third_country,
)
NO_OWNERSHIP_NEEDED = None  # a third-country investor is foreign whatever owns it


def content(*categories, **overrides):
    """A Chinese company acquiring 30 % of the voting rights of a German target."""
    filing = {
        "transaction_kind": "share_acquisition",
        "investor": {"name": "Far East Holdings Ltd", "country": "CN", "bods_record_id": "inv"},
        "target": {"name": "Zielwerk GmbH", "country": "DE", "identifiers": []},
        "stake": {"voting_after": "30"},
        "special_rights": [],
        "scope": {"categories": list(categories), "internal_restructuring": False},
    }
    filing.update(overrides)
    return filing


@pytest.mark.parametrize(
    ("category", "basis", "detail"),
    [
        ({"category": "dual_use", "codes": ["3A001"]}, "Art. 4(15)(a)", "3A001"),
        ({"category": "military", "codes": ["ML10"]}, "Art. 4(15)(b)", "ML10"),
        (
            {"category": "critical_technology", "technologies": ["quantum"]},
            "Art. 4(15)(c)",
            "quantum technologies",
        ),
        (
            {
                "category": "strategic_raw_materials",
                "activities": ["processing"],
                "materials": ["gallium"],
            },
            "Art. 4(15)(e)",
            "processing of gallium",
        ),
        (
            {"category": "financial_infrastructure", "kind": "central_counterparty"},
            "Art. 4(15)(f)",
            "a central counterparty",
        ),
        ({"category": "electoral_systems"}, "Art. 4(15)(g)", ""),
        (
            {"category": "national", "code": "de.media"},
            "Art. 4(16)",
            "Media undertakings (AWV § 55a(1) no. 5)",
        ),
    ],
)
def test_a_declared_category_brings_a_foreign_investment_into_prior_authorisation(
    category, basis, detail
):
    decision = decide(content(category), NO_OWNERSHIP_NEEDED, RULES)

    assert decision["prior_authorisation_required"] is True
    [counted] = decision["categories"]
    assert (counted["basis"], counted["detail"]) == (
        f"{basis} Regulation (EU) 2026/1386",
        detail,
    )


def test_a_target_on_the_register_of_designated_entities_is_in_scope_undeclared():
    # Found by its register number, whatever its case.
    target = {
        "name": "Netzwerk Nord GmbH",
        "country": "DE",
        "identifiers": [{"scheme": "DE-HRB", "id": "hrb 77"}],
    }

    decision = decide(content(target=target), NO_OWNERSHIP_NEEDED, RULES)

    [counted] = decision["categories"]
    assert counted["category"] == "critical_entity"
    assert counted["source"] == "the register of designated entities"
    assert counted["detail"] == (
        "Netzwerk Nord GmbH, designated for energy (BNetzA designation 2027/14)"
    )
    assert decision["prior_authorisation_required"] is True


def test_a_claimed_critical_entity_not_on_the_register_does_not_count():
    decision = decide(
        content({"category": "critical_entity", "sector": "energy"}), NO_OWNERSHIP_NEEDED, RULES
    )

    assert decision["in_minimum_scope"] is False
    assert decision["not_counted"][0]["category"] == "critical_entity"
    assert decision["prior_authorisation_required"] is False
    assert decision["summary"] == "No prior authorisation: outside the minimum scope."


def test_an_extension_the_node_does_not_have_does_not_count():
    decision = decide(
        content({"category": "national", "code": "fr.water"}), NO_OWNERSHIP_NEEDED, RULES
    )

    assert decision["in_minimum_scope"] is False
    assert "'fr.water' is not one of this member state's" in decision["not_counted"][0]["reason"]


def test_a_greenfield_investment_is_in_scope_and_exempt():
    decision = decide(
        content({"category": "dual_use", "codes": ["1C350"]}, transaction_kind="greenfield"),
        NO_OWNERSHIP_NEEDED,
        RULES,
    )

    assert decision["in_minimum_scope"] is True
    assert decision["prior_authorisation_required"] is False
    assert decision["exclusions"][0]["code"] == "greenfield"
    assert decision["summary"].startswith("In scope, exempt from prior authorisation")


def test_a_stake_below_the_node_threshold_without_rights_is_a_portfolio_investment():
    # 9.99 % of the voting rights is below the threshold of 10 %.
    decision = decide(
        content({"category": "dual_use", "codes": ["3A001"]}, stake={"voting_after": "9.99"}),
        NO_OWNERSHIP_NEEDED,
        RULES,
    )

    assert decision["effective_participation"]["effective"] is False
    assert decision["prior_authorisation_required"] is False


def test_a_small_stake_with_a_board_seat_is_effective_participation():
    decision = decide(
        content(
            {"category": "dual_use", "codes": ["3A001"]},
            stake={"voting_after": "5"},
            special_rights=[{"kind": "board_seats", "description": "One of five seats"}],
        ),
        NO_OWNERSHIP_NEEDED,
        RULES,
    )

    assert decision["effective_participation"] == {
        "effective": True,
        "reason": "Rights beyond the stake: board seats",
    }
    assert decision["prior_authorisation_required"] is True


DRAGON_CONTROLS_RHEIN = {
    "foreign_control": {
        "controlled": True,
        "certain": True,
        "by": [
            {
                "record_id": "dragon",
                "name": "Dragon Capital Ltd",
                "country": "CN",
                "certain": True,
                "chain": [],
            }
        ],
        "country_unknown": [],
    }
}
RHEIN = {"name": "Rhein Holding GmbH", "country": "DE", "bods_record_id": "rhein"}


def test_an_eu_company_controlled_from_a_third_country_invests_through_an_eu_subsidiary():
    decision = decide(
        content({"category": "military", "codes": ["ML22.b"]}, investor=RHEIN),
        DRAGON_CONTROLS_RHEIN,
        RULES,
    )

    assert decision["foreign_investment"]["route"] == "eu_subsidiary"
    assert decision["foreign_investment"]["reason"] == (
        "Rhein Holding GmbH (DE) is controlled by Dragon Capital Ltd (CN): an investment "
        "through a foreign investor's subsidiary in the Union (Art. 2(7) Regulation (EU) "
        "2026/1386)."
    )
    assert decision["summary"] == (
        "Prior authorisation required: a foreign investment through an EU subsidiary in "
        "the minimum scope."
    )


def test_an_eu_company_nobody_foreign_controls_is_not_a_foreign_investment():
    ownership = {"foreign_control": {"controlled": False, "by": [], "country_unknown": []}}

    decision = decide(
        content({"category": "military", "codes": ["ML1"]}, investor=RHEIN), ownership, RULES
    )

    assert decision["foreign_investment"]["foreign"] is False
    assert decision["prior_authorisation_required"] is False


def test_an_eu_investor_is_undecided_until_its_ownership_is_resolved():
    decision = decide(
        content({"category": "military", "codes": ["ML1"]}, investor=RHEIN), None, RULES
    )

    assert decision["prior_authorisation_required"] is None


def restructuring(owners_before):
    return content(
        {"category": "dual_use", "codes": ["3A001"]},
        investor=RHEIN,
        scope={
            "categories": [{"category": "dual_use", "codes": ["3A001"]}],
            "internal_restructuring": True,
        },
        target_owners_before=owners_before,
    )


def test_an_internal_restructuring_within_a_group_already_controlled_from_abroad_is_excluded():
    # Dragon already held the target through another subsidiary: no one new upstream.
    before = [{"name": "Dragon Capital Ltd", "country": "CN", "bods_record_id": "dragon"}]

    decision = decide(restructuring(before), DRAGON_CONTROLS_RHEIN, RULES)

    assert decision["exclusions"][0]["code"] == "internal_restructuring"
    assert decision["prior_authorisation_required"] is False


def test_an_internal_restructuring_that_brings_a_new_third_country_entity_stays_in_scope():
    before = [{"name": "Rhein Familie KG", "country": "DE"}]

    decision = decide(restructuring(before), DRAGON_CONTROLS_RHEIN, RULES)

    [exclusion] = decision["exclusions"]
    assert exclusion["code"] == "internal_restructuring_with_new_entity"
    assert exclusion["new_entities"] == [{"name": "Dragon Capital Ltd", "country": "CN"}]
    assert decision["prior_authorisation_required"] is True
