"""Error bodies for the OpenAPI schema that drf-standardized-errors does not infer itself.

It documents 400, 401, 403, 404 and the like per operation; 409, 413 and 422 are ours
(domain rules, size limits, submission checks), so operations declare them with these.
"""

from drf_spectacular.utils import OpenApiResponse
from drf_standardized_errors.openapi_serializers import (
    ClientErrorEnum,
    ValidationErrorResponseSerializer,
)
from rest_framework import serializers


class ClientErrorSerializer(serializers.Serializer):
    code = serializers.CharField()
    detail = serializers.CharField()
    attr = serializers.CharField(allow_null=True)


class ClientErrorResponseSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=ClientErrorEnum.choices)
    errors = ClientErrorSerializer(many=True)  # type: ignore[assignment]  # the wire field name


def client_error(description: str) -> OpenApiResponse:
    return OpenApiResponse(ClientErrorResponseSerializer, description=description)


def unprocessable(description: str) -> OpenApiResponse:
    return OpenApiResponse(ValidationErrorResponseSerializer, description=description)
