"""Resolution API for authority staff: the same object `resolve_ownership --json` prints."""

from __future__ import annotations

from datetime import date

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.actors import actor_for
from core.permissions import IsAuthorityStaff
from ownership.models import ImportRun, MatchDecision, Party, WatchlistEntity
from ownership.services import UnknownRecord, queue_import, resolve_record
from ownership.watchlists import decide, match_candidates


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
