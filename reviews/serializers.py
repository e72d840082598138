"""What the reviewers' API answers and takes: the shapes of cases, phases, requests,
decisions and the inbox, and of the bodies each action accepts. The views are in
`reviews/api.py`."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from core.api import UploadSerializer
from core.pure import regulations
from reviews import phases, selectors, services
from reviews.models import (
    HEARING_OUTCOMES,
    Case,
    CaseDocument,
    Condition,
    Hearing,
    InboxItem,
    InformationRequest,
    Outcome,
    Penalty,
)
from reviews.pure import workflow
from screening.filing_content import CurrencyField
from screening.pure.sectors import SECTORS


class StopSerializer(serializers.Serializer):
    started_on = serializers.DateField()
    ended_on = serializers.DateField(allow_null=True)
    reason = serializers.CharField()


class PhaseSerializer(serializers.Serializer):
    kind = serializers.CharField()
    started_on = serializers.DateField()
    ended_on = serializers.DateField(allow_null=True)
    deadline = serializers.DateField(allow_null=True, help_text="Null while the clock is stopped")
    earliest_deadline = serializers.DateField(
        allow_null=True,
        help_text="While the clock is stopped: the deadline if it ran again today (it can "
        "only be later); null otherwise",
    )
    length = serializers.IntegerField(help_text="Counted days in all, extensions included")
    counts = serializers.CharField(help_text="working days or calendar days")
    days_used = serializers.IntegerField()
    days_left = serializers.IntegerField(help_text="Negative: overdue by that many")
    is_stopped = serializers.BooleanField()
    is_overdue = serializers.BooleanField()
    extension = serializers.IntegerField()
    stops = StopSerializer(many=True)

    def to_representation(self, phase: Any) -> dict[str, Any]:
        reading = phases.reading(phase)
        return {
            "kind": phase.kind,
            "started_on": phase.started_on,
            "ended_on": phase.ended_on,
            "deadline": reading.deadline,
            "earliest_deadline": reading.earliest_deadline,
            "length": reading.length,
            "counts": reading.counts,
            "days_used": reading.days_used,
            "days_left": reading.days_left,
            "is_stopped": reading.is_stopped,
            "is_overdue": reading.is_overdue and phase.ended_on is None,
            "extension": phase.extension,
            "stops": [
                {"started_on": s.started_on, "ended_on": s.ended_on, "reason": s.reason}
                for s in phase.stops.all()
            ],
        }


class QuestionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    text = serializers.CharField()


class AnswerSerializer(serializers.Serializer):
    question = serializers.IntegerField(min_value=1)
    text = serializers.CharField(max_length=20000)
    documents = serializers.ListField(child=serializers.UUIDField(), required=False, default=list)


class InformationRequestSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.reference", read_only=True)
    questions = QuestionSerializer(many=True)
    answers = AnswerSerializer(many=True)

    class Meta:
        model = InformationRequest
        fields = [
            "number",
            "case",
            "status",
            "questions",
            "response_due",
            "sent_at",
            "answers",
            "answered_at",
            "answered_by",
        ]


class ConditionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Condition
        fields = [
            "id",
            "description",
            "measure",
            "owner",
            "due_date",
            "compliance",
            "evidence",
            "updated_at",
        ]


class HearingSerializer(serializers.ModelSerializer):
    """A hearing letter (Art. 4(14) of 2026/1386) and the investor's answer."""

    class Meta:
        model = Hearing
        fields = [
            "number",
            "intended_outcome",
            "letter",
            "answer_due",
            "status",
            "sent_at",
            "answer",
            "answer_documents",
            "answered_at",
        ]


class PenaltySerializer(serializers.ModelSerializer):
    class Meta:
        model = Penalty
        fields = ["id", "kind", "amount", "currency", "decided_on", "reasons", "recorded_by"]


class DecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    outcome = serializers.CharField()
    reasons = serializers.CharField()
    status = serializers.CharField()
    proposed_by = serializers.CharField(source="proposed_by.username")
    proposed_at = serializers.DateTimeField()
    reviewed_by = serializers.CharField(source="reviewed_by.username", allow_null=True)
    reviewed_at = serializers.DateTimeField(allow_null=True)
    review_note = serializers.CharField()
    measures_would_not_do = serializers.CharField(
        help_text="Art. 20(3) of 2026/1386: why measures would not do (prohibition, unwinding)"
    )
    conditions = ConditionSerializer(many=True)


class CaseSummarySerializer(serializers.ModelSerializer):
    assignee = serializers.CharField(source="assignee.username", allow_null=True, default=None)
    status_label = serializers.CharField(source="get_status_display")
    filing = serializers.CharField(source="filing.reference", allow_null=True, default=None)
    deadline = serializers.DateField(allow_null=True, read_only=True)
    running_phase = serializers.CharField(allow_null=True, read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "reference",
            "title",
            "status",
            "status_label",
            "origin",
            "regulation",
            "filing",
            "assignee",
            "investor_name",
            "investor_country",
            "target_name",
            "target_country",
            "sectors",
            "investor_lei",
            "target_lei",
            "origin_countries",
            "risk_score",
            "has_state_link",
            "running_phase",
            "deadline",
            "opened_at",
            "updated_at",
            "version",
        ]


class NoteSerializer(serializers.Serializer):
    author = serializers.CharField(source="author.username")
    text = serializers.CharField()
    created_at = serializers.DateTimeField()


class TimelineSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    actor = serializers.CharField()
    action = serializers.CharField()
    before = serializers.JSONField()
    after = serializers.JSONField()
    reason = serializers.CharField()


class CaseSerializer(CaseSummarySerializer):
    regulation_reason = serializers.CharField(help_text="Why this regulation governs the case")
    scope = serializers.JSONField(
        help_text="Under Regulation (EU) 2026/1386: in the minimum scope or not, prior "
        "authorisation required or not, and why (docs/scope.md); {} under 2019/452"
    )
    call_in_window = serializers.JSONField(
        help_text="Called in after completion under 2026/1386: the own-initiative window "
        "(Art. 4(4) or 4(5)) and its last day"
    )
    ex_officio_grounds = serializers.CharField()
    comment_period_ends = serializers.DateField(
        allow_null=True, help_text="Art. 6: no decision before this day passes, unless urgent"
    )
    urgency_justification = serializers.CharField()
    risk_reasons = serializers.JSONField()
    phases = PhaseSerializer(many=True)
    information_requests = InformationRequestSerializer(many=True)
    decisions = DecisionSerializer(many=True)
    hearings = HearingSerializer(many=True)
    penalties = PenaltySerializer(many=True)
    notes = NoteSerializer(many=True)
    actions = serializers.SerializerMethodField()
    timeline = serializers.SerializerMethodField()

    class Meta(CaseSummarySerializer.Meta):
        fields = [
            *CaseSummarySerializer.Meta.fields,
            "regulation_reason",
            "scope",
            "call_in_window",
            "ex_officio_grounds",
            "comment_period_ends",
            "urgency_justification",
            "risk_reasons",
            "phases",
            "information_requests",
            "decisions",
            "hearings",
            "penalties",
            "notes",
            "actions",
            "timeline",
        ]

    def get_actions(self, case: Case) -> list[dict[str, Any]]:
        actor = self.context["actor"]
        found = workflow.available(services.case_facts(case), services.actor_facts(actor))
        return [{"name": t.name, "label": t.label, "needs_reason": t.needs_reason} for t in found]

    def get_timeline(self, case: Case) -> list[dict[str, Any]]:
        return TimelineSerializer(selectors.timeline(case), many=True).data  # type: ignore[return-value]


class ConditionInputSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=5000)
    measure = serializers.ChoiceField(
        choices=list(regulations.MEASURES),
        required=False,
        allow_blank=True,
        help_text="The kind of mitigating measure (Art. 20(4) of 2026/1386); required for "
        "cases under 2026/1386",
    )
    owner = serializers.CharField(max_length=300)
    due_date = serializers.DateField(
        error_messages={
            "invalid": "Give the day it is due as YYYY-MM-DD.",
            "required": "Give the day it is due.",
            "null": "Give the day it is due.",
        }
    )


class TransitionSerializer(serializers.Serializer):
    transition = serializers.ChoiceField(choices=sorted(workflow.TRANSITIONS))
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=10000)
    expected_version = serializers.IntegerField(
        required=False, min_value=1, help_text="The version you read: refused with 409 if stale"
    )
    outcome = serializers.ChoiceField(choices=Outcome.choices, required=False)
    reasons = serializers.CharField(required=False, allow_blank=True, max_length=50000)
    conditions = ConditionInputSerializer(many=True, required=False)
    measures_would_not_do = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=50000,
        help_text="Why mitigating measures would not address the risk: required for a "
        "prohibition or an unwinding under 2026/1386 (Art. 20(3))",
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=10000)


def transition_arguments(data: dict[str, Any]) -> dict[str, Any]:
    """`decisions.take_transition`'s arguments from a checked `TransitionSerializer`."""
    return {
        "name": data["transition"],
        "reason": data["reason"],
        "note": data["note"],
        "outcome": data.get("outcome", ""),
        "reasons": data.get("reasons", ""),
        "conditions": data.get("conditions", []),
        "measures_would_not_do": data.get("measures_would_not_do", ""),
        "expected_version": data.get("expected_version"),
    }


class AssignmentSerializer(serializers.Serializer):
    assignee = serializers.CharField(allow_null=True, help_text="User name; null to unassign")
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    expected_version = serializers.IntegerField(required=False, min_value=1)


class NoteInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=20000)


class RequestInputSerializer(serializers.Serializer):
    questions = serializers.ListField(
        child=serializers.CharField(max_length=5000), min_length=1, max_length=50
    )
    response_due = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Required under 2019/452; under 2026/1386 default and earliest: 15 days "
        "from today (Art. 15(3))",
    )
    expected_version = serializers.IntegerField(required=False, min_value=1)


class RequestExtensionSerializer(serializers.Serializer):
    response_due = serializers.DateField(help_text="The new day the answer is due")
    reason = serializers.CharField(max_length=5000)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=10000)


class ExtensionSerializer(serializers.Serializer):
    days = serializers.IntegerField(min_value=1, max_value=365)
    reason = serializers.CharField(max_length=10000)
    expected_version = serializers.IntegerField(required=False, min_value=1)


class UrgencySerializer(serializers.Serializer):
    justification = serializers.CharField(max_length=10000)


class ComplianceSerializer(serializers.Serializer):
    compliance = serializers.ChoiceField(choices=Condition.Compliance.choices)
    evidence = serializers.CharField(required=False, allow_blank=True, default="")


class CallInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    investor_name = serializers.CharField(max_length=300)
    investor_country = serializers.CharField(max_length=2)
    target_name = serializers.CharField(max_length=300)
    target_country = serializers.CharField(max_length=2)
    sectors = serializers.ListField(
        child=serializers.ChoiceField(choices=sorted(SECTORS)), required=False, default=list
    )
    grounds = serializers.CharField(max_length=10000)
    completed_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The day the investment was completed, if it has: an investment completed "
        "before Regulation (EU) 2026/1386 applies stays under 2019/452 (Art. 30)",
    )
    prior_authorisation_not_filed = serializers.BooleanField(
        default=False,
        help_text="Under 2026/1386: the investment needed prior authorisation and was not "
        "filed (or late): the window of Art. 4(5) applies instead of Art. 4(4)",
    )


class WorkloadRowSerializer(serializers.Serializer):
    assignee = serializers.CharField(allow_null=True, help_text="null: nobody yet")
    status = serializers.CharField()
    cases = serializers.IntegerField()


class InboxItemSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.reference", allow_null=True, default=None)

    class Meta:
        model = InboxItem
        fields = ["id", "case", "subject", "body", "created_at", "read_at"]


class HearingInputSerializer(serializers.Serializer):
    intended_outcome = serializers.ChoiceField(choices=HEARING_OUTCOMES)
    letter = serializers.CharField(max_length=50000)
    answer_due = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Default and earliest: the node's hearing period from today",
    )


class HearingAnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(max_length=50000)
    documents = serializers.ListField(child=serializers.UUIDField(), required=False, default=list)


class PenaltyInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Penalty.Kind.choices)
    decided_on = serializers.DateField()
    reasons = serializers.CharField(max_length=50000)
    amount = serializers.DecimalField(
        max_digits=20, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    currency = CurrencyField(required=False, allow_blank=True, default="")


class AnswerInputSerializer(serializers.Serializer):
    answers = AnswerSerializer(many=True, allow_empty=False)


class ReviewStatusSerializer(serializers.Serializer):
    reference = serializers.CharField()
    regulation = serializers.ChoiceField(
        choices=regulations.CHOICES,
        help_text="The EU regulation that governs the review to its end (Art. 30 of 2026/1386)",
    )
    regulation_title = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    phase = serializers.CharField(allow_null=True)
    deadline = serializers.DateField(allow_null=True, help_text="Null while the clock is stopped")
    earliest_deadline = serializers.DateField(
        allow_null=True,
        help_text="While the clock is stopped: the deadline if it ran again today (it can "
        "only be later); null otherwise",
    )
    clock_stopped = serializers.BooleanField()
    open_information_requests = serializers.IntegerField()
    filing_complete_on = serializers.DateField(
        allow_null=True,
        help_text="The completeness notice (Art. 4(10) of 2026/1386): the day the authority "
        "found the filing complete and opened its review; null before",
    )
    initial_review_ends = serializers.DateField(
        allow_null=True,
        help_text="Under 2026/1386: the last day of the 45-day initial review (Art. 4(2)(a)), "
        "null while its clock is stopped or before it starts",
    )
    decision = serializers.CharField(allow_null=True, help_text="Once decided")


class CaseDocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseDocument
        fields = [
            "id",
            "kind",
            "description",
            "name",
            "original_name",
            "media_type",
            "size",
            "sha256",
            "uploaded_at",
            "uploaded_by",
        ]
        read_only_fields = fields


class CaseDocumentUploadSerializer(UploadSerializer):
    file = serializers.FileField(
        help_text="PDF, image or office document; the type is read from the leading bytes"
    )
    kind = serializers.ChoiceField(
        choices=CaseDocument.Kind.choices, default=CaseDocument.Kind.OTHER
    )
    description = serializers.CharField(max_length=500, required=False, allow_blank=True)
