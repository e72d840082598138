"""Ownership API for authority staff: the resolution (the same object `resolve_ownership
--json` prints), BODS imports, watch-list matches and name screening (as `match_names`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.actors import actor_for
from core.errors import Invalid, Unprocessable
from core.openapi import client_error, unprocessable
from core.parsers import JSONParser
from core.permissions import IsAuthorityStaff
from core.pure import jsonbody
from ownership.models import ImportRun, MatchDecision, Party, WatchlistEntity
from ownership.name_search import SCHEMAS, read_query
from ownership.services import UnknownRecord, queue_import, resolve_record
from ownership.watchlists import decide, match_candidates, match_names

MAX_NAMES = 500  # names screened in one request; more go through `manage.py match_names`


class AsOfSerializer(serializers.Serializer):
    as_of = serializers.DateField(required=False, help_text="YYYY-MM-DD; default today")


class ResolutionView(APIView):
    permission_classes = [IsAuthorityStaff]

    @extend_schema(
        summary="Who ultimately owns and controls a party, as of a date",
        parameters=[OpenApiParameter("as_of", OpenApiTypes.DATE, description="default today")],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request, record_id: str) -> Response:
        query = AsOfSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        as_of = query.validated_data.get("as_of") or date.today()
        try:
            return Response(resolve_record(record_id, as_of=as_of))
        except UnknownRecord as error:
            raise Http404("No party with this recordId.") from error


class ImportRunSerializer(serializers.ModelSerializer):
    problem_count = serializers.SerializerMethodField()

    class Meta:
        model = ImportRun
        fields = [
            "id",
            "source",
            "status",
            "error",
            "started_at",
            "finished_at",
            "read",
            "applied",
            "skipped",
            "problem_count",
            "problems",
        ]
        read_only_fields = fields

    def get_problem_count(self, run: ImportRun) -> int:
        return len(run.problems)


class UploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="BODS 0.4: JSON array, JSON Lines, or gzip of either")


class ImportListView(APIView):
    permission_classes = [IsAuthorityStaff]
    parser_classes = [MultiPartParser]

    @extend_schema(
        summary="Upload BODS statements to import (runs in the background)",
        request={"multipart/form-data": UploadSerializer},
        responses={202: ImportRunSerializer},
    )
    def post(self, request: Request) -> Response:
        body = UploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        run = queue_import(upload=body.validated_data["file"], actor=actor_for(request))
        return Response(ImportRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)


class ImportDetailView(APIView):
    permission_classes = [IsAuthorityStaff]

    @extend_schema(summary="Progress of an import", responses={200: ImportRunSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(ImportRunSerializer(get_object_or_404(ImportRun, pk=pk)).data)


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=MatchDecision.Decision.choices)
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class MatchListView(APIView):
    permission_classes = [IsAuthorityStaff]

    @extend_schema(
        summary="Watch-list candidates for a party, scored, with reasons and decisions",
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request, record_id: str) -> Response:
        party = get_object_or_404(Party.objects.current(), record_id=record_id)
        return Response({"record_id": record_id, "candidates": match_candidates(party)})


class MatchDecisionView(APIView):
    permission_classes = [IsAuthorityStaff]

    @extend_schema(
        summary="Confirm or reject a watch-list match (remembered and audited)",
        request=DecisionSerializer,
        responses={200: OpenApiTypes.OBJECT},
    )
    def post(self, request: Request, record_id: str, entity_id: str) -> Response:
        party = get_object_or_404(Party.objects.current(), record_id=record_id)
        entity = get_object_or_404(WatchlistEntity, entity_id=entity_id)
        body = DecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        record = decide(
            party=party,
            entity=entity,
            decision=body.validated_data["decision"],
            actor=actor_for(request),
            reason=body.validated_data.get("reason", ""),
        )
        return Response(
            {
                "record_id": record_id,
                "entity_id": entity_id,
                "decision": record.decision,
                "decided_by": record.decided_by,
            }
        )


# --- name screening ------------------------------------------------------------------------


class JSONLinesParser(BaseParser):
    """JSON lines (`application/x-ndjson`): one JSON value a line, read as a list."""

    media_type = "application/x-ndjson"

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        data = stream.read() if stream is not None else b""
        items = []
        for number, line in enumerate(data.splitlines(), 1):
            if not line.strip():
                continue
            try:
                items.append(jsonbody.loads(line))
            except jsonbody.JsonBodyError as error:
                raise ParseError(f"Line {number}: {error}") from None
        return items


@extend_schema_field(
    {"oneOf": [{"type": "string", "minLength": 1, "maxLength": 300}, {"type": "integer"}]}
)
class QueryIdField(serializers.Field):
    """A name's id as the caller gave it: a string or an integer."""


class IdentifierDocument(serializers.Serializer):
    scheme = serializers.CharField(
        min_length=1, help_text="lei, ogrn, inn, imo, isin, bic, uscc, or a register's code"
    )
    value = serializers.CharField(min_length=1)


class NameQueryDocument(serializers.Serializer):
    """One name to screen. Describes the body for the schema; `name_search.read_query`
    checks it (for the command too). Other keys are ignored."""

    id = QueryIdField(help_text="yours: returned with the candidates")
    name = serializers.CharField(min_length=1, max_length=1000)
    schema = serializers.ChoiceField(choices=SCHEMAS)
    country = serializers.CharField(required=False, allow_null=True, help_text="ISO 3166-1 alpha-2")
    birth_date = serializers.RegexField(
        r"^\d{4}(-\d{2}(-\d{2})?)?$",
        required=False,
        allow_null=True,
        help_text="YYYY-MM-DD, YYYY-MM or YYYY",
    )
    identifiers = IdentifierDocument(many=True, required=False, allow_null=True)


class CandidateDocument(serializers.Serializer):
    entity_id = serializers.CharField()
    name = serializers.CharField(help_text="the listed name that matched best")
    score = serializers.FloatField(help_text="0-100")
    topics = serializers.ListField(child=serializers.CharField())
    reasons = serializers.ListField(child=serializers.CharField())


class ScreenedNameDocument(serializers.Serializer):
    id = QueryIdField()
    candidates = CandidateDocument(many=True, help_text="best first")


class NameScreeningView(APIView):
    permission_classes = [IsAuthorityStaff]
    parser_classes = [JSONParser, JSONLinesParser]

    @extend_schema(
        summary="Screen names against the watch lists (as `manage.py match_names`)",
        description=(
            f"A JSON array of up to {MAX_NAMES} names (or the same as JSON lines, "
            "`Content-Type: application/x-ndjson`). Answers, in the same order, each name's "
            "candidates at or above the node's threshold, best first."
        ),
        request={
            "application/json": serializers.ListSerializer(
                child=NameQueryDocument(), max_length=MAX_NAMES
            )
        },
        responses={
            200: ScreenedNameDocument(many=True),
            422: unprocessable(f"More than {MAX_NAMES} names"),
            400: client_error("Not a list of names, or a name with a field wrong (`attr`)"),
        },
    )
    def post(self, request: Request) -> Response:
        items = request.data
        if not isinstance(items, list):
            raise Invalid("Send a JSON array of names (or JSON lines).")
        if len(items) > MAX_NAMES:
            raise Unprocessable(
                f"{len(items)} names: at most {MAX_NAMES} a request; "
                "screen more with `manage.py match_names`.",
                code="too_many_names",
            )
        queries, errors = [], {}
        for index, item in enumerate(items):
            try:
                queries.append(read_query(item))
            except Invalid as error:
                errors.update({f"{index}.{field}": words for field, words in error.detail.items()})
        if errors:
            raise Invalid(errors)
        return Response(match_names(queries))
