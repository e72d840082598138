"""What Regulation (EU) 2026/1386 asks of the ownership engine (docs/ownership.md §5, §11):
foreign control of an EU investor with its chain, the highest legal person when no
natural person is found, opaque structures with their reasons, names in original script,
and an export that imports back to the same answer."""

import json
from datetime import date

import pytest

from ownership.bods_import import import_file, import_statements
from ownership.export import export_bods
from ownership.pure import statements as bods
from ownership.services import resolve_record
from tests.ownership.bods_examples import EXAMPLES

S = "regime-2026"
ON = date(2026, 6, 1)


def load(statements):
    run = import_statements(enumerate(statements, 1), source="test")
    assert run.problems == []


@pytest.fixture
def eu_investor_under_chinese_control(db):
    """Target GmbH (DE) <- 100 % Rhein Holding GmbH (DE) <- 60 % Dragon Capital Ltd (CN);
    the other 40 % of Rhein Holding with Maas Beheer BV (NL)."""
    load(
        [
            bods.entity("target", "Target GmbH", "DE", subject=S),
            bods.entity("rhein", "Rhein Holding GmbH", "DE", subject=S),
            bods.entity("dragon", "Dragon Capital Ltd", "CN", subject=S),
            bods.entity("maas", "Maas Beheer BV", "NL", subject=S),
            bods.owns("r1", "rhein", "target", subject=S, percent=100.0),
            bods.owns("r2", "dragon", "rhein", subject=S, percent=60.0),
            bods.owns("r3", "maas", "rhein", subject=S, percent=40.0),
        ]
    )


def test_an_eu_company_controlled_from_a_third_country_is_under_foreign_control(
    eu_investor_under_chinese_control,
):
    # Dragon holds 60 % of Rhein's votes (> 50 %): it controls Rhein, and with Rhein's
    # 100 % it controls Target.
    foreign = resolve_record("target", as_of=ON)["foreign_control"]

    assert (foreign["controlled"], foreign["certain"]) == (True, True)
    assert [(row["record_id"], row["country"]) for row in foreign["by"]] == [("dragon", "CN")]


def test_the_controlling_chain_runs_from_the_foreign_investor_to_the_subject(
    eu_investor_under_chinese_control,
):
    [row] = resolve_record("target", as_of=ON)["foreign_control"]["by"]

    assert [party["record_id"] for party in row["chain"]] == ["dragon", "rhein", "target"]


def test_a_minority_from_a_third_country_is_not_foreign_control(db):
    # Dragon 40 %, Maas 60 %: the EU holder controls.
    load(
        [
            bods.entity("target", "Target GmbH", "DE", subject=S),
            bods.entity("dragon", "Dragon Capital Ltd", "CN", subject=S),
            bods.entity("maas", "Maas Beheer BV", "NL", subject=S),
            bods.owns("r1", "dragon", "target", subject=S, percent=40.0),
            bods.owns("r2", "maas", "target", subject=S, percent=60.0),
        ]
    )

    assert resolve_record("target", as_of=ON)["foreign_control"]["controlled"] is False


def test_with_no_natural_person_the_highest_legal_person_is_the_marked_fallback(db):
    # JENEX LIMITED is owned by MVJ LIMITED; no person is declared above MVJ.
    load(EXAMPLES["bods-package-entity-owning-entity"]())

    result = resolve_record("12b7dd0770ce", as_of=ON)

    assert result["beneficial_owners"] == []
    assert [(row["name"], row["basis"]) for row in result["beneficial_owner_fallback"]] == [
        ("MVJ LIMITED", ["fallback"])
    ]


def test_a_natural_person_found_leaves_no_fallback(db):
    load(EXAMPLES["bods-package"]())

    assert resolve_record("c359f58d2977", as_of=ON)["beneficial_owner_fallback"] == []


def test_a_trust_whose_beneficiary_is_not_named_is_opaque(db):
    # Levent Trust: the beneficiary is an anonymous person, exempt from disclosure.
    load(EXAMPLES["levent"]())

    opaque = resolve_record("8e40d059", as_of=ON)["opaque"]

    assert opaque["opaque"] is True
    assert {reason["code"] for reason in opaque["reasons"]} == {
        "declared_unknown",
        "trust_without_named_beneficiaries",
    }


def test_a_nominee_without_a_named_nominator_is_opaque(db):
    load(
        [
            bods.entity("target", "Target GmbH", "DE", subject=S),
            bods.entity(
                "nomination", "Nominee arrangement", "DE", subject=S, entity_type="arrangement"
            ),
            bods.person("face", "Nina Nominee", "DE", subject=S),
            bods.owns("r1", "nomination", "target", subject=S, percent=30.0),
            bods.owns("r2", "face", "nomination", bods.interest("nominee"), subject=S),
        ]
    )

    reasons = resolve_record("target", as_of=ON)["opaque"]["reasons"]

    assert [reason["code"] for reason in reasons] == ["nominee_without_nominator"]


def test_a_layer_in_a_listed_secrecy_jurisdiction_makes_the_structure_opaque(db, settings):
    settings.SECRECY_JURISDICTIONS = ["KY"]
    load(
        [
            bods.entity("target", "Target GmbH", "DE", subject=S),
            bods.entity("cayman", "Island Holdings Ltd", "KY", subject=S),
            bods.owns("r1", "cayman", "target", subject=S, percent=100.0),
        ]
    )

    reasons = resolve_record("target", as_of=ON)["opaque"]["reasons"]

    assert reasons == [{"code": "secrecy_jurisdiction", "detail": "Island Holdings Ltd (KY)"}]


def test_a_plain_structure_is_not_opaque(eu_investor_under_chinese_control):
    assert resolve_record("target", as_of=ON)["opaque"] == {"opaque": False, "reasons": []}


def test_a_persons_names_in_original_script_are_kept_beside_the_latin_ones(db):
    person = bods.person("li", "Li Wei", "CN", subject=S)
    person["recordDetails"]["names"].append({"type": "alternative", "fullName": "李伟"})
    load(
        [
            bods.entity("target", "Target GmbH", "DE", subject=S),
            person,
            bods.owns("r1", "li", "target", subject=S, percent=100.0),
        ]
    )

    names = resolve_record("target", as_of=ON)["names"]["li"]

    assert names == [
        {"type": "legal", "name": "Li Wei"},
        {"type": "alternative", "name": "李伟"},
    ]


@pytest.mark.parametrize(
    ("example", "subject"),
    [
        ("levent", "8e40d059"),
        ("nomination", "104AB1984C"),
        ("mixed-direct-and-indirect-ownership", "9bfe59b6a869"),
        ("bods-package-fi-soe", "19f1c5afe9d7"),
        ("listed-company-exempt-from-disclosure", "4c7ea3bfbe6c"),
    ],
)
def test_the_export_imports_back_to_the_same_answer(db, tmp_path, example, subject):
    load(EXAMPLES[example]())
    before = resolve_record(subject, as_of=ON)
    exported = tmp_path / "exported.json"
    exported.write_text(json.dumps(export_bods(subject)))
    from ownership.models import ImportedStatement, Interest, Party, Relationship

    for model in (Interest, Relationship, Party, ImportedStatement):
        model.objects.all().delete()

    run = import_file(exported)

    assert run.problems == []
    assert resolve_record(subject, as_of=ON) == before
