"""Investor API: drafts, documents, submission, amendment, withdrawal, receipts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from drf_standardized_errors.openapi_serializers import ValidationErrorResponseSerializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse

from core.actors import actor_for
from core.api import UploadSerializer
from core.filters import StrictFilterSet
from core.idempotency import IDEMPOTENCY_PARAMETER, idempotent
from core.openapi import client_error, unprocessable
from core.parsers import JSONParser
from core.permissions import IsInvestor
from screening import selectors, services
from screening.downloads import download
from screening.filing_content import FilingContentSerializer
from screening.models import Document, Filing, FilingVersion


class ReceiptSerializer(serializers.Serializer):
    reference = serializers.CharField(help_text="Receipt reference, e.g. DE-F-2026-000001-v1")
    filing_reference = serializers.CharField()
    version = serializers.IntegerField()
    submitted_at = serializers.DateTimeField()
    content_hash = serializers.CharField(help_text="SHA-256 of the canonical submitted JSON")
    hash_algorithm = serializers.CharField()


class DocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = [
            "id",
            "kind",
            "description",
            "confidential",
            "name",
            "original_name",
            "media_type",
            "size",
            "sha256",
            "uploaded_at",
            "uploaded_by",
        ]
        read_only_fields = fields


class DocumentUploadSerializer(UploadSerializer):
    file = serializers.FileField(
        help_text="PDF, image or office document; the type is read from the leading bytes"
    )
    kind = serializers.ChoiceField(choices=Document.Kind.choices, default=Document.Kind.OTHER)
    description = serializers.CharField(max_length=500, required=False, allow_blank=True)
    confidential = serializers.BooleanField(
        default=False,
        help_text="Mark the document confidential (Art. 4(6) of 2026/1386): the mark is "
        "shown wherever the document is listed",
    )


class VersionSummarySerializer(serializers.ModelSerializer):
    """A version as the list shows it: everything but its content."""

    receipt = serializers.SerializerMethodField()

    class Meta:
        model = FilingVersion
        fields = [
            "number",
            "kind",
            "reason",
            "submitted_at",
            "submitted_by",
            "receipt",
            "documents",
        ]
        read_only_fields = fields

    def get_receipt(self, version: FilingVersion) -> dict[str, Any]:
        return ReceiptSerializer(services.Receipt.of(version)).data


class VersionSerializer(VersionSummarySerializer):
    class Meta(VersionSummarySerializer.Meta):
        fields = [*VersionSummarySerializer.Meta.fields, "content"]
        read_only_fields = fields


class FilingSummarySerializer(serializers.Serializer):
    # Declared rather than a ModelSerializer: it is in every submit answer, and a
    # ModelSerializer introspects the model again for each one.
    id = serializers.UUIDField(read_only=True)
    reference = serializers.CharField(read_only=True, allow_null=True)
    status = serializers.ChoiceField(choices=Filing.Status.choices, read_only=True)
    title = serializers.CharField(read_only=True)
    investor_name = serializers.CharField(read_only=True)
    investor_country = serializers.CharField(read_only=True)
    target_name = serializers.CharField(read_only=True)
    target_country = serializers.CharField(read_only=True)
    version_count = serializers.IntegerField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)
    submitted_at = serializers.DateTimeField(read_only=True, allow_null=True)
    withdrawn_at = serializers.DateTimeField(read_only=True, allow_null=True)


class FilingSerializer(FilingSummarySerializer):
    withdrawal_reason = serializers.CharField(read_only=True)
    draft = serializers.JSONField(read_only=True, help_text="Content being edited (drafts only)")
    current = serializers.SerializerMethodField(help_text="The latest submitted version")
    receipts = serializers.SerializerMethodField()
    documents = DocumentSerializer(many=True, read_only=True)

    def _versions(self, filing: Filing) -> list[FilingVersion]:
        return sorted(filing.versions.all(), key=lambda version: version.number)

    def get_current(self, filing: Filing) -> dict[str, Any] | None:
        versions = self._versions(filing)
        return VersionSerializer(versions[-1]).data if versions else None

    def get_receipts(self, filing: Filing) -> list[dict[str, Any]]:
        return [ReceiptSerializer(services.Receipt.of(v)).data for v in self._versions(filing)]


class AmendmentSerializer(serializers.Serializer):
    changes = serializers.DictField(
        help_text='Top-level sections of the filing content to replace, e.g. {"value": {...}}'
    )
    reason = serializers.CharField(max_length=2000, help_text="Why the filing is amended")

    def validate_changes(self, changes: dict[str, Any]) -> dict[str, Any]:
        if not changes:
            raise serializers.ValidationError("Name at least one section to change.")
        sections = list(FilingContentSerializer().fields)
        unknown = sorted(set(changes) - set(sections))
        if unknown:
            # Each unknown section is named as a field of its own: `changes.<section>`.
            raise serializers.ValidationError(
                {
                    section: [
                        f"{section!r} is not a section; the sections are {', '.join(sections)}."
                    ]
                    for section in unknown
                }
            )
        return changes


class WithdrawalSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class SubmissionSerializer(serializers.Serializer):
    receipt = ReceiptSerializer()
    filing = FilingSummarySerializer(help_text="The full filing is at GET /filings/{id}/")


class BoundedIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    """ISO 8601 date-times that the database can compare: real offsets, plausible years."""

    def clean(self, value: Any) -> Any:
        moment = super().clean(value)
        if moment is None:
            return None
        offset = moment.utcoffset()
        if offset is not None and abs(offset) > timedelta(hours=14):
            raise DjangoValidationError("The UTC offset must be between -14:00 and +14:00.")
        if not 1900 <= moment.year <= 2200:
            raise DjangoValidationError("Give a year between 1900 and 2200.")
        return moment


class BoundedIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = BoundedIsoDateTimeField


class FilingFilter(StrictFilterSet):
    status = django_filters.ChoiceFilter(choices=Filing.Status.choices)
    created_after = BoundedIsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = BoundedIsoDateTimeFilter(field_name="created_at", lookup_expr="lt")
    submitted_after = BoundedIsoDateTimeFilter(field_name="submitted_at", lookup_expr="gte")
    submitted_before = BoundedIsoDateTimeFilter(field_name="submitted_at", lookup_expr="lt")

    class Meta:
        model = Filing
        fields = ["status"]


def located(what: str) -> OpenApiParameter:
    """The `Location` header of a 201: where the created resource is read."""
    return OpenApiParameter(
        "Location",
        OpenApiTypes.URI,
        OpenApiParameter.HEADER,
        response=[201],
        description=f"URL of {what}",
    )


def field_errors(description: str) -> OpenApiResponse:
    """A 400 with field-level errors, for operations whose 400 the schema cannot infer."""
    return OpenApiResponse(ValidationErrorResponseSerializer, description=description)


# Which status says what: docs/api-errors.md. 400 (a value wrong in itself, `attr` naming
# it), 401, 403 and 404 are documented per operation by drf-standardized-errors; 409 and
# 422 are declared here, 422 only where a request can be refused as a whole.
CONFLICT = client_error("Not allowed in the filing's current status; `detail` says why")
KEY_REUSED = "an `Idempotency-Key` used before for a different request"
ERRORS = {409: CONFLICT, 422: unprocessable(f"Refused as a whole: {KEY_REUSED}")}
EDIT_ERRORS = {409: CONFLICT}
SUBMISSION_ERRORS = {
    409: CONFLICT,
    422: unprocessable(
        "The draft is not complete: each missing (or no longer valid) field by `attr`; or "
        + KEY_REUSED
    ),
}
AMENDMENT_ERRORS = {
    409: CONFLICT,
    422: unprocessable(
        "The amended filing is not complete: a section in `changes` lacks a field it needs "
        "(`attr` `changes.<section>.<field>`); or " + KEY_REUSED
    ),
}


@extend_schema_view(
    list=extend_schema(
        summary="Your organisation's filings",
        description="Filter by status and by creation or submission time (ISO 8601).",
    ),
    retrieve=extend_schema(summary="One filing with its versions, receipts and documents"),
    create=extend_schema(
        summary="Start a draft filing",
        request=FilingContentSerializer(partial=True),
        responses={201: FilingSerializer, **ERRORS},
        parameters=[IDEMPOTENCY_PARAMETER, located("the new filing")],
        description="Any subset of the content; values given are checked now, completeness "
        "at submission.",
    ),
    update=extend_schema(
        summary="Replace the draft content",
        request=FilingContentSerializer,
        responses={200: FilingSerializer, **EDIT_ERRORS},
    ),
    partial_update=extend_schema(
        summary="Change sections of the draft",
        request=FilingContentSerializer,
        responses={200: FilingSerializer, **EDIT_ERRORS},
        description="Top-level sections given replace those in the draft.",
    ),
)
class FilingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsInvestor]
    filterset_class = FilingFilter
    lookup_value_regex = "[0-9a-f-]{36}"
    parser_classes = [JSONParser]

    def get_queryset(self) -> QuerySet[Filing]:
        if getattr(self, "swagger_fake_view", False):
            return Filing.objects.none()
        organisation = actor_for(self.request).organisation
        assert organisation is not None
        if self.action == "retrieve":
            return selectors.filing_with_history(organisation)
        return selectors.filings_of(organisation)

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        return FilingSummarySerializer if self.action == "list" else FilingSerializer

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        # The filters are the list's; get_object() of an action need not build them.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def _answer(self, filing: Filing) -> Response:
        organisation = actor_for(self.request).organisation
        assert organisation is not None
        filing = selectors.filing_with_history(organisation).get(pk=filing.pk)
        return Response(FilingSerializer(filing).data)

    # Every 201 says in `Location` where the created resource is. It is set inside the
    # idempotent view, so core/idempotency.py stores it with the answer and a replay has it.
    @idempotent
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        filing = services.create_draft(actor=actor_for(request), content=_body(request))
        response = self._answer(filing)
        response.status_code = status.HTTP_201_CREATED
        response["Location"] = reverse("filing-detail", kwargs={"pk": filing.pk}, request=request)
        return response

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        filing = services.update_draft(
            filing=self.get_object(),
            actor=actor_for(request),
            content=_body(request, required=not kwargs.get("partial", False)),
            replace=not kwargs.get("partial", False),
        )
        return self._answer(filing)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.update(request, *args, partial=True, **kwargs)

    @extend_schema(
        summary="Submit the draft",
        request=None,
        responses={201: SubmissionSerializer, **SUBMISSION_ERRORS},
        parameters=[IDEMPOTENCY_PARAMETER, located("version 1, `GET /filings/{id}/versions/1/`")],
        description="Checks the draft is complete, gives the filing its reference and version "
        "1, and returns the receipt. A retry with the same Idempotency-Key returns the same "
        "receipt.",
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def submit(self, request: Request, pk: str | None = None) -> Response:
        version = services.submit_filing(filing=self.get_object(), actor=actor_for(request))
        return self._submission(version)

    @extend_schema(
        summary="Amend a submitted filing (new version)",
        request=AmendmentSerializer,
        responses={201: SubmissionSerializer, **AMENDMENT_ERRORS},
        parameters=[IDEMPOTENCY_PARAMETER, located("the new version")],
        description="Each top-level section in `changes` replaces that section of the latest "
        "version; the result is checked in full. A value wrong in itself answers 400, a "
        "section lacking a field it needs 422, both with `attr` "
        "`changes.<section>.<field>` (docs/api-errors.md).",
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def amend(self, request: Request, pk: str | None = None) -> Response:
        body = AmendmentSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        version = services.amend_filing(
            filing=self.get_object(),
            actor=actor_for(request),
            changes=body.validated_data["changes"],
            reason=body.validated_data["reason"],
        )
        return self._submission(version)

    @extend_schema(
        summary="Withdraw the filing",
        request=WithdrawalSerializer,
        responses={200: FilingSerializer, **ERRORS},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        body = WithdrawalSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        filing = services.withdraw_filing(
            filing=self.get_object(),
            actor=actor_for(request),
            reason=body.validated_data["reason"],
        )
        return self._answer(filing)

    @extend_schema(
        summary="The submitted versions of the filing",
        description="Paginated, oldest first, without their content: each version in full "
        "is at `GET /filings/{id}/versions/{number}/`.",
        responses={200: VersionSummarySerializer(many=True)},
    )
    # The filing list's filters are not the versions'.
    @action(detail=True, methods=["get"], filter_backends=[])
    def versions(self, request: Request, pk: str | None = None) -> Response:
        page = self.paginate_queryset(selectors.version_summaries_of(self.get_object()))
        return self.get_paginated_response(VersionSummarySerializer(page, many=True).data)

    @extend_schema(
        summary="One submitted version in full",
        parameters=[
            OpenApiParameter(
                "number", int, OpenApiParameter.PATH, description="The version's number, from 1"
            )
        ],
        responses={200: VersionSerializer},
    )
    # At most 9 digits: a longer number is no version, and would overflow the column.
    @action(
        detail=True,
        methods=["get"],
        url_path=r"versions/(?P<number>[0-9]{1,9})",
        url_name="version",
    )
    def version(self, request: Request, pk: str | None = None, number: str = "") -> Response:
        version = get_object_or_404(selectors.versions_of(self.get_object()), number=number)
        return Response(VersionSerializer(version).data)

    def _submission(self, version: FilingVersion) -> Response:
        location = reverse(
            "filing-version",
            kwargs={"pk": version.filing_id, "number": version.number},
            request=self.request,
        )
        return Response(
            {
                "receipt": ReceiptSerializer(services.Receipt.of(version)).data,
                "filing": FilingSummarySerializer(version.filing).data,
            },
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )


class DocumentDeletionSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, help_text="Why it is deleted"
    )


# What "the type is checked" promises, and what it does not: docs/api-documents.md.
UPLOAD_DESCRIPTION = """\
The document's type is read from its **leading bytes** (the magic numbers of the format,
with the `filetype` library), never from its name or the declared content type. Accepted:
PDF, PNG, JPEG, TIFF, DOCX, XLSX, ODT, ODS. The rest of the file is **not parsed**: a file
that starts as a PDF is accepted as a PDF whatever follows its header, so this check says
what kind of file it claims to be, not that it is well-formed or harmless.

What protects readers instead: the document is stored and downloaded under its original
name with the extension of the detected type (`poly.html` holding a PDF becomes
`poly.pdf`; the name as uploaded stays in `original_name`), and every download is served
with the detected type, `Content-Disposition: attachment` and
`X-Content-Type-Options: nosniff`, so a browser saves it and never renders it.

An empty file or one of another type answers 400 with `attr` `file`; a document larger than
the limit answers 413; a withdrawn filing takes no documents (409)."""


@extend_schema_view(
    list=extend_schema(summary="Documents of a filing"),
    retrieve=extend_schema(summary="One document's metadata"),
)
class DocumentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsInvestor]
    serializer_class = DocumentSerializer
    parser_classes = [MultiPartParser]
    pagination_class = None
    filter_backends: list[Any] = []
    lookup_value_regex = "[0-9a-f-]{36}"

    def _filing(self) -> Filing:
        organisation = actor_for(self.request).organisation
        assert organisation is not None
        filings = selectors.filings_of(organisation)
        return _get_or_404(filings, self.kwargs["filing_pk"])

    def get_queryset(self) -> QuerySet[Document]:
        if getattr(self, "swagger_fake_view", False):
            return Document.objects.none()
        return selectors.documents_of(self._filing())

    @extend_schema(
        summary="Upload a document",
        description=UPLOAD_DESCRIPTION,
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={
            201: DocumentSerializer,
            409: CONFLICT,
            413: client_error("Larger than the document size limit"),
            422: ERRORS[422],
        },
        parameters=[IDEMPOTENCY_PARAMETER, located("the document's metadata")],
    )
    @idempotent
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = DocumentUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        document = services.add_document(
            filing=self._filing(),
            actor=actor_for(request),
            upload=body.validated_data["file"],
            kind=body.validated_data["kind"],
            description=body.validated_data.get("description", ""),
            confidential=body.validated_data["confidential"],
        )
        location = reverse(
            "filing-document-detail",
            kwargs={"filing_pk": document.filing_id, "pk": document.pk},
            request=request,
        )
        return Response(
            DocumentSerializer(document).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )

    @extend_schema(
        summary="Delete a document from a draft",
        description="Only a draft's documents can be deleted; a submitted or withdrawn "
        "filing answers 409 with the reason, and so does a document a submitted version "
        "lists. The deletion is audited (who, when, the document's name and hash, the "
        "reason given); the file leaves storage. A second delete answers 404.",
        parameters=[
            OpenApiParameter("reason", str, OpenApiParameter.QUERY, description="Why it is deleted")
        ],
        request=None,
        responses={
            204: None,
            400: field_errors("`reason` longer than 2000 characters (`attr` `reason`)"),
            404: client_error("No such document (or deleted already), or not your filing"),
            409: CONFLICT,
        },
    )
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        query = DocumentDeletionSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        services.delete_document(
            document=self.get_object(),
            actor=actor_for(request),
            reason=query.validated_data.get("reason", ""),
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Download a document",
        description="Served as the detected type under the document's `name`, always as "
        "an attachment with `X-Content-Type-Options: nosniff` (docs/api-documents.md).",
        responses={(200, "application/octet-stream"): bytes},
    )
    @action(detail=True, methods=["get"])
    def content(self, request: Request, *args: Any, **kwargs: Any) -> FileResponse:
        return download(self.get_object())


def _body(request: Request, *, required: bool = False) -> dict[str, Any]:
    # A new draft may start empty; replacing a draft's content needs the content (an
    # empty PUT would wipe the draft).
    if required and not request.body:
        raise serializers.ValidationError(
            {"non_field_errors": ["Send the draft's whole content as a JSON object."]}
        )
    if not isinstance(request.data, dict):
        raise serializers.ValidationError(
            {"non_field_errors": ["The body must be a JSON object of filing content."]}
        )
    # A section the content does not have is refused, as an amendment refuses it, rather
    # than dropped: a misspelt section name would otherwise vanish without a word.
    sections = FilingContentSerializer().fields
    unknown = sorted(name for name in request.data if name not in sections)
    if unknown:
        raise serializers.ValidationError(
            {
                name: [f"Unknown section; the filing content has: {', '.join(sections)}."]
                for name in unknown
            }
        )
    return request.data


def _get_or_404(queryset: QuerySet[Filing], pk: str) -> Filing:
    try:
        return queryset.get(pk=pk)
    except (Filing.DoesNotExist, DjangoValidationError) as error:
        raise Http404("No such filing.") from error
