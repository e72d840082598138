"""Domain errors and the one place they become HTTP answers.

Services raise these; the API answers every error in the shape of
drf-standardized-errors: `{"type": ..., "errors": [{"code", "detail", "attr"}]}`.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig
from drf_standardized_errors.handler import ExceptionHandler
from rest_framework import exceptions, status


class DomainError(exceptions.APIException):
    """A rule of the domain refused the request; subclasses pick the status."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"

    def __init__(self, detail: str, *, code: str | None = None) -> None:
        super().__init__(detail=detail, code=code or self.default_code)


class TransitionNotAllowed(DomainError):
    """The object is not in a state that allows this action (409)."""

    default_code = "transition_not_allowed"


class IdempotencyConflict(DomainError):
    default_code = "idempotency_conflict"


class Unprocessable(exceptions.ValidationError):
    """Well-formed input that cannot be acted on, with field-level reasons (422)."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"
    default_detail = "The request is larger than this server accepts."


class ProjectExceptionHandler(ExceptionHandler):
    def convert_known_exceptions(self, exc: Exception) -> Exception:
        if isinstance(exc, RequestDataTooBig):
            return PayloadTooLarge()
        return super().convert_known_exceptions(exc)

    def format_exception(self, exc: exceptions.APIException) -> dict[str, Any]:
        # A Django ValidationError raised without a code (form fields, filters) would
        # answer `"code": null`; every error in the shape has a code.
        data = super().format_exception(exc)
        for error in data.get("errors", []):
            if error.get("code") is None:
                error["code"] = "invalid"
        return data
