"""The signed head of the audit trail: entries deleted at the end, or a trail rewritten and
sealed again, no longer match it; nor does a head forged in the database."""

import json
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from core import audit, keyring, services
from core.models import AuditEntry, AuditHead
from tests.factories import submitted_filing


def verify(*args):
    """verify_audit's verdict: (holds, what it printed, what it complained of)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("verify_audit", *args, stdout=out, stderr=err)
    except CommandError:
        return False, out.getvalue(), err.getvalue()
    return True, out.getvalue(), err.getvalue()


def published_head():
    out = StringIO()
    call_command("audit_head", stdout=out)
    return out.getvalue()


def delete_entries(*ids):
    # Behind the model's back, as someone with database access could.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = ANY(%s)", [list(ids)])


def delete_heads():
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_audithead")


def newest_entries(count):
    return list(AuditEntry.objects.order_by("-id").values_list("id", flat=True)[:count])


@pytest.fixture
def trail(investor):
    """Five entries (the investor's key, then a draft and a submission twice), signed."""
    submitted_filing(investor)
    submitted_filing(investor)
    head = services.sign_audit_head()
    assert head is not None and head.entry_count == 5
    return head


def test_an_untouched_trail_holds_and_extends_its_signed_head(trail):
    holds, out, _ = verify()

    assert holds
    assert "The audit trail holds: 5 entries checked." in out
    assert f"It extends the signed head of {trail.signed_at.isoformat()}" in out


def test_entries_deleted_at_the_end_are_found_against_the_stored_head(trail):
    delete_entries(*newest_entries(2))
    last = AuditEntry.objects.latest("id")

    holds, _, err = verify()

    assert not holds
    assert (
        f"the signed head of {trail.signed_at.isoformat()} names entry {trail.last_entry_id} "
        f"(hash {trail.last_entry_hash[:16]}…); the trail ends at entry {last.pk}: "
        "2 entries missing at the end"
    ) in err


def test_entries_deleted_at_the_end_are_found_against_a_head_kept_outside(trail, tmp_path):
    copy = tmp_path / "head.json"
    copy.write_text(published_head())
    delete_entries(*newest_entries(2))
    delete_heads()  # the database no longer holds any head to compare with

    holds, _, err = verify("--head", str(copy))

    assert not holds
    assert "2 entries missing at the end" in err
    assert "is no longer in the database: signed heads were deleted" in err


def test_without_a_copy_deleting_the_heads_too_is_found_only_by_their_age(trail):
    delete_entries(*newest_entries(2))
    delete_heads()

    assert verify()[0]
    holds, _, err = verify("--max-head-age", "20")
    assert not holds
    assert "there is no signed head at all" in err


def test_a_newest_head_older_than_allowed_is_refused(trail):
    with time_machine.travel(timezone.now() + timedelta(minutes=30)):
        holds, _, err = verify("--max-head-age", "20")

    assert not holds
    assert "older than 20 minutes" in err


def test_entries_deleted_at_the_end_and_written_after_are_found(trail, investor):
    delete_entries(*newest_entries(2))
    submitted_filing(investor)  # the chain joins up again behind the deleted entries

    holds, _, err = verify()

    assert not holds
    assert (
        f"names entry {trail.last_entry_id} (hash {trail.last_entry_hash[:16]}…), which is "
        "missing: 2 entries up to it deleted"
    ) in err


def test_a_trail_rewritten_and_sealed_again_is_found(trail):
    # Someone with the database edits an entry and seals it and every later entry again:
    # the chain alone holds, but the last hash is no longer the signed one.
    previous = audit.GENESIS
    for entry in AuditEntry.objects.order_by("id"):
        if entry.action == "filing.submitted":
            entry.reason = "nothing happened"
        sealed = audit.seal(previous, entry.content())
        AuditEntry.objects.filter(pk=entry.pk).update(
            reason=entry.reason, previous_hash=previous, hash=sealed
        )
        previous = sealed
    assert services.verify_audit_chain() == []

    holds, _, err = verify()

    assert not holds
    assert "the trail up to it was rewritten and sealed again" in err


def test_a_head_forged_with_another_key_is_refused(trail):
    stolen_id = trail.key_id  # the forger names this node's key, but cannot use it
    forger = audit.head_key(keyring.derive("a guessed secret", label=audit.HEAD_KEY_LABEL))
    forged = audit.sign_head(trail.signed().head, forger)
    AuditHead.objects.create(
        node=trail.node,
        last_entry_id=trail.last_entry_id,
        last_entry_hash=trail.last_entry_hash,
        entry_count=trail.entry_count,
        signed_at=timezone.now(),
        key_id=stolen_id,
        public_key=forged.public_key,
        signature=forged.signature,
    )

    holds, _, err = verify()

    assert not holds
    assert "is forged: its signature does not match what it says" in err


def test_a_head_edited_in_the_database_is_refused(trail):
    # Truncate, then make the stored head name the new end of the trail.
    delete_entries(*newest_entries(2))
    last = AuditEntry.objects.latest("id")
    AuditHead.objects.filter(pk=trail.pk).update(
        last_entry_id=last.pk, last_entry_hash=last.hash, entry_count=3
    )

    holds, _, err = verify()

    assert not holds
    assert "is forged" in err


def test_a_forged_head_file_is_refused(trail, tmp_path):
    published = json.loads(published_head())
    published["entry_count"] = 4
    copy = tmp_path / "head.json"
    copy.write_text(json.dumps(published))

    holds, _, err = verify("--head", str(copy))

    assert not holds
    assert f"{copy}: the signed head of {trail.signed_at.isoformat()} is forged" in err


def test_no_head_is_signed_over_a_truncated_trail(trail):
    delete_entries(*newest_entries(1))

    with pytest.raises(audit.TrailBroken, match="1 entry missing at the end"):
        services.sign_audit_head()

    assert AuditHead.objects.count() == 1


def test_signing_over_a_break_needs_a_reason_that_goes_into_the_trail(trail):
    delete_entries(*newest_entries(1))

    head = services.sign_audit_head(acknowledge="Restored from the backup of 03:00")

    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.reason) == (
        "audit.break_acknowledged",
        "Restored from the backup of 03:00",
    )
    assert head is not None and head.last_entry_id == entry.pk


def test_heads_signed_before_the_secret_key_was_replaced_still_verify_with_fallbacks(
    trail, settings
):
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-of-this-node"

    assert verify()[0]


def test_heads_signed_with_a_secret_no_longer_known_are_refused(trail, settings):
    settings.SECRET_KEY = "a-new-secret-key-of-this-node"

    holds, _, err = verify()

    assert not holds
    assert "signed with a key this node does not hold" in err


def test_celery_beat_signs_a_head_every_ten_minutes():
    entry = django_settings.CELERY_BEAT_SCHEDULE["sign-audit-head"]

    assert (entry["task"], entry["schedule"]) == ("core.tasks.sign_audit_head", 600.0)


def test_the_task_signs_the_current_head(investor):
    from core.tasks import sign_audit_head

    submitted_filing(investor)

    assert sign_audit_head.apply().get() == AuditEntry.objects.latest("id").pk


def test_the_published_head_carries_what_a_reader_outside_needs(trail):
    published = json.loads(published_head())

    assert published == {
        "format": "fdi-audit-head/1",
        "node": trail.node,
        "last_entry_id": trail.last_entry_id,
        "last_entry_hash": trail.last_entry_hash,
        "entry_count": 5,
        "signed_at": trail.signed_at.isoformat(),
        "key_id": trail.key_id,
        "public_key": trail.public_key,
        "signature": trail.signature,
    }


def test_a_head_that_is_not_a_head_is_refused_plainly(db, tmp_path):
    copy = tmp_path / "head.json"
    copy.write_text("{}")

    with pytest.raises(CommandError, match="not an audit head"):
        call_command("verify_audit", "--head", str(copy))


def test_the_command_refuses_to_sign_over_a_truncated_trail_and_says_why(trail):
    delete_entries(*newest_entries(1))
    err = StringIO()

    with pytest.raises(CommandError, match="give the reason with --acknowledge"):
        call_command("audit_head", "--sign", stderr=err)

    assert "1 entry missing at the end" in err.getvalue()


def test_the_command_signs_over_a_break_when_told_why(trail):
    delete_entries(*newest_entries(1))

    call_command("audit_head", "--sign", "--acknowledge", "Restored from backup", stdout=StringIO())

    assert verify()[0]


def test_without_a_secret_key_verify_audit_says_what_to_set(trail, settings):
    settings.SECRET_KEY = ""

    with pytest.raises(CommandError, match="DJANGO_SECRET_KEY is not set"):
        call_command("verify_audit")
