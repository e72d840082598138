"""Filings: what an investor submits, as drafts and as immutable numbered versions."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.db import models

from core.models import ApiKey, Organisation

# The columns Filing.summarise() fills from the content.
SUMMARY_FIELDS = ["title", "investor_name", "investor_country", "target_name", "target_country"]


class Filing(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        WITHDRAWN = "withdrawn", "Withdrawn"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="filings")
    reference = models.CharField(
        max_length=40, unique=True, null=True, blank=True, help_text="Given at first submission"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    draft = models.JSONField(default=dict, blank=True, help_text="Content being edited")
    version_count = models.PositiveIntegerField(default=0)

    # Read from the current content so lists can filter and sort without parsing JSON.
    title = models.CharField(max_length=300, blank=True)
    investor_name = models.CharField(max_length=300, blank=True)
    investor_country = models.CharField(max_length=2, blank=True)
    target_name = models.CharField(max_length=300, blank=True)
    target_country = models.CharField(max_length=2, blank=True)

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    created_by = models.CharField(max_length=300)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "status", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "submitted", "withdrawn"]),
                name="filing_valid_status",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | models.Q(version_count__gte=1)
                | models.Q(status="withdrawn"),
                name="filing_submitted_has_version",
            ),
        ]

    def __str__(self) -> str:
        return self.reference or f"draft {self.id}"

    def summarise(self, content: dict) -> None:
        investor = content.get("investor") or {}
        target = content.get("target") or {}
        self.title = content.get("title", "")
        self.investor_name = investor.get("name", "")
        self.investor_country = investor.get("country", "")
        self.target_name = target.get("name", "")
        self.target_country = target.get("country", "")


class FilingVersion(models.Model):
    """One submitted state of a filing. Never changed or deleted once written."""

    class Kind(models.TextChoices):
        INITIAL = "initial", "Initial submission"
        AMENDMENT = "amendment", "Amendment"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    filing = models.ForeignKey(Filing, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    reason = models.TextField(blank=True, help_text="Why the filing was amended")
    content = models.JSONField()
    documents = models.JSONField(default=list, help_text="Documents as they were at submission")
    content_hash = models.CharField(max_length=64)
    submitted_at = models.DateTimeField()
    submitted_by = models.CharField(max_length=300)
    api_key = models.ForeignKey(ApiKey, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["filing", "number"]
        constraints = [
            models.UniqueConstraint(fields=["filing", "number"], name="filing_version_unique"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="version_from_one"),
        ]

    def __str__(self) -> str:
        return self.receipt_reference

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A submitted filing version is immutable; amend to change it.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A submitted filing version cannot be deleted.")

    @property
    def receipt_reference(self) -> str:
        """The reference on the receipt, e.g. DE-F-2026-000123-v2."""
        return f"{self.filing.reference}-v{self.number}"


def document_path(document: Document, filename: str) -> str:
    """Stored under its id, with the extension of the type its bytes show (`filename` is
    `Document.name`, never what the filer called it): docs/api-documents.md."""
    extension = PurePosixPath(filename).suffix
    return f"documents/{document.filing_id}/{document.id}{extension}"


class StoredDocument(models.Model):
    """What a stored document records besides its owner and kind: its names, the type
    detected from its bytes, size, hash, who added it when. A filing's documents and the
    case file's (reviews.CaseDocument) both are one (docs/api-documents.md)."""

    original_name = models.CharField(max_length=255, help_text="As uploaded; for the record")
    name = models.CharField(
        max_length=255,
        help_text="The original name with the extension of the detected type: the name "
        "it is stored and downloaded under",
    )
    media_type = models.CharField(max_length=100, help_text="Detected from the content")
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.CharField(max_length=300)

    class Meta:
        abstract = True
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name

    def snapshot(self) -> dict:
        return {
            "id": str(self.pk),
            "name": self.original_name,
            "kind": getattr(self, "kind", ""),
            "media_type": self.media_type,
            "size": self.size,
            "sha256": self.sha256,
        }


class Document(StoredDocument):
    class Kind(models.TextChoices):
        TRANSACTION_AGREEMENT = "transaction_agreement", "Transaction agreement"
        OWNERSHIP_CHART = "ownership_chart", "Ownership chart"
        FINANCIAL_STATEMENTS = "financial_statements", "Financial statements"
        FUNDING_EVIDENCE = "funding_evidence", "Evidence of funding"
        BUSINESS_DESCRIPTION = "business_description", "Description of business"
        RFI_RESPONSE = "rfi_response", "Response to a request for information"
        OTHER = "other", "Other"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    filing = models.ForeignKey(Filing, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(max_length=40, choices=Kind.choices, default=Kind.OTHER)
    description = models.CharField(max_length=500, blank=True)
    confidential = models.BooleanField(
        default=False, help_text="Marked confidential by the filer (Art. 4(6) of 2026/1386)"
    )
    file = models.FileField(upload_to=document_path, max_length=300)

    class Meta(StoredDocument.Meta):
        pass

    def snapshot(self) -> dict:
        return {
            **super().snapshot(),
            # Only when marked, so the versions' hashes of unmarked documents stay as they were.
            **({"confidential": True} if self.confidential else {}),
        }


class OwnershipAssessment(models.Model):
    """The resolved ownership of a filing version's investor, and the flags it raised.

    Written `pending` in the transaction that submits the version, so a lost task is
    found again by the sweep; computed by a Celery task.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    version = models.OneToOneField(
        FilingVersion, on_delete=models.PROTECT, related_name="ownership_assessment"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    as_of = models.DateField()
    result = models.JSONField(null=True, blank=True)
    # [{"code": "third_country_state_link", "detail": "..."}]
    flags = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    computed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.version} ownership: {self.status}"


class DesignatedEntity(models.Model):
    """The member state's register of transport, energy and digital-infrastructure
    entities it designated as critical (Art. 4(15)(d) of Regulation (EU) 2026/1386): a
    target on it is in the minimum scope, whatever the filing says (docs/scope.md §3)."""

    class Sector(models.TextChoices):
        TRANSPORT = "transport", "Transport"
        ENERGY = "energy", "Energy"
        DIGITAL_INFRASTRUCTURE = "digital_infrastructure", "Digital infrastructure"

    name = models.CharField(max_length=300)
    sector = models.CharField(max_length=30, choices=Sector.choices)
    lei = models.CharField(max_length=20, blank=True, db_index=True)
    # [{"scheme": "DE-HRB", "id": "HRB 12345"}]: the register numbers the filing gives
    identifiers = models.JSONField(default=list, blank=True)
    reference = models.CharField(
        max_length=300, blank=True, help_text="The designation: act, date, file number"
    )
    designated_on = models.DateField()
    withdrawn_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "designated entities"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sector__in=["transport", "energy", "digital_infrastructure"]),
                name="designated_entity_valid_sector",
            ),
            models.CheckConstraint(
                condition=~models.Q(lei="") | ~models.Q(identifiers=[]),
                name="designated_entity_identified",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_sector_display()})"
