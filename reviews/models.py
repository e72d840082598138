"""Cases of the national review: phases and their clocks, requests for information,
decisions with four eyes, conditions, notes and the reviewers' inbox.

Rows hold data and the invariants of one row; every change goes through
`reviews.services`, which checks the workflow and writes the audit trail.
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models

from core.models import Organisation
from core.pure import regulations
from core.pure.regulations import Regulation
from reviews.pure import workflow
from reviews.pure.clock import Reading
from screening.models import Filing, FilingVersion, StoredDocument


class Status(models.TextChoices):
    RECEIVED = workflow.RECEIVED, "Received"
    COMPLETENESS_CHECK = workflow.COMPLETENESS_CHECK, "Completeness check"
    PHASE_1 = workflow.PHASE_1, "Phase 1 (review)"
    PHASE_2 = workflow.PHASE_2, "Phase 2 (in-depth investigation)"
    DECISION_PROPOSED = workflow.DECISION_PROPOSED, "Decision proposed"
    DECIDED = workflow.DECIDED, "Decided"
    CLOSED = workflow.CLOSED, "Closed"
    WITHDRAWN = workflow.WITHDRAWN, "Withdrawn"
    OUTSIDE_SCOPE = workflow.OUTSIDE_SCOPE, "Outside scope or inadmissible"


class Outcome(models.TextChoices):
    CLEARED = "cleared", "Cleared"
    CLEARED_WITH_CONDITIONS = "cleared_with_conditions", "Cleared with conditions"
    PROHIBITED = "prohibited", "Prohibited"
    UNWINDING_ORDERED = "unwinding_ordered", "Unwinding ordered"


class Case(models.Model):
    class Origin(models.TextChoices):
        FILING = "filing", "Filing"
        EX_OFFICIO = "ex_officio", "Called in ex officio"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(max_length=30, unique=True, help_text="e.g. DE-2026-000123")
    authority = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="cases")
    origin = models.CharField(max_length=20, choices=Origin.choices)
    filing = models.OneToOneField(
        Filing, null=True, blank=True, on_delete=models.PROTECT, related_name="case"
    )
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.RECEIVED)
    # Where a proposal goes back to when the senior officer returns it.
    proposed_from = models.CharField(max_length=30, choices=Status.choices, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_cases",
    )

    # A summary for lists and filters, from the filing (or given when called in).
    title = models.CharField(max_length=300)
    investor_name = models.CharField(max_length=300, blank=True)
    investor_country = models.CharField(max_length=2, blank=True)
    target_name = models.CharField(max_length=300, blank=True)
    target_country = models.CharField(max_length=2, blank=True)
    sectors = models.JSONField(default=list, blank=True)
    investor_lei = models.CharField(max_length=20, blank=True, db_index=True)
    target_lei = models.CharField(max_length=20, blank=True, db_index=True)
    # ISO codes of the ultimate investors' countries: declared in the filing, and the
    # states its resolved ownership links to.
    origin_countries = models.JSONField(default=list, blank=True)
    # The names of the owners the filing declares (ultimate investors, beneficial owners),
    # "; "-joined, for the queue's search (trigram-indexed on PostgreSQL).
    owner_names = models.TextField(blank=True, default="")
    # The filing's reference (DE-F-...), on the row so that the search finds it by index.
    filing_reference = models.CharField(max_length=40, blank=True, default="")
    ex_officio_grounds = models.TextField(blank=True)
    # A case called in under 2026/1386 after completion: the own-initiative window of
    # Art. 4(4) or 4(5) it was called in within ({"period", "basis", "completed_on",
    # "until"}; docs/review.md §10).
    call_in_window = models.JSONField(default=dict, blank=True)

    # Triage: a recommendation with its reasons, never a decision.
    risk_score = models.PositiveSmallIntegerField(default=0)
    risk_reasons = models.JSONField(default=list, blank=True)
    has_state_link = models.BooleanField(default=False)

    # Art. 6: set when this node notifies the investment; no decision before this day
    # passes unless the urgency is recorded (Art. 6(7), "duly justified urgent cases").
    comment_period_ends = models.DateField(null=True, blank=True)
    urgency_justification = models.TextField(blank=True)

    # The EU regulation that governs the case to its end, chosen when it opens (Art. 30 of
    # 2026/1386, docs/deadlines.md §3) and never changed.
    regulation = models.CharField(
        max_length=20,
        choices=regulations.CHOICES,
        default=Regulation.EU_2019_452.value,
    )
    regulation_reason = models.CharField(max_length=300, blank=True)
    # Under 2026/1386: the scope decision with its reasons (screening/pure/scope.py,
    # docs/scope.md), made again when the filing or its ownership changes; empty under
    # 2019/452, which has no minimum scope.
    scope = models.JSONField(default=dict, blank=True)
    # The node's review regime when the case opened: later changes of the configuration
    # do not move this case's deadlines.
    regime = models.JSONField()
    # The running phase's deadline, kept here by the services so that lists sort and
    # filter on an index (null: no phase running, or its clock stopped).
    deadline = models.DateField(null=True, blank=True, db_index=True)
    opened_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, help_text="Raised by every change")
    # Set while a service changes the case and audits it (reviews.services.changing):
    # a change of related rows only (a note, a phase extended while its clock stands
    # still) raises the version too. Not a column.
    audited_change: bool = False
    # Set on listed cases whose running phase's clock stands still (phases.mark_stopped_clocks).
    stopped_clock: Reading | None = None

    class Meta:
        ordering = ["-opened_at"]
        indexes = [
            models.Index(fields=["authority", "status"], name="case_authority_status"),
            models.Index(fields=["assignee", "status"], name="case_assignee_status"),
            models.Index(fields=["authority", "opened_at"], name="case_authority_opened"),
            # The queue sorted by risk score (the triage list: state link, highest risk
            # first): read in risk order from this index rather than sorting every open
            # case, and counted from it alone, the flag and the status being in it.
            models.Index(
                fields=["authority", "risk_score", "has_state_link", "status"],
                name="case_authority_risk",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(origin="ex_officio") | models.Q(filing__isnull=False),
                name="case_from_filing_has_filing",
            ),
            models.CheckConstraint(
                condition=models.Q(risk_score__lte=100), name="case_risk_score_percentage"
            ),
            models.CheckConstraint(
                condition=models.Q(regulation__in=[r.value for r in Regulation]),
                name="case_valid_regulation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def is_under_review(self) -> bool:
        return self.status in workflow.UNDER_REVIEW

    @property
    def regulation_title(self) -> str:
        return Regulation(self.regulation).label

    def latest_version(self) -> FilingVersion | None:
        """The filing's newest version; None for a case called in without a filing."""
        return self.filing.versions.order_by("-number").first() if self.filing else None

    def filed_content(self) -> dict:
        """What the filing says now (its newest version); empty without a filing."""
        version = self.latest_version()
        return version.content if version is not None else {}


class Phase(models.Model):
    """A clocked stretch of the review: its rule, when it started, its stops and end."""

    class Kind(models.TextChoices):
        PHASE_1 = "phase_1", "Phase 1"
        PHASE_2 = "phase_2", "Phase 2"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    started_on = models.DateField()
    length = models.PositiveIntegerField()
    unit = models.CharField(max_length=20)  # reviews.pure.clock.Unit
    roll_forward = models.BooleanField(default=True)
    extension = models.PositiveIntegerField(default=0, help_text="Counted days added")
    # Kept up to date by the services for lists and the deadline watch; null while the
    # clock is stopped.
    deadline = models.DateField(null=True, blank=True, db_index=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["started_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(ended_on__isnull=True),
                name="phase_one_running_per_case",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case.reference} {self.get_kind_display()}"


class ClockStop(models.Model):
    """The phase clock stands still from `started_on` and runs again on `ended_on`."""

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="stops")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=300)
    # A request still open when the next phase opens stops that phase's clock too: one
    # stop per phase it spans (docs/review.md §3.4).
    request = models.ForeignKey(
        "InformationRequest",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="clock_stops",
    )

    class Meta:
        ordering = ["started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="clock_stop_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["phase", "request"],
                condition=models.Q(request__isnull=False),
                name="clock_stop_one_per_request_and_phase",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.phase} stopped {self.started_on}-{self.ended_on or ''}"


class InformationRequest(models.Model):
    """Questions to the investor; the phase clock stops until the answer is complete."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ANSWERED = "answered", "Answered"
        WITHDRAWN = "withdrawn", "Withdrawn"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="information_requests")
    number = models.PositiveIntegerField()
    # [{"number": 1, "text": "..."}]
    questions = models.JSONField()
    response_due = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    sent_at = models.DateTimeField()
    sent_by = models.CharField(max_length=300)
    # Sent outside this system (a case called in ex officio has no filer here): to whom,
    # by which address. Empty: to the filer, who answers through the API.
    recipient = models.CharField(max_length=500, blank=True)
    # [{"question": 1, "text": "...", "documents": ["<uuid>", ...]}]; for a request sent
    # outside the system, the officer records the answer received, its documents in the
    # case file.
    answers = models.JSONField(default=list, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["case", "number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="request_number_per_case")
        ]

    def __str__(self) -> str:
        return f"{self.case.reference} RFI {self.number}"


class Decision(models.Model):
    """A proposal by one officer; it binds only once a different senior officer approves."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        APPROVED = "approved", "Approved"
        RETURNED = "returned", "Returned"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(max_length=30, choices=Outcome.choices)
    reasons = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    # Art. 20(3) of 2026/1386: why mitigating measures would not address the risk, for a
    # prohibition or an unwinding (docs/review.md §7).
    measures_would_not_do = models.TextField(blank=True)

    class Meta:
        ordering = ["proposed_at", "id"]
        constraints = [
            # Four eyes, held by the database too.
            models.CheckConstraint(
                condition=models.Q(reviewed_by__isnull=True)
                | ~models.Q(reviewed_by=models.F("proposed_by")),
                name="decision_four_eyes",
            ),
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="proposed"),
                name="decision_one_proposal_per_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.get_outcome_display()} ({self.status})"


class Condition(models.Model):
    """A mitigation measure of a conditional clearance, and whether it is complied with."""

    class Compliance(models.TextChoices):
        PENDING = "pending", "Pending"
        MET = "met", "Met"
        NOT_MET = "not_met", "Not met"
        WAIVED = "waived", "Waived"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="conditions")
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="conditions")
    description = models.TextField()
    # The kind of mitigating measure of Art. 20(4) of 2026/1386 (core/pure/regulations.py
    # MEASURES); blank under 2019/452.
    measure = models.CharField(max_length=30, blank=True)
    owner = models.CharField(max_length=300, help_text="Who must comply")
    due_date = models.DateField()
    compliance = models.CharField(
        max_length=10, choices=Compliance.choices, default=Compliance.PENDING
    )
    evidence = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.description[:60]}"

    @property
    def measure_label(self) -> str:
        return regulations.MEASURES.get(self.measure, self.measure)


# The outcomes a hearing letter may announce: all but a plain authorisation.
HEARING_OUTCOMES = [(value, label) for value, label in Outcome.choices if value != "cleared"]


class Hearing(models.Model):
    """The investor heard before a conditional authorisation, a prohibition or an
    unwinding (Art. 4(14) of 2026/1386): a letter with the intended outcome and its
    grounds, a deadline for the answer, the answer on record (docs/review.md §9)."""

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for the answer"
        ANSWERED = "answered", "Answered"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="hearings")
    number = models.PositiveIntegerField()
    intended_outcome = models.CharField(max_length=30, choices=HEARING_OUTCOMES)
    letter = models.TextField(help_text="The intended decision, its grounds and measures")
    answer_due = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    sent_at = models.DateTimeField()
    sent_by = models.CharField(max_length=300)
    answer = models.TextField(blank=True)
    answer_documents = models.JSONField(default=list, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["case", "number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="hearing_number_per_case"),
            models.CheckConstraint(
                condition=~models.Q(intended_outcome="cleared"), name="hearing_not_for_clearance"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.reference} hearing {self.number}"


class Penalty(models.Model):
    """A penalty for failing to file or for breaching mitigating measures (Art. 4(11) of
    2026/1386), as decided: recorded on the case, and read by triage (Art. 19(2))."""

    class Kind(models.TextChoices):
        FAILURE_TO_FILE = "failure_to_file", "Failure to file"
        LATE_FILING = "late_filing", "Late filing"
        BREACH_OF_MEASURES = "breach_of_measures", "Breach of mitigating measures"
        COMPLETION_DURING_STANDSTILL = (
            "completion_during_standstill",
            ("Completion before authorisation"),
        )
        OTHER = "other", "Other breach"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="penalties")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    amount = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    decided_on = models.DateField()
    reasons = models.TextField()
    recorded_by = models.CharField(max_length=300)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="penalty_amount_not_negative",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.get_kind_display()}"


class Note(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.text[:60]}"


class InboxItem(models.Model):
    """A message to one reviewer (a warning, an escalation); also sent by e-mail.

    `key` names the event (e.g. "phase-warning:12:2026-07-15"): one item per reviewer and
    event, so a watch that runs twice tells nobody twice.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox"
    )
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.CASCADE)
    key = models.CharField(max_length=200)
    subject = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="inbox_one_item_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.subject}"


class WatchlistHit(models.Model):
    """A strong watch-list match on a party of a case's ownership chain, found when the
    list changed (re-screening, reviews/rescreening.py): the case's officers are told of
    each once. A reviewer's decision on the match itself is ownership's MatchDecision."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="watchlist_hits")
    party_record_id = models.CharField(max_length=300)
    party_name = models.CharField(max_length=500, blank=True)
    entity = models.ForeignKey(
        "ownership.WatchlistEntity", on_delete=models.PROTECT, related_name="+"
    )
    score = models.FloatField()
    reasons = models.JSONField(default=list)
    topics = models.JSONField(default=list)
    change = models.CharField(max_length=300, blank=True, help_text="What changed on the list")
    found_by = models.ForeignKey(
        "ownership.WatchlistImport", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    found_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-found_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "party_record_id", "entity"], name="watchlist_hit_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.party_record_id} ~ {self.entity_id}"


class Rescreening(models.Model):
    """The re-screening of the open cases after one list import: it runs once, and a
    sweep finds an import whose re-screening was lost (a crash, a broker restart)."""

    watchlist_import = models.OneToOneField(
        "ownership.WatchlistImport", on_delete=models.CASCADE, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    cases = models.PositiveIntegerField(default=0)
    parties = models.PositiveIntegerField(default=0)
    against_changes = models.PositiveIntegerField(
        default=0, help_text="Parties screened only against what the list changed"
    )
    hits = models.PositiveIntegerField(default=0, help_text="New strong matches")

    def __str__(self) -> str:
        return f"re-screening after import {self.watchlist_import_id}"


class ChainScreening(models.Model):
    """When a case's ownership chain was last screened, and what it was then (a hash of
    its parties as the matcher reads them, and the threshold): a chain unchanged since is
    screened again only against the list entities written since (reviews/rescreening.py)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="+")
    fingerprint = models.CharField(max_length=64)
    # The start of the re-screening that screened it: entities written since may be new.
    screened_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"chain of case {self.case_id} screened at {self.screened_at}"


def case_document_path(document: CaseDocument, filename: str) -> str:
    """Stored under its id with the extension of its detected type, as a filing's
    documents are (docs/api-documents.md)."""
    extension = PurePosixPath(filename).suffix
    return f"case-documents/{document.case_id}/{document.id}{extension}"


class CaseDocument(StoredDocument):
    """A document the authority's officers add to a case file: evidence, correspondence,
    an answer received by letter (a case called in ex officio has no filing to carry
    documents). Checked and stored as a filing's documents are; kept with the case."""

    class Kind(models.TextChoices):
        EVIDENCE = "evidence", "Evidence"
        CORRESPONDENCE = "correspondence", "Correspondence"
        ANSWER = "answer", "Answer to a request for information"
        EXPERT_OPINION = "expert_opinion", "Expert opinion or another authority's view"
        OTHER = "other", "Other"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="case_documents")
    kind = models.CharField(max_length=40, choices=Kind.choices, default=Kind.OTHER)
    description = models.CharField(max_length=500, blank=True)
    file = models.FileField(upload_to=case_document_path, max_length=300)

    class Meta(StoredDocument.Meta):
        pass
