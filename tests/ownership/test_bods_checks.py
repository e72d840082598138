"""The structural BODS 0.4 checks, on plain lists (no database)."""

from ownership.pure import statements as bods
from ownership.pure.bods_checks import check_statements


def package():
    s = "a"
    return [
        bods.entity("a", "A Ltd", "GB", subject=s),
        bods.entity("b", "B Ltd", "GB", subject=s),
        bods.owns("r", "b", "a", subject=s, percent=60.0),
    ]


def paths(statements):
    return {problem.path for problem in check_statements(statements)}


def test_a_well_formed_package_has_no_problems():
    assert check_statements(package()) == []


def test_a_share_range_with_the_bounds_inverted_is_a_problem():
    statements = package()
    statements[2]["recordDetails"]["interests"] = [bods.interest(minimum=60, maximum=40)]

    assert paths(statements) == {"[2].recordDetails.interests[0].share"}


def test_an_interest_ending_before_it_starts_is_a_problem():
    statements = package()
    statements[2]["recordDetails"]["interests"] = [
        bods.interest(exact=10, start="2024-05-01", end="2023-01-01")
    ]

    assert paths(statements) == {"[2].recordDetails.interests[0].endDate"}


def test_an_unknown_interest_type_is_a_problem():
    statements = package()
    statements[2]["recordDetails"]["interests"][0]["type"] = "friendship"

    assert paths(statements) == {"[2].recordDetails.interests[0].type"}


def test_an_unspecified_owner_needs_a_known_reason():
    statements = package()
    statements[2]["recordDetails"]["interestedParty"] = bods.unspecified("shyness")

    assert paths(statements) == {"[2].recordDetails.interestedParty.reason"}


def test_a_declared_unknown_owner_is_well_formed():
    statements = package()
    statements[2]["recordDetails"]["interestedParty"] = bods.unspecified("noBeneficialOwners")

    assert check_statements(statements) == []


def test_component_records_must_be_in_the_package():
    statements = package()
    statements[2]["recordDetails"]["componentRecords"] = ["missing"]

    assert paths(statements) == {"[2].recordDetails.componentRecords[0]"}


def test_a_duplicated_statement_id_is_a_problem():
    statements = package()
    statements.append(dict(statements[0]))

    assert "[3].statementId" in paths(statements)


def test_a_relationship_cannot_point_at_a_relationship():
    statements = package()
    statements.append(bods.owns("r2", "r", "a", subject="a", percent=1.0))

    assert paths(statements) == {"[3].recordDetails.interestedParty"}


def test_the_same_package_built_twice_has_the_same_statement_ids():
    assert [s["statementId"] for s in package()] == [s["statementId"] for s in package()]


def test_a_date_in_a_form_other_than_yyyy_mm_dd_is_a_problem():
    statements = package()
    statements[0]["statementDate"] = "20260101"  # ISO 8601 basic form: not BODS

    assert paths(statements) == {"[0].statementDate"}


def test_is_component_must_be_true_or_false():
    statements = package()
    statements[1]["recordDetails"]["isComponent"] = "false"

    assert paths(statements) == {"[1].recordDetails.isComponent"}


def test_a_record_id_longer_than_255_characters_is_a_problem():
    statements = package()
    statements[2]["recordId"] = "r" * 256

    assert paths(statements) == {"[2].recordId"}
