"""Peers and their keys, for the node's administrators; messages to look at only."""

from django.contrib import admin

from cooperation.models import DatabaseRecord, Delivery, Message, Peer, PeerKey
from core.admin import ReadOnlyAdmin, ReadOnlyInline


class PeerKeyInline(admin.TabularInline):
    model = PeerKey
    extra = 1
    fields = ("public_key", "added_at", "valid_until")
    readonly_fields = ("added_at",)


@admin.register(Peer)
class PeerAdmin(admin.ModelAdmin):
    """Register a node with its URL and public key (or use `manage.py add_peer`). To
    rotate, add the new key and give the old one an end of validity."""

    list_display = ["code", "name", "base_url", "is_active", "is_hub"]
    inlines = [PeerKeyInline]


class DeliveryInline(ReadOnlyInline):
    model = Delivery
    fields = (
        "peer",
        "via_hub",
        "status",
        "attempts",
        "next_attempt_at",
        "delivered_at",
        "last_error",
    )


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    list_display = ["message_id", "direction", "status", "kind", "sender", "case_reference"]
    list_filter = ["direction", "status", "kind", "sender"]
    search_fields = ["case_reference", "title"]
    inlines = [DeliveryInline]


@admin.register(DatabaseRecord)
class DatabaseRecordAdmin(ReadOnlyAdmin):
    """On the Commission's node: the database of Art. 18(6)-(8) of 2026/1386, as the
    member states exported it (docs/cooperation.md §14)."""

    list_display = ["member_state", "case_reference", "outcome", "decided_on", "updated_at"]
    list_filter = ["member_state", "outcome"]
    search_fields = ["case_reference", "outcome_note"]
