"""Every change of a filing leaves an audit entry: who, what, when, why."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from core.models import AuditEntry
from core.services import verify_audit_chain
from tests.factories import submitted_filing


def test_each_lifecycle_step_is_audited_with_its_actor(investor):
    filing = submitted_filing(investor)["filing"]
    investor.post(
        f"/api/v1/filings/{filing['id']}/withdraw/", {"reason": "Deal off"}, format="json"
    )

    entries = AuditEntry.objects.filter(object_id=filing["id"]).order_by("id")

    assert [e.action for e in entries] == [
        "filing.draft_created",
        "filing.submitted",
        "filing.withdrawn",
    ]
    assert all(investor.organisation.name in e.actor for e in entries)
    assert entries[2].reason == "Deal off"


def test_an_audit_entry_cannot_be_changed(investor):
    submitted_filing(investor)
    entry = AuditEntry.objects.filter(action="filing.submitted").get()

    entry.reason = "rewritten"
    with pytest.raises(ValueError):
        entry.save()


def test_an_audit_entry_cannot_be_deleted(investor):
    submitted_filing(investor)
    entry = AuditEntry.objects.filter(action="filing.submitted").get()

    with pytest.raises(ValueError):
        entry.delete()


def test_the_chain_of_an_untouched_trail_holds(investor, capsys):
    submitted_filing(investor)

    call_command("verify_audit")

    count = AuditEntry.objects.count()  # the investor's API key, the draft, the submission
    assert f"The audit trail holds: {count} entries checked." in capsys.readouterr().out


def test_an_entry_edited_in_the_database_is_found(investor):
    submitted_filing(investor)
    entry = AuditEntry.objects.get(action="filing.draft_created")
    # Behind the model's back, as someone with database access could.
    AuditEntry.objects.filter(pk=entry.pk).update(reason="nothing happened")

    with pytest.raises(CommandError, match="broken in 1 place"):
        call_command("verify_audit")


def test_an_entry_deleted_in_the_database_is_found(investor):
    submitted_filing(investor)
    submitted_filing(investor)
    middle = AuditEntry.objects.order_by("id")[1]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [middle.pk])

    breaks = verify_audit_chain()

    assert [b.problem for b in breaks] == ["the entry before it was deleted or changed"]


def test_an_entry_is_sealed_with_the_hash_of_the_one_before(investor):
    submitted_filing(investor)

    first, second = AuditEntry.objects.order_by("id")[:2]

    assert (first.previous_hash, second.previous_hash) == ("0" * 64, first.hash)
