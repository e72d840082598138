"""Every change of a filing leaves an audit entry: who, what, when, why."""

import pytest

from core.models import AuditEntry
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
