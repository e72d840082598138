from django.contrib import admin

from core import effects
from core.models import ApiKey, AuditEntry, Effect, Membership, Organisation


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records that change only through services (API, imports): look, never edit."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields or ()

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "created_at"]
    list_filter = ["kind", "country"]
    search_fields = ["name"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation"]
    list_select_related = ["user", "organisation"]


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Keys are issued with `create_api_key` or the API (the secret is shown once)."""

    list_display = ["name", "organisation", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_select_related = ["organisation"]
    readonly_fields = ["prefix", "secret_hash", "created_at", "created_by", "last_used_at"]

    def has_add_permission(self, request):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "object_type", "object_id"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_id", "actor"]


@admin.register(Effect)
class EffectAdmin(ReadOnlyAdmin):
    """After-commit work (core/effects.py): what is pending, done, or given up, and why."""

    list_display = ["id", "name", "status", "attempts", "next_attempt_at", "last_error"]
    list_filter = ["status", "name"]
    actions = ["try_again"]

    @admin.action(description="Try the selected failed effects again")
    def try_again(self, request, queryset):
        again = sum(effects.retry(effect.pk) for effect in queryset)
        self.message_user(request, f"{again} effect(s) will be tried again within a minute.")
