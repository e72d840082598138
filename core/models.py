"""Who acts in the system (organisations, their users and API keys) and what they did.

Small and shared: the other apps hang their own data on these rows.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from core import audit


class Organisation(models.Model):
    class Kind(models.TextChoices):
        INVESTOR = "investor", "Investor or counsel"
        AUTHORITY = "authority", "Screening authority"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "kind"], name="organisation_unique_name"),
            models.CheckConstraint(
                condition=models.Q(kind__in=["investor", "authority"]),
                name="organisation_valid_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user belongs to exactly one organisation."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"


class ApiKey(models.Model):
    """A revocable credential of an investor organisation.

    The secret is shown once when the key is made; only its SHA-256 is kept. Keys are
    256-bit random, so a fast hash is enough (no password stretching is needed) and the
    lookup is by the public prefix.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="api_keys"
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.CharField(max_length=200, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Sequence(models.Model):
    """Gap-free counters for human references (F-2026-000001, DE-2026-000123).

    Incremented under a row lock inside the caller's transaction: a rolled-back
    transaction gives its number back, so references have no gaps.
    """

    name = models.CharField(max_length=50)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "year"], name="sequence_unique_name_year")
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.year}: {self.last}"


class IdempotentRequest(models.Model):
    """The stored answer to a POST made with an Idempotency-Key.

    The row is inserted in the same transaction as the work it guards, so a retry either
    finds the finished answer or (after a crash) nothing, and does the work once.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    key = models.CharField(max_length=255)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    fingerprint = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField(null=True)
    # The answer without what it showed once (an API key's secret): core/idempotency.py
    response_body = models.JSONField(null=True)
    response_location = models.CharField(max_length=500, blank=True, default="", db_default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "key"], name="idempotent_request_unique_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.method} {self.path} ({self.key})"


class AuditEntry(models.Model):
    """Append-only record of a change: who, what, when, why, before and after; each entry
    sealed with the hash of its content and of the entry before it (`core.audit`)."""

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.CharField(max_length=300, help_text="User name or API key, readable")
    # PROTECT: people and keys that acted are deactivated or revoked, never deleted, so
    # the sealed entries keep pointing at them.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    api_key = models.ForeignKey(ApiKey, null=True, blank=True, on_delete=models.PROTECT)
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT)
    action = models.CharField(max_length=100)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=100, db_index=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    reason = models.TextField(blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor}: {self.action} {self.object_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit entries are append-only.")

    def content(self) -> dict:
        return audit.content(
            at=self.at,
            actor=self.actor,
            user_id=self.user_id,
            api_key_id=self.api_key_id,
            organisation_id=self.organisation_id,
            action=self.action,
            object_type=self.object_type,
            object_id=self.object_id,
            before=self.before,
            after=self.after,
            reason=self.reason,
        )


class AuditHead(models.Model):
    """The audit trail's head as the node signed it at a moment (`core.audit.Head`):
    append-only like the entries. The signing key is not in the database, so a deleted
    or rewritten end of the trail no longer matches the newest head; copies kept outside
    (`manage.py audit_head`) show it even when the heads are deleted too."""

    id = models.BigAutoField(primary_key=True)
    node = models.CharField(max_length=10)
    # Not a foreign key: the head must outlive the entry it names, to say it is gone.
    last_entry_id = models.BigIntegerField()
    last_entry_hash = models.CharField(max_length=64)
    entry_count = models.PositiveBigIntegerField()
    signed_at = models.DateTimeField(db_index=True)
    key_id = models.CharField(max_length=16)
    public_key = models.CharField(max_length=60)
    signature = models.CharField(max_length=100)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.signed_at:%Y-%m-%d %H:%M} entry {self.last_entry_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Audit heads are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit heads are append-only.")

    def signed(self) -> audit.SignedHead:
        return audit.SignedHead(
            head=audit.Head(
                node=self.node,
                last_entry_id=self.last_entry_id,
                last_entry_hash=self.last_entry_hash,
                entry_count=self.entry_count,
                signed_at=self.signed_at,
            ),
            key_id=self.key_id,
            public_key=self.public_key,
            signature=self.signature,
        )


class Effect(models.Model):
    """Work that must follow a change once it has committed (a signal to higher layers,
    an e-mail), recorded in the change's own transaction: the outbox of side effects.

    Celery runs it after the commit; a failure is kept with its reason and tried again
    with backoff, and a sweep finds what a lost task left behind (core/effects.py).
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DONE = "done", "Done"
        FAILED = "failed", "Failed (gave up)"

    name = models.CharField(max_length=100, help_text="The registered handler")
    payload = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status="pending"),
                name="effect_due",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} #{self.pk} ({self.status})"
