"""Read-only views of filings for authority staff; investors change them only via the API."""

from django.contrib import admin

from screening.models import Document, Filing, FilingVersion, OwnershipAssessment


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class VersionInline(admin.TabularInline):
    model = FilingVersion
    fields = ("number", "kind", "receipt_reference", "submitted_at", "content_hash")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class DocumentInline(admin.TabularInline):
    model = Document
    fields = ("original_name", "kind", "media_type", "size", "uploaded_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Filing)
class FilingAdmin(ReadOnly):
    list_display = [
        "reference",
        "status",
        "title",
        "investor_name",
        "investor_country",
        "target_name",
        "version_count",
        "submitted_at",
    ]
    list_filter = ["status", "investor_country"]
    search_fields = ["reference", "title", "investor_name", "target_name"]
    list_select_related = ["organisation"]
    inlines = [VersionInline, DocumentInline]


@admin.register(FilingVersion)
class FilingVersionAdmin(ReadOnly):
    list_display = ["receipt_reference", "kind", "submitted_at", "submitted_by"]
    list_select_related = ["filing"]
    search_fields = ["filing__reference"]


@admin.register(OwnershipAssessment)
class OwnershipAssessmentAdmin(ReadOnly):
    list_display = ["version", "status", "as_of", "computed_at"]
    list_filter = ["status"]
    list_select_related = ["version__filing"]
