"""Domain errors and the one place they become HTTP answers.

Services raise these (plain exceptions: no service imports DRF); the API answers every
error in the shape of drf-standardized-errors: `{"type": ..., "errors": [{"code",
"detail", "attr"}]}`, with the status `HTTP_STATUS` gives the error's kind.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig
from drf_standardized_errors.handler import ExceptionHandler
from rest_framework import exceptions, status


class DomainError(Exception):
    """A rule of the domain refused what was asked. Services raise these and know nothing
    of HTTP; the API maps each kind to a status once (`ProjectExceptionHandler`), the pages
    to a message once (`as_sentence`). A bare DomainError is a conflict with the state.

    `detail` is a sentence, or field paths and their messages (`{"stake.voting_after":
    ["..."]}`) for the kinds about input; `code` is the machine-readable reason.
    """

    default_code = "conflict"

    def __init__(self, detail: Any = "", *, code: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.code = code or self.default_code

    def __str__(self) -> str:
        if isinstance(self.detail, dict):
            return " ".join(
                f"{field}: {' '.join(map(str, words)) if isinstance(words, list) else words}"
                for field, words in self.detail.items()
            )
        return str(self.detail)


class NotAuthenticated(DomainError):
    """Who is asking could not be established (a signature that does not hold): 401."""

    default_code = "not_authenticated"


class Forbidden(DomainError):
    """This actor may not do this to this object (role, assignee, contact point): 403."""

    default_code = "permission_denied"


class NotFound(DomainError):
    """No such object, or none this actor may see: 404."""

    default_code = "not_found"


class TransitionNotAllowed(DomainError):
    """The object is not in a state that allows this action: 409."""

    default_code = "transition_not_allowed"


class IdempotencyConflict(DomainError):
    default_code = "idempotency_conflict"


class Invalid(DomainError):
    """A value wrong in itself, with field paths: 400."""

    default_code = "invalid"


class Unprocessable(Invalid):
    """Values each acceptable, but the request cannot be acted on as a whole: 422."""


class TooLarge(DomainError):
    """Larger than this node accepts (a document past the size limit): 413."""

    default_code = "too_large"


class Unavailable(DomainError):
    """This node cannot do it now through no fault of the caller (its configuration): 503."""

    default_code = "unavailable"


# The one place a domain error becomes an HTTP status (docs/api-errors.md); first match.
HTTP_STATUS: list[tuple[type[DomainError], int]] = [
    (NotAuthenticated, status.HTTP_401_UNAUTHORIZED),
    (Forbidden, status.HTTP_403_FORBIDDEN),
    (NotFound, status.HTTP_404_NOT_FOUND),
    (Unprocessable, status.HTTP_422_UNPROCESSABLE_ENTITY),
    (Invalid, status.HTTP_400_BAD_REQUEST),
    (TooLarge, status.HTTP_413_REQUEST_ENTITY_TOO_LARGE),
    (Unavailable, status.HTTP_503_SERVICE_UNAVAILABLE),
    (DomainError, status.HTTP_409_CONFLICT),
]


def http_status(error: DomainError) -> int:
    """The HTTP status of a domain error's kind (HTTP_STATUS; a bare one is a conflict)."""
    return next(code for kind, code in HTTP_STATUS if isinstance(error, kind))


def as_api_exception(error: DomainError) -> exceptions.APIException:
    answer = http_status(error)
    converted: exceptions.APIException
    if isinstance(error, Invalid) and isinstance(error.detail, dict | list):
        # Field paths keep their own codes (ErrorDetail) when they came from a serializer;
        # `type` is then validation_error. A refusal in words alone (a malformed message
        # from a peer) stays a client_error with no field (docs/api-errors.md).
        converted = exceptions.ValidationError(error.detail, code=error.code)
    else:
        converted = exceptions.APIException(detail=error.detail, code=error.code)
    converted.status_code = answer
    return converted


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"
    default_detail = "The request is larger than this server accepts."


class ProjectExceptionHandler(ExceptionHandler):
    def convert_known_exceptions(self, exc: Exception) -> Exception:
        if isinstance(exc, RequestDataTooBig):
            return PayloadTooLarge()
        if isinstance(exc, DomainError):
            return as_api_exception(exc)
        return super().convert_known_exceptions(exc)

    def format_exception(self, exc: exceptions.APIException) -> dict[str, Any]:
        # A Django ValidationError raised without a code (form fields, filters) would
        # answer `"code": null`; every error in the shape has a code.
        data = super().format_exception(exc)
        for error in data.get("errors", []):
            if error.get("code") is None:
                error["code"] = "invalid"
        return data
