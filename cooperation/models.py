"""Nodes of the cooperation network, their keys, and the messages between them.

This node's own signing keys; the peers it knows (every member state's node and the
Commission's), each with the public keys it accepts from them; every message sent or
received; and, for each message sent, one delivery per addressee: the outbox.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from core.pure import regulations
from core.pure.regulations import Regulation
from reviews.models import Case


class Kind(models.TextChoices):
    # Regulation (EU) 2019/452 (docs/cooperation.md §2)
    NOTIFICATION_ART6 = "notification_art6", "Notification (Art. 6)"
    NOTIFICATION_ART7 = "notification_art7", "Notification (Art. 7)"
    COMMENT = "comment", "Comment"
    OPINION = "opinion", "Opinion (Commission)"
    INFORMATION_REQUEST = "information_request", "Request for information"
    REPLY = "reply", "Reply"
    FINAL_DECISION = "final_decision", "Final decision notice"
    WITHDRAWAL = "withdrawal", "Withdrawal"
    # Regulation (EU) 2026/1386 (docs/cooperation.md §12); comments, opinions, requests
    # and replies are the kinds above, carried with the regulation of the case.
    NOTIFICATION = "notification", "Notification (Art. 5, 2026/1386)"
    INTENT_TO_COMMENT = "intent_to_comment", "Intent to comment (Art. 9)"
    ADDITIONAL_INFORMATION = "additional_information", "Additional information (Art. 10)"
    EXTENSION = "extension", "Periods extended (Art. 11(4))"
    EMERGENCY_NOTICE = "emergency_notice", "Emergency notice (Art. 11(6))"
    MEETING_REQUEST = "meeting_request", "Meeting request (Art. 12(2))"
    DECISION_REPORT = "decision_report", "Decision report (Art. 12(4))"
    DATABASE_RECORD = "database_record", "Case outcome for the database (Art. 18(7))"
    DATABASE_QUERY = "database_query", "Query of the database (Art. 18(8))"
    DATABASE_ANSWER = "database_answer", "Answer of the database (Art. 18(8))"
    NOT_NOTIFIED_QUERY = "not_notified_query", "Query on an investment not notified (Art. 13)"
    REFUSAL_TO_SCREEN = "refusal_to_screen", "Refusal to screen (Art. 13)"
    COORDINATION = "coordination", "Multi-country coordination (Art. 7)"
    EXTENSION_REQUEST = "extension_request", "Request to extend the periods (Art. 11(4))"
    PENALTY_REPORT = "penalty_report", "Penalty report (Art. 14(7))"


NOTIFICATIONS = (Kind.NOTIFICATION_ART6, Kind.NOTIFICATION_ART7, Kind.NOTIFICATION)


class NodeKey(models.Model):
    """A signing key of this node. The newest unretired key signs; a retired key still
    signs beside it until `retired_at`, so peers not yet told of the new key keep
    accepting this node's messages."""

    public_key = models.CharField(max_length=60, unique=True)
    # The private half (whsk_...), encrypted with a key from the environment that is not
    # in the database (cooperation/keys.py): a copy of the database does not speak for
    # the node. Read it through `keys.decrypt`.
    secret_key_encrypted = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.public_key


class Peer(models.Model):
    """Another node: a member state's authority, or the Commission (`EU`)."""

    code = models.CharField(max_length=2, unique=True, help_text="ISO 3166-1 alpha-2, or EU")
    name = models.CharField(max_length=200)
    base_url = models.URLField(help_text="e.g. https://fdi.example.fr")
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The last entry of the peer's feed this node has read (pull_feed).
    feed_cursor = models.BigIntegerField(default=0)
    # A hub (the Commission's secure system, docs/cooperation.md §13): this node accepts
    # other nodes' messages relayed by it, with their own signatures.
    is_hub = models.BooleanField(default=False)
    # The newest signed head of the peer's audit trail its feed published: a copy kept
    # outside the peer's database, for its operators to check their trail against
    # (docs/security.md). Never replaced by an older head.
    audit_head = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} ({self.name})"

    @property
    def is_commission(self) -> bool:
        return self.code == "EU"


class PeerKey(models.Model):
    """A public key this node accepts from a peer, until `valid_until` (None: no end)."""

    peer = models.ForeignKey(Peer, on_delete=models.CASCADE, related_name="keys")
    public_key = models.CharField(max_length=60)
    added_at = models.DateTimeField(auto_now_add=True)
    valid_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["peer", "public_key"], name="peer_key_once")]

    def __str__(self) -> str:
        return f"{self.peer.code} {self.public_key[:16]}..."


class Message(models.Model):
    """One message of the cooperation mechanism, sent by this node or received."""

    class Direction(models.TextChoices):
        OUTBOUND = "outbound", "Sent"
        INBOUND = "inbound", "Received"
        RELAYED = "relayed", "Relayed (this node is the hub)"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (for the contact point to send)"
        SENT = "sent", "Sent"
        RECEIVED = "received", "Received"

    id = models.BigAutoField(primary_key=True)  # also the cursor of the pull feed
    message_id = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    direction = models.CharField(max_length=10, choices=Direction.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENT)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    sender = models.CharField(max_length=2)
    addressees = models.JSONField(help_text="Node codes")
    case_reference = models.CharField(max_length=40, help_text="The notifying node's case")
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    in_reply_to = models.UUIDField(null=True, blank=True)
    # The regulation whose cooperation mechanism the message belongs to: the case's. On
    # the wire only when it is 2026/1386, so 2019/452 messages keep their bytes.
    regulation = models.CharField(
        max_length=20, choices=regulations.CHOICES, default=Regulation.EU_2019_452.value
    )
    classification = models.CharField(max_length=60, default="EU RESTRICTED")
    title = models.CharField(max_length=300, blank=True)
    payload = models.JSONField(default=dict, blank=True)
    # The exact bytes signed and sent (or received), and the signature headers: what a
    # pulling peer verifies, and the evidence of what was said.
    body = models.TextField()
    signature = models.JSONField(default=dict, blank=True)
    sent_at = models.DateTimeField(help_text="The sender's timestamp")
    received_at = models.DateTimeField(null=True, blank=True)
    periods = models.JSONField(default=dict, blank=True, help_text="Deadlines the message opens")
    relayed_by = models.CharField(max_length=2, blank=True, help_text="The hub it came through")
    created_by = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["direction", "id"], name="message_direction_cursor")]

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()} {self.sender}→{','.join(self.addressees)} {self.message_id}"
        )

    @property
    def is_foreign_notification(self) -> bool:
        """Another node's notification (Art. 6 or 7): what this node may comment on."""
        return self.direction == self.Direction.INBOUND and self.kind in NOTIFICATIONS


class Delivery(models.Model):
    """The outbox: one row per message and addressee, written in the same transaction
    as the message, until the addressee acknowledges it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="deliveries")
    peer = models.ForeignKey(Peer, on_delete=models.PROTECT, related_name="deliveries")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    last_error = models.TextField(blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    # Handed to the hub, which delivers it to the addressees (docs/cooperation.md §13).
    via_hub = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["message", "peer"], name="delivery_once_per_peer")
        ]

    def __str__(self) -> str:
        return f"{self.message.message_id} → {self.peer.code}: {self.status}"


class MessageRead(models.Model):
    """That a member of the staff opened a message: what "unread" on their dashboard and
    in the mailbox is measured against. Each reader has their own."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "message"], name="message_read_once")
        ]

    def __str__(self) -> str:
        return f"{self.message.message_id} read by {self.user_id}"


class DatabaseRecord(models.Model):
    """On the Commission's node: one member state's case in the database of Art. 18(6)-(8)
    of Regulation (EU) 2026/1386, as that state exported it (the latest export wins)."""

    class Outcome(models.TextChoices):
        NOT_ELIGIBLE = "not_eligible", "Not eligible for screening"
        AUTHORISATION = "authorisation", "Authorisation"
        WITH_MEASURES = "authorisation_with_measures", "Authorisation with mitigating measures"
        PROHIBITION = "prohibition", "Prohibition"
        WITHDRAWAL = "withdrawal", "Withdrawal"
        OTHER = "other", "Other"

    member_state = models.CharField(max_length=2)
    case_reference = models.CharField(max_length=40)
    outcome = models.CharField(max_length=30, choices=Outcome.choices)
    outcome_note = models.CharField(max_length=300, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    # Art. 18(7): the parties with names, addresses and registration numbers.
    parties = models.JSONField(help_text="investor, eu_subsidiary, target, affiliates, owners")
    commented_by = models.JSONField(default=list, blank=True)
    commission_opinion = models.BooleanField(default=False)
    non_compliance = models.JSONField(default=list, blank=True)
    # The normalised names and identifiers of every party, for queries.
    keys = models.JSONField(default=list, blank=True)
    message = models.ForeignKey(Message, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member_state", "case_reference"], name="database_record_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member_state} {self.case_reference}: {self.outcome}"
