"""The reviewers' API for cases, and the investors' side of requests for information.

Views read through `selectors` and write through the services; they never build their
own queries or change rows themselves.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from core.actors import actor_for
from core.idempotency import IDEMPOTENCY_PARAMETER, idempotent
from core.openapi import client_error
from core.permissions import IsAuthorityStaff, IsInvestor
from core.pure.regulations import Regulation
from reviews import (
    assignment,
    case_documents,
    decisions,
    hearings,
    inbox,
    information,
    opening,
    phases,
    selectors,
    services,
)
from reviews import (
    case_file as case_file_export,
)
from reviews.filters import CaseFilter
from reviews.models import Case, CaseDocument, InboxItem, InformationRequest
from reviews.pure import workflow
from reviews.serializers import (
    AnswerInputSerializer,
    AssignmentSerializer,
    CallInSerializer,
    CaseDocumentSerializer,
    CaseDocumentUploadSerializer,
    CaseSerializer,
    CaseSummarySerializer,
    ComplianceSerializer,
    ExtensionSerializer,
    HearingAnswerSerializer,
    HearingInputSerializer,
    HearingSerializer,
    InboxItemSerializer,
    InformationRequestSerializer,
    NoteInputSerializer,
    PenaltyInputSerializer,
    ReasonSerializer,
    RequestExtensionSerializer,
    RequestInputSerializer,
    ReviewStatusSerializer,
    TransitionSerializer,
    UrgencySerializer,
    WorkloadRowSerializer,
    transition_arguments,
)
from screening.api import located
from screening.downloads import download
from screening.models import Filing


class PDFRenderer(BaseRenderer):
    """Lets a client that asks for `application/pdf` have the case file; the view answers
    the PDF itself, and an error (a 404, say) goes out as JSON text."""

    media_type = "application/pdf"
    format = "pdf"

    def render(self, data: Any, media_type: str | None = None, context: Any = None) -> bytes:
        if isinstance(data, bytes):
            return data
        if context and context.get("response") is not None:
            context["response"]["Content-Type"] = "application/json"  # not a PDF: say so
        return JSONRenderer().render(data)


CASE_CONFLICT = client_error(
    "The workflow does not allow it in the case's state, or the case changed since you "
    "read it (stale `version`): `errors[].detail` says which"
)


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
        case = opening.call_in(actor=actor_for(request), **body.validated_data)
        return self._answer(case, status.HTTP_201_CREATED)

    @extend_schema(
        summary="The case file as one PDF",
        description='What the case page\'s "Download the case file (PDF)" gives: summary, '
        "the filing in words, the ownership picture and tables, triage, clock, requests, "
        "decisions and conditions, hearings, penalties, messages, documents with their "
        "hashes, notes and the timeline (docs/review.md §15). Each export is on the case's "
        "timeline (`case.file_exported`, with the PDF's size and hash). 503 where the node "
        "has no Pango to write PDF.",
        responses={
            (200, "application/pdf"): bytes,
            503: client_error("This node cannot write PDF (Pango is not installed)"),
        },
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="case-file",
        renderer_classes=[JSONRenderer, PDFRenderer],  # `Accept: application/pdf` is fine
    )
    def case_file(self, request: Request, pk: str | None = None) -> HttpResponse:
        return case_file_export.as_pdf(request._request, actor_for(request), self.get_object())

    @extend_schema(
        summary="Take a workflow transition",
        request=TransitionSerializer,
        responses={200: CaseSerializer, 409: CASE_CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        body = TransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        case = decisions.take_transition(
            case=self.get_object(),
            actor=actor_for(request),
            **transition_arguments(body.validated_data),
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
        case = assignment.assign_case(
            case=self.get_object(),
            actor=actor_for(request),
            assignee=assignment.user_named(body.validated_data["assignee"]),
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
        assignment.add_note(case=case, actor=actor_for(request), text=body.validated_data["text"])
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
        summary="Send the investor a hearing letter (Art. 4(14) of 2026/1386)",
        request=HearingInputSerializer,
        responses={201: CaseSerializer, 409: CASE_CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def hearings(self, request: Request, pk: str | None = None) -> Response:
        body = HearingInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        case = self.get_object()
        hearings.send_hearing_letter(case=case, actor=actor_for(request), **body.validated_data)
        return self._answer(case, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Record a penalty for failing to file or breaching measures (Art. 4(11))",
        request=PenaltyInputSerializer,
        responses={201: CaseSerializer, 409: CASE_CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def penalties(self, request: Request, pk: str | None = None) -> Response:
        body = PenaltyInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        case = self.get_object()
        hearings.record_penalty(case=case, actor=actor_for(request), **body.validated_data)
        return self._answer(case, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Give the investor more time to answer a request (Art. 15(3) of 2026/1386)",
        request=RequestExtensionSerializer,
        responses={200: CaseSerializer, 409: CASE_CONFLICT},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"information-requests/(?P<number>[0-9]+)/extend",
    )
    def extend_request(self, request: Request, pk: str | None = None, number: str = "") -> Response:
        body = RequestExtensionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        case = self.get_object()
        found = get_object_or_404(case.information_requests, number=int(number))
        information.extend_information_request(
            request=found, actor=actor_for(request), **body.validated_data
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


@extend_schema_view(
    list=extend_schema(summary="Documents of a case file (added by the authority)"),
    retrieve=extend_schema(summary="One case-file document's metadata"),
)
class CaseDocumentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The case file's own documents (docs/review.md §14): evidence, correspondence, an
    answer received by letter. Staff of the case's authority only; each addition is on
    the case's timeline. The filing's documents stay under the filing."""

    permission_classes = [IsAuthorityStaff]
    serializer_class = CaseDocumentSerializer
    parser_classes = [MultiPartParser]
    pagination_class = None
    filter_backends: list[Any] = []
    lookup_value_regex = "[0-9a-f-]{36}"

    def _case(self) -> Case:
        # Another authority's case answers 404, as if it did not exist.
        return get_object_or_404(
            selectors.cases_for(actor_for(self.request)), pk=self.kwargs["case_pk"]
        )

    def get_queryset(self) -> QuerySet[CaseDocument]:
        if getattr(self, "swagger_fake_view", False):
            return CaseDocument.objects.none()
        return self._case().case_documents.order_by("uploaded_at", "id")

    @extend_schema(
        summary="Add a document to the case file",
        description="Checked as a filing's documents are (docs/api-documents.md): the type "
        "from the leading bytes (PDF, images, office documents; anything else 400 with "
        "`attr` `file`), larger than the limit 413. Only the officer the case is assigned "
        "to, or a senior officer, may add one (403 otherwise).",
        request={"multipart/form-data": CaseDocumentUploadSerializer},
        responses={
            201: CaseDocumentSerializer,
            409: CASE_CONFLICT,
            413: client_error("Larger than the document size limit"),
        },
        parameters=[located("the document's metadata")],
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = CaseDocumentUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        document = case_documents.add_case_document(
            case=self._case(),
            actor=actor_for(request),
            upload=body.validated_data["file"],
            kind=body.validated_data["kind"],
            description=body.validated_data.get("description", ""),
        )
        location = reverse(
            "case-document-detail",
            kwargs={"case_pk": document.case_id, "pk": document.pk},
            request=request,
        )
        return Response(
            CaseDocumentSerializer(document).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )

    @extend_schema(
        summary="Download a case-file document",
        description="Served as the detected type under the document's `name`, always as "
        "an attachment with `X-Content-Type-Options: nosniff` (docs/api-documents.md).",
        responses={(200, "application/octet-stream"): bytes},
    )
    @action(detail=True, methods=["get"])
    def content(self, request: Request, *args: Any, **kwargs: Any) -> FileResponse:
        return download(self.get_object())


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
        item = inbox.mark_read(self.get_object())
        return Response(InboxItemSerializer(item).data)


# --- the investor's side ------------------------------------------------------------


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


class InvestorHearingsView(InvestorRequestsView):
    """Hearing letters on one of the investor's filings (Art. 4(14) of 2026/1386)."""

    @extend_schema(
        summary="Hearing letters on a filing", responses={200: HearingSerializer(many=True)}
    )
    def get(self, request: Request, filing_id: Any) -> Response:
        filing = self._filing(request, filing_id)
        return Response(HearingSerializer(selectors.hearings_of_filing(filing.pk), many=True).data)


class InvestorHearingAnswerView(InvestorRequestsView):
    @extend_schema(
        summary="Answer a hearing letter",
        request=HearingAnswerSerializer,
        responses={200: HearingSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @idempotent
    def post(self, request: Request, filing_id: Any, number: int) -> Response:
        filing = self._filing(request, filing_id)
        found = get_object_or_404(selectors.hearings_of_filing(filing.pk), number=number)
        body = HearingAnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        answered = hearings.answer_hearing(
            hearing=found, actor=actor_for(request), **body.validated_data
        )
        return Response(HearingSerializer(answered).data)

    @extend_schema(summary="One hearing letter", responses={200: HearingSerializer})
    def get(self, request: Request, filing_id: Any, number: int = 0) -> Response:
        filing = self._filing(request, filing_id)
        found = get_object_or_404(selectors.hearings_of_filing(filing.pk), number=number)
        return Response(HearingSerializer(found).data)


class InvestorReviewView(InvestorRequestsView):
    """Where the review of one of the investor's filings stands (no internal details)."""

    @extend_schema(summary="The review of a filing", responses={200: ReviewStatusSerializer})
    def get(self, request: Request, filing_id: Any) -> Response:
        filing = self._filing(request, filing_id)
        case = getattr(filing, "case", None)
        if case is None:
            raise exceptions.NotFound("No review is open for this filing yet.")
        phase = phases.running_phase(case)
        reading = phases.reading(phase) if phase is not None else None
        approved = case.decisions.filter(status="approved").last()
        first = case.phases.filter(kind="phase_1").order_by("started_on", "id").first()
        return Response(
            ReviewStatusSerializer(
                {
                    "reference": case.reference,
                    "regulation": case.regulation,
                    "regulation_title": case.regulation_title,
                    "status": case.status,
                    "status_label": case.get_status_display(),
                    "phase": phase.get_kind_display() if phase else None,
                    "deadline": reading.deadline if reading else None,
                    "clock_stopped": bool(reading and reading.is_stopped),
                    "open_information_requests": case.information_requests.filter(
                        status=InformationRequest.Status.OPEN
                    ).count(),
                    "decision": approved.get_outcome_display() if approved else None,
                    "filing_complete_on": first.started_on if first else None,
                    "initial_review_ends": (
                        first.deadline
                        if first is not None and case.regulation == Regulation.EU_2026_1386
                        else None
                    ),
                }
            ).data
        )
