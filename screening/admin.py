"""Read-only views of filings for authority staff; investors change them only via the API."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyInline
from screening.models import (
    DesignatedEntity,
    Document,
    Filing,
    FilingVersion,
    OwnershipAssessment,
)


class VersionInline(ReadOnlyInline):
    model = FilingVersion
    fields = ("number", "kind", "receipt_reference", "submitted_at", "content_hash")


class DocumentInline(ReadOnlyInline):
    model = Document
    fields = ("original_name", "kind", "media_type", "size", "uploaded_at")


@admin.register(Filing)
class FilingAdmin(ReadOnlyAdmin):
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
class FilingVersionAdmin(ReadOnlyAdmin):
    list_display = ["receipt_reference", "kind", "submitted_at", "submitted_by"]
    list_select_related = ["filing"]
    search_fields = ["filing__reference"]


@admin.register(OwnershipAssessment)
class OwnershipAssessmentAdmin(ReadOnlyAdmin):
    list_display = ["version", "status", "as_of", "computed_at"]
    list_filter = ["status"]
    list_select_related = ["version__filing"]


@admin.register(DesignatedEntity)
class DesignatedEntityAdmin(admin.ModelAdmin):
    """The register of designated critical entities is kept by the node's administrators."""

    list_display = ["name", "sector", "lei", "reference", "designated_on", "withdrawn_on"]
    list_filter = ["sector"]
    search_fields = ["name", "lei", "reference"]
