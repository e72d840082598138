"""Resolution API for authority staff: the same object `resolve_ownership --json` prints."""

from __future__ import annotations

from datetime import date

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.actors import actor_for
from core.models import Organisation
from ownership.services import UnknownRecord, resolve_record


class IsAuthorityStaff(BasePermission):
    """Signed-in staff of a screening authority; investors never browse the register."""

    message = "Ownership resolutions are for the screening authority's staff."

    def has_permission(self, request, view) -> bool:
        actor = actor_for(request)
        return (
            actor.user is not None
            and actor.organisation is not None
            and actor.organisation.kind == Organisation.Kind.AUTHORITY
        )


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
