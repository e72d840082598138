"""Writes of the core app: API keys, reference numbers, audit entries."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from core import audit
from core.actors import Actor
from core.models import ApiKey, AuditEntry, IdempotentRequest, Organisation, Sequence

KEY_PREFIX = "fdi"
AUDIT_CHAIN_LOCK = 7_245_001  # pg_advisory_xact_lock key of the audit chain


@dataclass(frozen=True)
class IssuedKey:
    key: ApiKey
    secret: str  # the full key, shown once


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_api_key(
    *, organisation: Organisation, name: str, actor: Actor, secret: str | None = None
) -> IssuedKey:
    """Make a key; the returned secret is never stored and cannot be shown again.

    `secret` may be given only to recreate the fixed keys of the demo data.
    """
    if secret is None:
        prefix = secrets.token_hex(4)
        secret = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    else:
        prefix = parse_key(secret)[0]
    with transaction.atomic():
        key = ApiKey.objects.create(
            organisation=organisation,
            name=name,
            prefix=prefix,
            secret_hash=hash_secret(secret),
            created_by=actor.label,
        )
        record_audit(
            actor=actor,
            action="api_key.created",
            obj=key,
            organisation=organisation,
            after={"name": name, "prefix": prefix},
        )
    return IssuedKey(key=key, secret=secret)


def parse_key(secret: str) -> tuple[str, str]:
    parts = secret.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX or not parts[1] or not parts[2]:
        raise ValueError("Not an API key of this system.")
    return parts[1], parts[2]


def authenticate_key(secret: str) -> ApiKey | None:
    """The active key matching `secret`, or None. Compares hashes in constant time."""
    try:
        prefix, _ = parse_key(secret)
    except ValueError:
        return None
    key = (
        ApiKey.objects.select_related("organisation")
        .filter(prefix=prefix, revoked_at__isnull=True)
        .first()
    )
    if key is None or not hmac.compare_digest(key.secret_hash, hash_secret(secret)):
        return None
    now = timezone.now()
    # Touch last_used_at at most once a minute: a write per request would cost more than
    # the request itself.
    if key.last_used_at is None or now - key.last_used_at > timedelta(minutes=1):
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
    return key


def revoke_api_key(*, key: ApiKey, actor: Actor, reason: str = "") -> ApiKey:
    with transaction.atomic():
        key = ApiKey.objects.select_for_update().get(pk=key.pk)
        if key.revoked_at is None:
            key.revoked_at = timezone.now()
            key.save(update_fields=["revoked_at"])
            record_audit(
                actor=actor,
                action="api_key.revoked",
                obj=key,
                organisation=key.organisation,
                reason=reason,
            )
    return key


def purge_idempotent_requests(*, older_than: timedelta = timedelta(days=7)) -> int:
    """Forget stored answers to idempotent POSTs after a while (clients retry within hours)."""
    deleted, _ = IdempotentRequest.objects.filter(
        created_at__lt=timezone.now() - older_than
    ).delete()
    return deleted


def next_number(*, name: str, year: int) -> int:
    """The next number of a yearly sequence; call inside the transaction that uses it."""
    connection = transaction.get_connection()
    assert connection.in_atomic_block, "next_number needs a transaction"
    # One statement: creates the counter or increments it, and keeps the row locked until
    # the caller's transaction ends (PostgreSQL, and SQLite >= 3.35).
    table = Sequence._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (name, year, last) VALUES (%s, %s, 1) "  # noqa: S608
            f"ON CONFLICT (name, year) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [name, year],
        )
        return int(cursor.fetchone()[0])


def record_audit(
    *,
    actor: Actor,
    action: str,
    obj: Any,
    organisation: Organisation | None = None,
    before: Any = None,
    after: Any = None,
    reason: str = "",
) -> AuditEntry:
    """Append a sealed entry to the audit trail, in the caller's transaction."""
    entry = AuditEntry(
        at=timezone.now(),
        actor=actor.label,
        user=actor.user,  # type: ignore[misc]  # the project's user model is auth.User
        api_key=actor.api_key,
        organisation=organisation if organisation is not None else actor.organisation,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        before=_plain(before),
        after=_plain(after),
        reason=reason,
    )
    with transaction.atomic():
        connection = transaction.get_connection()
        if connection.vendor == "postgresql":
            # One writer at a time appends to the chain, until its transaction ends.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [AUDIT_CHAIN_LOCK])
        last = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first()
        entry.previous_hash = last or audit.GENESIS
        entry.hash = audit.seal(entry.previous_hash, entry.content())
        entry.save()
    return entry


def verify_audit_chain() -> list[audit.Break]:
    entries = AuditEntry.objects.order_by("id").iterator(chunk_size=2000)
    return audit.verify_chain((e.id, e.previous_hash, e.hash, e.content()) for e in entries)


def _plain(value: Any) -> Any:
    """JSON as the database will give it back (dates as text), so the seal still holds
    when the entry is read again."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))
