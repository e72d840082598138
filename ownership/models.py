"""Ownership records as BODS 0.4 describes them: parties, relationships, interests.

Records are keyed by their BODS `recordId`; a record keeps one row per statement made
about it, so it can be read as of any date (`as_of`) or as it is now (`current`).
Relationships point at parties by record id rather than by foreign key, so statements
can arrive in any order (a relationship before the entities it links).
"""

from __future__ import annotations

from datetime import date

from django.db import models


class RecordStatus(models.TextChoices):
    NEW = "new", "New"
    UPDATED = "updated", "Updated"
    CLOSED = "closed", "Closed"


class CurrentQuerySet(models.QuerySet):
    def current(self) -> CurrentQuerySet:
        """Each record as its newest statement has it (docs/ownership.md §2.2)."""
        return self.filter(valid_to__isnull=True)

    def as_of(self, on: date) -> CurrentQuerySet:
        """Each record as the statements dated on or before `on` had it: the newest of
        them, the later in the file among those of one date."""
        day = on.isoformat()
        return self.filter(statement_day__lte=day).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=day)
        )


class Party(models.Model):
    """One statement of an entity or a person record: a record keeps every statement made
    about it (its history); `valid_to` is the date of the statement that replaced it,
    null for the newest."""

    # Not unique: one row per statement of the record. Indexed without the LIKE
    # (varchar_pattern_ops) index Django would add for unique=True.
    record_id = models.CharField(max_length=300)
    record_type = models.CharField(
        max_length=10, choices=[("entity", "Entity"), ("person", "Person")]
    )
    # entityType.type for entities (registeredEntity, state, stateBody, ...), personType
    # for persons (knownPerson, anonymousPerson, unknownPerson).
    subtype = models.CharField(max_length=40, blank=True)
    # entityType.subtype (trust, nomination, governmentDepartment, ...).
    entity_subtype = models.CharField(max_length=40, blank=True, default="", db_default="")
    name = models.CharField(max_length=500, blank=True)
    # Every name as the statement gives it: a person's names with their types (legal,
    # transliteration, alternative, ...), an entity's name and alternateNames; so a name in
    # its original script is kept beside its Latin form (Art. 15(1)(a) of 2026/1386).
    names = models.JSONField(default=list, blank=True)
    country = models.CharField(
        max_length=6, blank=True, help_text="Jurisdiction of an entity, nationality of a person"
    )
    identifiers = models.JSONField(default=list, blank=True)
    # An anonymous or unknown person or entity: why it is not named (the BODS reason code of
    # unspecifiedPersonDetails / unspecifiedEntityDetails) and the publisher's words.
    # (Database defaults: the set-based import's SQL writes rows without naming them.)
    unspecified_reason = models.CharField(max_length=60, blank=True, default="", db_default="")
    unspecified_description = models.TextField(blank=True, default="", db_default="")
    is_component = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=RecordStatus.choices)
    statement_id = models.CharField(max_length=300)
    statement_date = models.CharField(max_length=40, blank=True)
    # The statement's date (YYYY-MM-DD), and the date of the statement that replaced it.
    statement_day = models.CharField(max_length=10, blank=True, db_default="")
    valid_to = models.CharField(max_length=10, null=True, blank=True)  # noqa: DJ001 - null: newest
    source = models.CharField(max_length=200, blank=True)

    objects = CurrentQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "parties"
        indexes = [
            models.Index(fields=["record_id", "statement_day"], name="party_record_history"),
            models.Index(
                fields=["record_id"],
                name="party_record_current",
                condition=models.Q(valid_to__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name or self.record_id} ({self.record_id})"


class Relationship(models.Model):
    """One statement of a relationship record: `interested_party` has interests in
    `subject` (or an unspecified party does). Every statement is kept, as for parties."""

    record_id = models.CharField(max_length=300)
    subject_record_id = models.CharField(max_length=300)
    interested_party_record_id = models.CharField(max_length=300, blank=True)
    # When the interested party is not named: the BODS reason code and description.
    unspecified_reason = models.CharField(max_length=60, blank=True)
    unspecified_description = models.TextField(blank=True)
    is_component = models.BooleanField(default=False)
    # An indirect relationship that summarises a chain lists the chain's records here; it
    # is kept for the record but never used as an edge (docs/ownership.md §2.5).
    component_records = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=RecordStatus.choices)
    statement_id = models.CharField(max_length=300)
    statement_date = models.CharField(max_length=40, blank=True)
    statement_day = models.CharField(max_length=10, blank=True, db_default="")
    valid_to = models.CharField(max_length=10, null=True, blank=True)  # noqa: DJ001 - null: newest
    source = models.CharField(max_length=200, blank=True)

    objects = CurrentQuerySet.as_manager()

    class Meta:
        indexes = [
            # Resolution walks upward: from a subject to its owners.
            models.Index(fields=["subject_record_id"], name="relationship_subject"),
            models.Index(fields=["record_id", "statement_day"], name="relationship_history"),
        ]

    def __str__(self) -> str:
        owner = self.interested_party_record_id or f"unspecified ({self.unspecified_reason})"
        return f"{owner} -> {self.subject_record_id}"

    @property
    def is_summary(self) -> bool:
        return bool(self.component_records)


class Interest(models.Model):
    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="interests"
    )
    # Blank when the statement gives no type: an interest of unknown nature (the BODS 0.4
    # schema makes `type` optional; docs/ownership.md §2).
    type = models.CharField(max_length=60, blank=True)
    direct_or_indirect = models.CharField(max_length=10, blank=True)
    beneficial_ownership_or_control = models.BooleanField(null=True, blank=True)
    # Percentages 0-100; both null when no share was given. An exclusive bound
    # (exclusiveMinimum 50: more than 50 %) is stored with its flag.
    share_min = models.FloatField(null=True, blank=True)
    share_max = models.FloatField(null=True, blank=True)
    min_exclusive = models.BooleanField(default=False, db_default=False)
    max_exclusive = models.BooleanField(default=False, db_default=False)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    details = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(share_min__isnull=True)
                | models.Q(share_min__gte=0, share_min__lte=100),
                name="interest_share_min_percentage",
            ),
            models.CheckConstraint(
                condition=models.Q(share_max__isnull=True)
                | models.Q(share_max__gte=0, share_max__lte=100),
                name="interest_share_max_percentage",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.share_min}-{self.share_max}"


class ImportedStatement(models.Model):
    """Every statement id applied once: importing the same file again changes nothing."""

    statement_id = models.CharField(max_length=300)
    record_id = models.CharField(max_length=300)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["statement_id"], name="imported_statement_id")
        ]

    def __str__(self) -> str:
        return self.statement_id


class ImportRun(models.Model):
    """One import of a BODS file: counts, progress and the statements refused."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    source = models.CharField(max_length=500)
    # Where an uploaded file waits for its import: what the sweep queues again when the
    # task was lost (the broker down at upload time). Removed when the import ends.
    upload_path = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    read = models.PositiveIntegerField(default=0)
    applied = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0, help_text="Already imported")
    # [{"position": 12, "statement_id": "...", "errors": [{"path": ..., "message": ...}]}]
    problems = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"{self.source} ({self.applied} applied)"


class WatchlistImport(models.Model):
    """One import of a FollowTheMoney list (full, or a delta of ADD/MOD/DEL operations):
    counts, progress and the lines refused, like `ImportRun` for BODS."""

    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    class Kind(models.TextChoices):
        FULL = "full", "Full list"  # entities absent from it are marked removed
        DELTA = "delta", "Delta"  # only its DEL operations remove

    source = models.CharField(max_length=500)
    kind = models.CharField(max_length=5, choices=Kind.choices, default=Kind.FULL)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    read = models.PositiveIntegerField(default=0, help_text="Lines read")
    added = models.PositiveIntegerField(default=0, help_text="New, or listed again")
    changed = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0, help_text="Not rewritten")
    removed = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0, help_text="Schemas that name no party")
    refused = models.PositiveIntegerField(default=0)
    # Entities listed once the import finished: N in the retrieval's ln(N / df).
    listed = models.PositiveIntegerField(null=True, blank=True)
    # [{"line": 12, "message": "..."}], the first 1,000
    problems = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"{self.source} ({self.kind}, {self.status})"


class WatchlistEntity(models.Model):
    """A party of a FollowTheMoney list (OpenSanctions style): Person, Company,
    Organization, PublicBody, LegalEntity, Vessel, Airplane, with all its properties and
    what the matcher reads from them. A list that drops it marks it removed (`removed_at`)
    instead of deleting it, so reviewers' decisions about it stay."""

    entity_id = models.CharField(max_length=300, unique=True)
    schema = models.CharField(max_length=60)
    caption = models.CharField(max_length=500, blank=True)
    names = models.JSONField(default=list, help_text="name, alias, previous names")
    weak_names = models.JSONField(default=list, blank=True, help_text="weak aliases")
    countries = models.JSONField(default=list)
    birth_dates = models.JSONField(default=list, blank=True)
    # [[format, normalised value], ...]: lei, ogrn, inn, imo, isin, bic, uscc, or id.
    identifiers = models.JSONField(default=list, blank=True)
    topics = models.JSONField(default=list, help_text="e.g. gov.soe, sanction, role.pep")
    lei = models.CharField(max_length=20, blank=True, db_index=True)
    properties = models.JSONField(default=dict)
    datasets = models.JSONField(default=list)
    # Of what the entity is stored from: an entity whose hash is unchanged is not rewritten.
    content_hash = models.CharField(max_length=64, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    # Indexed: a screening against what an import changed starts from it.
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name_plural = "watch-list entities"

    def __str__(self) -> str:
        return f"{self.caption} ({self.schema})"

    @property
    def is_state_owned(self) -> bool:
        return "gov.soe" in self.topics


class WatchlistKey(models.Model):
    """A blocking key of a listed entity (`matching.blocking_keys`), as a 64-bit hash of
    its typed string: the retrieval looks candidates up by key. The primary key leads with
    the key, so a lookup reads the entity ids from the index alone."""

    pk = models.CompositePrimaryKey("key", "entity")
    key = models.BigIntegerField()
    entity = models.ForeignKey(WatchlistEntity, on_delete=models.CASCADE, db_index=False)

    class Meta:
        indexes = [models.Index(fields=["entity"], name="watchlist_key_entity")]

    def __str__(self) -> str:
        return f"{self.key} -> {self.entity_id}"


class WatchlistKeyFrequency(models.Model):
    """How many listed entities have a key (its document frequency): rare keys weigh more
    in the ranking of candidates, very common ones are not looked up at all. A key of a
    name's word (`t:`) keeps the word: the vocabulary of the spelling net
    (`WatchlistSpelling`), whose neighbours are ranked by their likeness to the word."""

    key = models.BigIntegerField(primary_key=True)
    df = models.IntegerField()
    word = models.CharField(max_length=200, blank=True, default="")

    def __str__(self) -> str:
        return f"{self.word or self.key}: {self.df}"


class WatchlistSpelling(models.Model):
    """A word of the list's vocabulary filed under its spellings: as written and with
    each one letter left out, as 64-bit hashes (`name_search.spellings`). A query's word
    the list does not hold is looked up under its own spellings, so a letter too many,
    too few, changed, or two letters swapped still find the word it was meant to be
    (the deletion neighbourhood of SymSpell): equality lookups, not a similarity search
    over the vocabulary."""

    pk = models.CompositePrimaryKey("spelling", "key")
    spelling = models.BigIntegerField()
    key = models.BigIntegerField(help_text="The word's key (WatchlistKeyFrequency.key)")

    class Meta:
        indexes = [models.Index(fields=["key"], name="watchlist_spelling_key")]

    def __str__(self) -> str:
        return f"{self.spelling} -> {self.key}"


class MatchDecision(models.Model):
    """A reviewer's confirmation or rejection of a party / watch-list match."""

    class Decision(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        REJECTED = "rejected", "Rejected"

    party_record_id = models.CharField(max_length=300, db_index=True)
    entity = models.ForeignKey(WatchlistEntity, on_delete=models.CASCADE)
    decision = models.CharField(max_length=10, choices=Decision.choices)
    reason = models.TextField(blank=True)
    decided_by = models.CharField(max_length=300)
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["party_record_id", "entity"], name="one_decision_per_match"
            )
        ]

    def __str__(self) -> str:
        return f"{self.party_record_id} ~ {self.entity_id}: {self.decision}"
