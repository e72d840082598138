"""BODS 0.4 export, checked with the official validator (libcovebods, schema only: its
other checks fetch a codelist from the network)."""

import json

from django.core.management import call_command
from libcovebods.config import LibCoveBODSConfig
from libcovebods.data_reader import DataReader
from libcovebods.jsonschemavalidate import JSONSchemaValidator
from libcovebods.schema import SchemaBODS

from ownership.bods_import import import_file
from ownership.export import export_bods
from screening.demo import data_centre_filing, grid_operator_filing


def schema_errors(statements, tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps(statements))
    reader = DataReader(str(path))
    schema = SchemaBODS(reader, LibCoveBODSConfig())
    return [error.json()["message"] for error in JSONSchemaValidator(schema).validate(reader)]


def imported(tmp_path, statements):
    path = tmp_path / "in.json"
    path.write_text(json.dumps(statements))
    import_file(path)


def test_the_export_of_a_state_owned_structure_is_valid_bods_0_4(db, tmp_path):
    imported(tmp_path, grid_operator_filing()["ownership_statements"])

    statements = export_bods("hk-huaxin-power")

    # Upstream of the investor: itself, the group, the commission, the state, and the four
    # relationships among them and the free float. The target is downstream: not exported.
    assert len(statements) == 8
    assert schema_errors(statements, tmp_path) == []


def test_ranges_and_declared_unknown_owners_export_validly(db, tmp_path):
    imported(tmp_path, data_centre_filing()["ownership_statements"])

    statements = export_bods("ky-atlantic-fund")

    unspecified = [
        s for s in statements if isinstance(s["recordDetails"].get("interestedParty"), dict)
    ]
    assert unspecified[0]["recordDetails"]["interestedParty"]["reason"] == (
        "interestedPartyHasNotProvidedInformation"
    )
    assert schema_errors(statements, tmp_path) == []


def test_exporting_twice_gives_the_same_statement_ids(db, tmp_path):
    imported(tmp_path, grid_operator_filing()["ownership_statements"])

    first = [s["statementId"] for s in export_bods("hk-huaxin-power")]

    assert [s["statementId"] for s in export_bods("hk-huaxin-power")] == first


def test_an_export_imports_back_to_the_same_resolution(db, tmp_path, capsys):
    imported(tmp_path, grid_operator_filing()["ownership_statements"])
    call_command("resolve_ownership", "hk-huaxin-power", "--as-of", "2026-06-01", "--json")
    before = json.loads(capsys.readouterr().out)
    call_command("export_bods", "hk-huaxin-power")
    exported = capsys.readouterr().out

    # Re-importing our own export changes nothing that the resolution reads.
    path = tmp_path / "roundtrip.json"
    path.write_text(exported)
    import_file(path)
    call_command("resolve_ownership", "hk-huaxin-power", "--as-of", "2026-06-01", "--json")

    assert json.loads(capsys.readouterr().out) == before
