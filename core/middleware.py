"""Refuse oversized request bodies early, in the API's error shape (413)."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

MULTIPART_OVERHEAD = 1024 * 1024


class BodySizeLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if (request.content_type or "").startswith("multipart/"):
            limit = settings.DOCUMENT_MAX_BYTES + MULTIPART_OVERHEAD
        else:
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if length > limit:
            return JsonResponse(
                {
                    "type": "client_error",
                    "errors": [
                        {
                            "code": "too_large",
                            "detail": f"The request body is {length} bytes; "
                            f"this endpoint accepts at most {limit} bytes.",
                            "attr": None,
                        }
                    ],
                },
                status=413,
            )
        return self.get_response(request)
