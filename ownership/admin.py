"""Read-only views of the ownership register; it changes only through imports."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyInline
from ownership.models import ImportRun, Interest, Party, Relationship


@admin.register(Party)
class PartyAdmin(ReadOnlyAdmin):
    list_display = ["record_id", "name", "record_type", "subtype", "country", "status"]
    list_filter = ["record_type", "subtype", "status"]
    search_fields = ["record_id", "name"]


class InterestInline(ReadOnlyInline):
    model = Interest
    fields = ("type", "share_min", "share_max", "start_date", "end_date")


@admin.register(Relationship)
class RelationshipAdmin(ReadOnlyAdmin):
    list_display = ["record_id", "interested_party_record_id", "subject_record_id", "status"]
    search_fields = ["record_id", "subject_record_id", "interested_party_record_id"]
    inlines = [InterestInline]


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyAdmin):
    list_display = ["source", "started_at", "finished_at", "read", "applied", "skipped"]
