"""Writes of the core app: API keys, reference numbers, audit entries and signed heads."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from core import audit, keyring
from core.actors import Actor
from core.models import (
    ApiKey,
    AuditEntry,
    AuditHead,
    IdempotentRequest,
    Organisation,
    Sequence,
)

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
        _lock_audit_chain()
        last = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first()
        entry.previous_hash = last or audit.GENESIS
        entry.hash = audit.seal(entry.previous_hash, entry.content())
        entry.save()
    return entry


def verify_audit_chain() -> list[audit.Break]:
    entries = AuditEntry.objects.order_by("id").iterator(chunk_size=2000)
    return audit.verify_chain((e.id, e.previous_hash, e.hash, e.content()) for e in entries)


# --- the signed head of the audit trail (core.audit, docs/security.md) ---------------


@dataclass(frozen=True)
class AuditReport:
    entries: int
    breaks: list[audit.Break]  # where the chain itself breaks
    problems: list[str]  # what the stored heads find wrong (forged, or the trail lacks)
    head: audit.SignedHead | None  # the newest stored head whose signature holds
    copy_problems: list[str]  # what the copy kept outside finds wrong

    @property
    def holds(self) -> bool:
        return not (self.breaks or self.problems or self.copy_problems)


def sign_audit_head(*, actor: Actor | None = None, acknowledge: str = "") -> AuditHead | None:
    """Sign the trail's head now; None while the trail is empty.

    A head is signed only over a trail that extends the newest one before it (the same
    entry and hash, then an unbroken chain): otherwise truncation or rewriting would
    simply be signed over. Entries since that head are few, so this check is cheap where
    walking the whole trail every few minutes would not be. A trail that does not extend
    it (after a restore from backup, say) is signed again only with `acknowledge`: a
    reason, recorded in the trail itself.
    """
    with transaction.atomic():
        _lock_audit_chain()  # no entry is appended while the head is read and signed
        previous = _newest_trusted_head(_head_public_keys())
        problems = [] if previous is None else _extension_problems(previous.signed().head)
        if problems:
            if not acknowledge:
                raise audit.TrailBroken(problems)
            record_audit(
                actor=actor or Actor.system(),
                action="audit.break_acknowledged",
                obj=previous,
                before={"problems": problems},
                reason=acknowledge,
            )
        last = AuditEntry.objects.order_by("-id").values_list("id", "hash").first()
        if last is None:
            return None
        head = audit.Head(
            node=settings.NODE_CODE,
            last_entry_id=last[0],
            last_entry_hash=last[1],
            # ids have gaps (a rolled-back transaction still spends its id): count them.
            entry_count=AuditEntry.objects.filter(pk__lte=last[0]).count(),
            signed_at=timezone.now(),
        )
        signed = audit.sign_head(head, _head_signing_key())
        return AuditHead.objects.create(
            node=head.node,
            last_entry_id=head.last_entry_id,
            last_entry_hash=head.last_entry_hash,
            entry_count=head.entry_count,
            signed_at=head.signed_at,
            key_id=signed.key_id,
            public_key=signed.public_key,
            signature=signed.signature,
        )


def latest_audit_head() -> dict[str, Any] | None:
    """The newest signed head whose signature holds, in its published form: for copying
    out of the database (`manage.py audit_head`, a feed of a higher layer, a report)."""
    head = _newest_trusted_head(_head_public_keys())
    return None if head is None else head.signed().as_json()


def verify_audit_trail(*, copy: audit.SignedHead | None = None) -> AuditReport:
    """The chain, every stored head's signature, the newest trusted head against the
    trail, and `copy` (a head kept outside the database) against the trail."""
    keys = _head_public_keys()
    breaks = verify_audit_chain()
    problems = []
    for row in AuditHead.objects.order_by("signed_at", "id").iterator(chunk_size=2000):
        problem = audit.signature_problem(row.signed(), keys)
        if problem:
            problems.append(problem)
    newest_row = _newest_trusted_head(keys)
    newest = None if newest_row is None else newest_row.signed()
    if newest is not None:
        problems += audit.check_head(newest.head, _trail_for(newest.head))
    copy_problems = []
    if copy is not None:
        problem = audit.signature_problem(copy, keys)
        if problem:
            copy_problems.append(problem)
        else:
            copy_problems += audit.check_head(copy.head, _trail_for(copy.head))
            if not AuditHead.objects.filter(signature=copy.signature).exists():
                copy_problems.append(
                    f"the signed head of {copy.head.signed_at.isoformat()} is no longer "
                    "in the database: signed heads were deleted"
                )
    return AuditReport(
        entries=AuditEntry.objects.count(),
        breaks=breaks,
        problems=problems,
        head=newest,
        copy_problems=copy_problems,
    )


def _lock_audit_chain() -> None:
    """One writer at a time appends to the chain (or signs its head), until its
    transaction ends."""
    connection = transaction.get_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [AUDIT_CHAIN_LOCK])


def _head_keys() -> list[Ed25519PrivateKey]:
    return [audit.head_key(seed) for seed in keyring.derived_keys(label=audit.HEAD_KEY_LABEL)]


def _head_signing_key() -> Ed25519PrivateKey:
    return _head_keys()[0]


def _head_public_keys() -> dict[str, Ed25519PublicKey]:
    return {audit.key_id(key): key.public_key() for key in _head_keys()}


def _newest_trusted_head(keys: dict[str, Ed25519PublicKey]) -> AuditHead | None:
    # Newest by the signed time, and only a head whose signature holds: rows written by
    # hand with a later time (or an old head inserted again) cannot stand in for it.
    for row in AuditHead.objects.order_by("-signed_at", "-id").iterator(chunk_size=100):
        if audit.signature_problem(row.signed(), keys) is None:
            return row
    return None


def _trail_for(head: audit.Head) -> audit.Trail:
    totals = AuditEntry.objects.aggregate(last=Max("id"), count=Count("id"))
    return audit.Trail(
        last_entry_id=totals["last"],
        entry_count=totals["count"],
        hash_of_named=AuditEntry.objects.filter(pk=head.last_entry_id)
        .values_list("hash", flat=True)
        .first(),
        count_up_to_named=AuditEntry.objects.filter(pk__lte=head.last_entry_id).count(),
    )


def _extension_problems(head: audit.Head) -> list[str]:
    """What keeps the trail from extending `head`: the entry it names, then the chain
    of the entries written since."""
    problems = audit.check_head(head, _trail_for(head))
    if problems:
        return problems
    since = AuditEntry.objects.filter(pk__gt=head.last_entry_id).order_by("id")
    breaks = audit.verify_chain(
        ((e.id, e.previous_hash, e.hash, e.content()) for e in since.iterator(chunk_size=2000)),
        start=head.last_entry_hash,
    )
    return [f"audit entry {found.entry_id}: {found.problem}" for found in breaks]


def _plain(value: Any) -> Any:
    """JSON as the database will give it back (dates as text), so the seal still holds
    when the entry is read again."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))
