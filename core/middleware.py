"""The edge of every request: bodies we can read whole, API answers never cached, API
paths never redirected (docs/security.md).

- A body sent with `Transfer-Encoding: chunked` has no length; Django reads such a body
  as empty, so under gunicorn a chunked PATCH answered 200 having changed nothing. It is
  refused with 411 (send Content-Length) instead of accepted and lost.
- A body longer than the endpoint accepts is refused with 413 before anything reads it.
- Every `/api/` answer carries `Cache-Control: no-store`: filings and cases must not
  stay in a shared or browser cache.
- A form field holding U+0000 (NUL), which PostgreSQL cannot store, is refused with
  400 before a view or a service sees it (the API's serializers refuse it per field).
- Under `/api/` a missing trailing slash is not redirected (a redirected POST loses its
  body, and the redirect is not in the API's error shape): the 404 names the right path.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.common import CommonMiddleware

from core.views import API_PREFIX, error_answer

MULTIPART_OVERHEAD = 1024 * 1024


class RequestBodyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refusal = self._refusal(request)
        return refusal if refusal is not None else self.get_response(request)

    def _refusal(self, request: HttpRequest) -> HttpResponse | None:
        encoding = request.META.get("HTTP_TRANSFER_ENCODING", "").strip().lower()
        if encoding and encoding != "identity":
            return error_answer(
                request,
                411,
                "length_required",
                "Send the body with a Content-Length header; bodies sent with "
                f"Transfer-Encoding: {encoding} are not accepted.",
            )
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return error_answer(
                request, 400, "bad_length", "Content-Length must be a whole number of bytes."
            )
        if (request.content_type or "").startswith("multipart/"):
            limit = settings.DOCUMENT_MAX_BYTES + MULTIPART_OVERHEAD
        else:
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if length > limit:
            return error_answer(
                request,
                413,
                "too_large",
                f"The request body is {length} bytes; this endpoint accepts at most {limit} bytes.",
            )
        forms = ("application/x-www-form-urlencoded", "multipart/form-data")
        page_form = request.method == "POST" and not request.path.startswith(API_PREFIX)
        if page_form and request.content_type in forms:
            named = [
                name for name, values in request.POST.lists() if any("\x00" in v for v in values)
            ]
            if named:
                return error_answer(
                    request,
                    400,
                    "bad_character",
                    f"{', '.join(sorted(named))}: a NUL character (U+0000) cannot be stored; "
                    "remove it and send the form again.",
                )
        return None


class ApiAnswerMiddleware:
    """`Cache-Control: no-store` on every API answer, errors included."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(API_PREFIX):
            response["Cache-Control"] = "no-store"
        return response


class NoApiSlashRedirectMiddleware(CommonMiddleware):
    """Django's CommonMiddleware, less the slash redirect under /api/."""

    def should_redirect_with_slash(self, request: HttpRequest) -> bool:
        if request.path_info.startswith(API_PREFIX):
            return False
        return super().should_redirect_with_slash(request)
