"""The reviewers' API for cases, and the investors' side of requests for information.

Views read through `selectors` and write through the services; they never build their
own queries or change rows themselves.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.actors import actor_for
from core.filters import StrictFilterSet
from core.idempotency import IDEMPOTENCY_PARAMETER, idempotent
from core.openapi import client_error
from core.permissions import IsAuthorityStaff, IsInvestor
from reviews import decisions, information, notify, selectors, services, workflow
from reviews.models import Case, Condition, InboxItem, InformationRequest, Outcome, Status
from screening.art4 import SECTORS
from screening.models import Filing


class StopSerializer(serializers.Serializer):
    started_on = serializers.DateField()
    ended_on = serializers.DateField(allow_null=True)
    reason = serializers.CharField()


class PhaseSerializer(serializers.Serializer):
    kind = serializers.CharField()
    started_on = serializers.DateField()
    ended_on = serializers.DateField(allow_null=True)
    deadline = serializers.DateField(allow_null=True, help_text="Null while the clock is stopped")
    length = serializers.IntegerField(help_text="Counted days in all, extensions included")
    counts = serializers.CharField(help_text="working days or calendar days")
    days_used = serializers.IntegerField()
    days_left = serializers.IntegerField(help_text="Negative: overdue by that many")
    is_stopped = serializers.BooleanField()
    is_overdue = serializers.BooleanField()
    extension = serializers.IntegerField()
    stops = StopSerializer(many=True)

    def to_representation(self, phase: Any) -> dict[str, Any]:
        reading = services.reading(phase)
        return {
            "kind": phase.kind,
            "started_on": phase.started_on,
            "ended_on": phase.ended_on,
            "deadline": reading.deadline,
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
        fields = ["id", "description", "owner", "due_date", "compliance", "evidence", "updated_at"]


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
    ex_officio_grounds = serializers.CharField()
    comment_period_ends = serializers.DateField(
        allow_null=True, help_text="Art. 6: no decision before this day passes, unless urgent"
    )
    urgency_justification = serializers.CharField()
    risk_reasons = serializers.JSONField()
    phases = PhaseSerializer(many=True)
    information_requests = InformationRequestSerializer(many=True)
    decisions = DecisionSerializer(many=True)
    notes = NoteSerializer(many=True)
    actions = serializers.SerializerMethodField()
    timeline = serializers.SerializerMethodField()

    class Meta(CaseSummarySerializer.Meta):
        fields = [
            *CaseSummarySerializer.Meta.fields,
            "ex_officio_grounds",
            "comment_period_ends",
            "urgency_justification",
            "risk_reasons",
            "phases",
            "information_requests",
            "decisions",
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
    owner = serializers.CharField(max_length=300)
    due_date = serializers.DateField()


class TransitionSerializer(serializers.Serializer):
    transition = serializers.ChoiceField(choices=sorted(workflow.TRANSITIONS))
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=10000)
    expected_version = serializers.IntegerField(
        required=False, min_value=1, help_text="The version you read: refused with 409 if stale"
    )
    outcome = serializers.ChoiceField(choices=Outcome.choices, required=False)
    reasons = serializers.CharField(required=False, allow_blank=True, max_length=50000)
    conditions = ConditionInputSerializer(many=True, required=False)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=10000)


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
    response_due = serializers.DateField()
    expected_version = serializers.IntegerField(required=False, min_value=1)


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


class CaseFilter(StrictFilterSet):
    status = django_filters.MultipleChoiceFilter(choices=Status.choices)
    assignee = django_filters.CharFilter(
        method="filter_assignee", help_text="A user name, `me` or `none`"
    )
    risk_min = django_filters.NumberFilter(field_name="risk_score", lookup_expr="gte")
    has_state_link = django_filters.BooleanFilter()
    deadline_before = django_filters.DateFilter(field_name="deadline", lookup_expr="lte")
    investor_country = django_filters.CharFilter(lookup_expr="iexact")
    origin_country = django_filters.CharFilter(
        method="filter_origin_country",
        help_text="ISO code of a country of the ultimate investors (declared or state link)",
    )
    sector = django_filters.CharFilter(method="filter_sector")
    q = django_filters.CharFilter(
        method="filter_search", help_text="Reference, title, investor or target name"
    )
    ordering = django_filters.OrderingFilter(
        fields=["deadline", "risk_score", "opened_at", "reference", "updated_at"]
    )

    class Meta:
        model = Case
        fields: list[str] = []

    def filter_assignee(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        return selectors.assigned(queryset, actor_for(self.request), value)

    def filter_sector(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        return selectors.containing(queryset, "sectors", value)

    def filter_origin_country(
        self, queryset: QuerySet[Case], name: str, value: str
    ) -> QuerySet[Case]:
        return selectors.containing(queryset, "origin_countries", value.upper())

    def filter_search(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        return selectors.search(queryset, value)


CASE_CONFLICT = client_error(
    "The workflow does not allow it in the case's state, or the case changed since you "
    "read it (stale `version`): `errors[].detail` says which"
)


class WorkloadRowSerializer(serializers.Serializer):
    assignee = serializers.CharField(allow_null=True, help_text="null: nobody yet")
    status = serializers.CharField()
    cases = serializers.IntegerField()


@extend_schema_view(
    list=extend_schema(summary="Cases of your authority"),
    retrieve=extend_schema(summary="One case with its phases, clock, requests and decisions"),
)
class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthorityStaff]
    filterset_class = CaseFilter
    lookup_value_regex = "[0-9a-f-]{36}"

    def get_queryset(self) -> QuerySet[Case]:
        if getattr(self, "swagger_fake_view", False):
            return Case.objects.none()
        actor = actor_for(self.request)
        if self.action == "list":
            return selectors.cases_for(actor)
        return selectors.case_detail(actor)

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        return CaseSummarySerializer if self.action == "list" else CaseSerializer

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "actor": actor_for(self.request)}

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def _answer(self, case: Case, code: int = status.HTTP_200_OK) -> Response:
        case = selectors.case_detail(actor_for(self.request)).get(pk=case.pk)
        return Response(CaseSerializer(case, context=self.get_serializer_context()).data, code)

    @extend_schema(
        summary="Call an investment in (ex officio)",
        request=CallInSerializer,
        responses={201: CaseSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = CallInSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        case = services.call_in(actor=actor_for(request), **body.validated_data)
        return self._answer(case, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Take a workflow transition",
        request=TransitionSerializer,
        responses={200: CaseSerializer, 409: CASE_CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        body = TransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        case = decisions.take_transition(
            case=self.get_object(),
            actor=actor_for(request),
            name=data["transition"],
            reason=data["reason"],
            note=data["note"],
            outcome=data.get("outcome", ""),
            reasons=data.get("reasons", ""),
            conditions=data.get("conditions", []),
            expected_version=data.get("expected_version"),
        )
        return self._answer(case)

    @extend_schema(
        summary="Assign or reassign the case",
        request=AssignmentSerializer,
        responses={200: CaseSerializer, 409: CASE_CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: str | None = None) -> Response:
        body = AssignmentSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        case = services.assign_case(
            case=self.get_object(),
            actor=actor_for(request),
            assignee=services.user_named(body.validated_data["assignee"]),
            reason=body.validated_data["reason"],
            expected_version=body.validated_data.get("expected_version"),
        )
        return self._answer(case)

    @extend_schema(
        summary="Add a note",
        request=NoteInputSerializer,
        responses={201: CaseSerializer, 409: CASE_CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def notes(self, request: Request, pk: str | None = None) -> Response:
        body = NoteInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        case = self.get_object()
        services.add_note(case=case, actor=actor_for(request), text=body.validated_data["text"])
        return self._answer(case, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Request information from the investor (stops the clock)",
        request=RequestInputSerializer,
        responses={201: CaseSerializer, 409: CASE_CONFLICT},
    )
    @action(detail=True, methods=["post"], url_path="information-requests")
    def information_requests(self, request: Request, pk: str | None = None) -> Response:
        body = RequestInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        case = self.get_object()
        information.request_information(
            case=case,
            actor=actor_for(request),
            questions=body.validated_data["questions"],
            response_due=body.validated_data["response_due"],
            expected_version=body.validated_data.get("expected_version"),
        )
        return self._answer(case, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Withdraw a request for information (restarts the clock)",
        request=ReasonSerializer,
        responses={200: CaseSerializer, 409: CASE_CONFLICT},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"information-requests/(?P<number>[0-9]+)/withdraw",
    )
    def withdraw_request(
        self, request: Request, pk: str | None = None, number: str = ""
    ) -> Response:
        body = ReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        case = self.get_object()
        found = get_object_or_404(case.information_requests, number=int(number))
        information.withdraw_information_request(
            request=found, actor=actor_for(request), reason=body.validated_data["reason"]
        )
        return self._answer(case)

    @extend_schema(
        summary="Record why the case must be decided before the comment period ends",
        request=UrgencySerializer,
        responses={200: CaseSerializer, 409: CASE_CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def urgency(self, request: Request, pk: str | None = None) -> Response:
        body = UrgencySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        case = services.record_urgency(
            case=self.get_object(),
            actor=actor_for(request),
            justification=body.validated_data["justification"],
        )
        return self._answer(case)

    @extend_schema(
        summary="Extend the running phase",
        request=ExtensionSerializer,
        responses={200: CaseSerializer, 409: CASE_CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def extend(self, request: Request, pk: str | None = None) -> Response:
        body = ExtensionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        case = self.get_object()
        services.extend_phase(case=case, actor=actor_for(request), **body.validated_data)
        return self._answer(case)

    @extend_schema(
        summary="Record compliance with a condition",
        request=ComplianceSerializer,
        responses={200: CaseSerializer, 409: CASE_CONFLICT},
    )
    @action(detail=True, methods=["post"], url_path=r"conditions/(?P<condition_id>[0-9]+)")
    def condition(
        self, request: Request, pk: str | None = None, condition_id: str = ""
    ) -> Response:
        body = ComplianceSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        case = self.get_object()
        found = get_object_or_404(case.conditions, pk=int(condition_id))
        decisions.record_compliance(
            condition=found, actor=actor_for(request), **body.validated_data
        )
        return self._answer(case)

    @extend_schema(
        summary="Open cases per officer and status (workload)",
        responses={200: WorkloadRowSerializer(many=True)},
    )
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def workload(self, request: Request) -> Response:
        services.check_may("see_workload", actor_for(request))
        rows = (
            selectors.cases_for(actor_for(request))
            .filter(status__in=workflow.UNDER_REVIEW)
            .values("assignee__username", "status")
            .annotate(cases=Count("id"))
            .order_by("assignee__username", "status")
        )
        return Response(
            [
                {"assignee": r["assignee__username"], "status": r["status"], "cases": r["cases"]}
                for r in rows
            ]
        )


class InboxItemSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.reference", allow_null=True, default=None)

    class Meta:
        model = InboxItem
        fields = ["id", "case", "subject", "body", "created_at", "read_at"]


class InboxViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthorityStaff]
    serializer_class = InboxItemSerializer

    def get_queryset(self) -> QuerySet[InboxItem]:
        if getattr(self, "swagger_fake_view", False):
            return InboxItem.objects.none()
        return selectors.inbox_of(actor_for(self.request))

    @extend_schema(summary="Mark an item read", request=None, responses={200: InboxItemSerializer})
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str | None = None) -> Response:
        item = notify.mark_read(self.get_object())
        return Response(InboxItemSerializer(item).data)


# --- the investor's side ------------------------------------------------------------


class AnswerInputSerializer(serializers.Serializer):
    answers = AnswerSerializer(many=True, allow_empty=False)


class InvestorRequestsView(APIView):
    """Requests for information on one of the investor's filings."""

    permission_classes = [IsInvestor]

    def _filing(self, request: Request, filing_id: Any) -> Filing:
        return get_object_or_404(Filing, pk=filing_id, organisation=actor_for(request).organisation)

    @extend_schema(
        summary="Requests for information on a filing",
        responses={200: InformationRequestSerializer(many=True)},
    )
    def get(self, request: Request, filing_id: Any) -> Response:
        filing = self._filing(request, filing_id)
        found = selectors.requests_of_filing(filing.pk)
        return Response(InformationRequestSerializer(found, many=True).data)


class InvestorAnswerView(InvestorRequestsView):
    @extend_schema(
        summary="Answer a request for information (every question)",
        request=AnswerInputSerializer,
        responses={200: InformationRequestSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @idempotent
    def post(self, request: Request, filing_id: Any, number: int) -> Response:
        filing = self._filing(request, filing_id)
        found = get_object_or_404(selectors.requests_of_filing(filing.pk), number=number)
        body = AnswerInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        answered = information.answer_information_request(
            request=found, actor=actor_for(request), answers=body.validated_data["answers"]
        )
        return Response(InformationRequestSerializer(answered).data)

    @extend_schema(
        summary="One request for information", responses={200: InformationRequestSerializer}
    )
    def get(self, request: Request, filing_id: Any, number: int = 0) -> Response:
        filing = self._filing(request, filing_id)
        found = get_object_or_404(selectors.requests_of_filing(filing.pk), number=number)
        return Response(InformationRequestSerializer(found).data)


class ReviewStatusSerializer(serializers.Serializer):
    reference = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    phase = serializers.CharField(allow_null=True)
    deadline = serializers.DateField(allow_null=True, help_text="Null while the clock is stopped")
    clock_stopped = serializers.BooleanField()
    open_information_requests = serializers.IntegerField()
    decision = serializers.CharField(allow_null=True, help_text="Once decided")


class InvestorReviewView(InvestorRequestsView):
    """Where the review of one of the investor's filings stands (no internal details)."""

    @extend_schema(summary="The review of a filing", responses={200: ReviewStatusSerializer})
    def get(self, request: Request, filing_id: Any) -> Response:
        filing = self._filing(request, filing_id)
        case = getattr(filing, "case", None)
        if case is None:
            raise exceptions.NotFound("No review is open for this filing yet.")
        phase = services.running_phase(case)
        reading = services.reading(phase) if phase is not None else None
        approved = case.decisions.filter(status="approved").last()
        return Response(
            ReviewStatusSerializer(
                {
                    "reference": case.reference,
                    "status": case.status,
                    "status_label": case.get_status_display(),
                    "phase": phase.get_kind_display() if phase else None,
                    "deadline": reading.deadline if reading else None,
                    "clock_stopped": bool(reading and reading.is_stopped),
                    "open_information_requests": case.information_requests.filter(
                        status=InformationRequest.Status.OPEN
                    ).count(),
                    "decision": approved.get_outcome_display() if approved else None,
                }
            ).data
        )
