"""The demo data loads, covers the structures reviewers must handle, and re-runs safely."""

import pytest
from django.core.management import CommandError, call_command

from screening.demo import demo_key, load_demo
from screening.models import Filing


def test_demo_data_has_submitted_amended_withdrawn_and_draft_filings(db):
    load_demo()

    statuses = sorted(Filing.objects.values_list("status", flat=True))
    assert statuses == ["draft", "submitted", "submitted", "submitted", "withdrawn"]
    assert Filing.objects.filter(version_count=2).count() == 1


def test_demo_data_includes_a_state_owned_parent_and_a_cross_holding(db):
    load_demo()

    statements = [
        s
        for v in Filing.objects.get(title__contains="Nordwind").versions.all()
        for s in v.content["ownership_statements"]
    ]
    entity_types = {s["recordDetails"].get("entityType", {}).get("type") for s in statements}
    assert {"state", "stateBody"} <= entity_types
    chips = Filing.objects.get(title__contains="Elbtal").versions.get().content
    edges = {
        (s["recordDetails"]["interestedParty"], s["recordDetails"]["subject"])
        for s in chips["ownership_statements"]
        if s["recordType"] == "relationship"
    }
    assert ("sg-meridian", "sg-lioncity") in edges and ("sg-lioncity", "sg-meridian") in edges


def test_loading_the_demo_twice_changes_nothing(db):
    load_demo()
    before = Filing.objects.count()

    load_demo()

    assert Filing.objects.count() == before


def test_the_demo_key_printed_by_the_command_works(db, client, capsys):
    call_command("load_demo", "--force")
    key = demo_key("berger")

    assert key in capsys.readouterr().out
    response = client.get("/api/v1/filings/", HTTP_AUTHORIZATION=f"Bearer {key}")
    # Berger files for Nordwind, Schwaben Robotik, Hanse Mühlenwerke (withdrawn) and,
    # under 2026/1386, Lausitz Gallium.
    assert response.json()["count"] == 4


def test_the_demo_command_refuses_a_postgresql_node_without_force(db):
    # The suite runs on PostgreSQL, as production does; the demo runs on SQLite.
    with pytest.raises(CommandError, match="refusing to load it into a postgresql database"):
        call_command("load_demo")
