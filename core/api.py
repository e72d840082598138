"""Investor credentials: who am I, list, issue and revoke the organisation's API keys."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from core.actors import actor_for
from core.idempotency import IDEMPOTENCY_PARAMETER, idempotent
from core.models import ApiKey
from core.permissions import IsInvestor
from core.services import create_api_key, revoke_api_key


class TextOnlyField(serializers.CharField):
    """Text that must come as text: DRF's CharField turns a number into its digits (a
    key named "1.5161679535626864e+16"); here it is refused with 400, as the schema says."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class UploadSerializer(serializers.Serializer):
    """A multipart form's fields: each given once (a field sent twice would otherwise be
    read as its last value, silently)."""

    def to_internal_value(self, data: Any) -> Any:
        if hasattr(data, "getlist"):
            repeated = {key: ["Give it once."] for key in data if len(data.getlist(key)) > 1}
            if repeated:
                raise serializers.ValidationError(repeated)
        return super().to_internal_value(data)


class ApiKeySerializer(serializers.ModelSerializer):
    is_active = serializers.BooleanField(read_only=True)
    name = TextOnlyField(max_length=100, help_text="What the key is for, e.g. 'CI'")

    class Meta:
        model = ApiKey
        fields = [
            "id",
            "name",
            "prefix",
            "created_at",
            "created_by",
            "last_used_at",
            "revoked_at",
            "is_active",
        ]
        read_only_fields = [
            "id",
            "prefix",
            "created_at",
            "created_by",
            "last_used_at",
            "revoked_at",
            "is_active",
        ]


class IssuedKeySerializer(ApiKeySerializer):
    secret = serializers.CharField(
        read_only=True,
        allow_null=True,
        help_text=(
            "Shown once, in this answer only; store it now. The secret is never stored in "
            "readable form: a retry with the same Idempotency-Key replays this answer with "
            "`secret: null` (revoke that key and issue a new one if the first answer was lost)."
        ),
    )

    class Meta(ApiKeySerializer.Meta):
        fields = [*ApiKeySerializer.Meta.fields, "secret"]


class RevocationSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)


class WhoAmISerializer(serializers.Serializer):
    organisation = serializers.CharField()
    organisation_id = serializers.UUIDField()
    country = serializers.CharField()
    api_key = serializers.CharField()


class WhoAmIView(APIView):
    permission_classes = [IsInvestor]

    @extend_schema(
        summary="The organisation and key you are calling with", responses={200: WhoAmISerializer}
    )
    def get(self, request: Request) -> Response:
        actor = actor_for(request)
        assert actor.organisation is not None and actor.api_key is not None
        return Response(
            {
                "organisation": actor.organisation.name,
                "organisation_id": actor.organisation.id,
                "country": actor.organisation.country,
                "api_key": actor.api_key.prefix,
            }
        )


@extend_schema_view(
    list=extend_schema(summary="Your organisation's API keys (secrets are never shown again)"),
    retrieve=extend_schema(summary="One API key"),
)
class ApiKeyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsInvestor]
    serializer_class = ApiKeySerializer
    filter_backends: list[Any] = []
    lookup_value_regex = "[0-9a-f-]{36}"

    def get_queryset(self) -> QuerySet[ApiKey]:
        if getattr(self, "swagger_fake_view", False):
            return ApiKey.objects.none()
        return ApiKey.objects.filter(organisation=actor_for(self.request).organisation)

    @extend_schema(
        summary="Issue a new API key",
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={201: IssuedKeySerializer},
    )
    @idempotent(withhold=("secret",))
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = ApiKeySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        actor = actor_for(request)
        assert actor.organisation is not None
        issued = create_api_key(
            organisation=actor.organisation, name=body.validated_data["name"], actor=actor
        )
        data = IssuedKeySerializer(issued.key).data
        data["secret"] = issued.secret
        location = reverse("api-key-detail", kwargs={"pk": issued.key.pk}, request=request)
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": location})

    @extend_schema(
        summary="Revoke an API key",
        request=RevocationSerializer,
        responses={200: ApiKeySerializer},
    )
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, pk: str | None = None) -> Response:
        body = RevocationSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        key = revoke_api_key(
            key=self.get_object(),
            actor=actor_for(request),
            reason=body.validated_data.get("reason", ""),
        )
        return Response(ApiKeySerializer(key).data)
