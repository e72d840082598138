"""Read-only views of the ownership register; it changes only through imports."""

from django.contrib import admin

from ownership.models import ImportRun, Interest, Party, Relationship


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Party)
class PartyAdmin(ReadOnly):
    list_display = ["record_id", "name", "record_type", "subtype", "country", "status"]
    list_filter = ["record_type", "subtype", "status"]
    search_fields = ["record_id", "name"]


class InterestInline(admin.TabularInline):
    model = Interest
    fields = ("type", "share_min", "share_max", "start_date", "end_date")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Relationship)
class RelationshipAdmin(ReadOnly):
    list_display = ["record_id", "interested_party_record_id", "subject_record_id", "status"]
    search_fields = ["record_id", "subject_record_id", "interested_party_record_id"]
    inlines = [InterestInline]


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnly):
    list_display = ["source", "started_at", "finished_at", "read", "applied", "skipped"]
