"""Read-only views of cases: every change goes through the services (API, pages)."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyInline
from reviews.models import Case, Condition, Decision, InformationRequest, Phase


class PhaseInline(ReadOnlyInline):
    model = Phase
    fields = ("kind", "started_on", "length", "unit", "extension", "deadline", "ended_on")


class RequestInline(ReadOnlyInline):
    model = InformationRequest
    fields = ("number", "status", "response_due", "sent_at", "answered_at")


class DecisionInline(ReadOnlyInline):
    model = Decision
    fields = ("outcome", "status", "proposed_by", "reviewed_by", "reviewed_at")


class ConditionInline(ReadOnlyInline):
    model = Condition
    fields = ("description", "owner", "due_date", "compliance")


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ["reference", "status", "title", "assignee", "risk_score", "opened_at"]
    list_filter = ["status", "origin", "has_state_link"]
    search_fields = ["reference", "title", "investor_name", "target_name"]
    inlines = [PhaseInline, RequestInline, DecisionInline, ConditionInline]
