"""`Idempotency-Key` for POST endpoints: a retried request does its work once.

The key is scoped to the caller's organisation. The stored answer is written in the same
transaction as the work, so after a crash a retry finds either the finished answer or
nothing at all. A second request with the same key waits on the row lock of the first
and then replays its answer. Reusing a key for a different request is refused (422).
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from drf_spectacular.utils import OpenApiParameter
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from core.actors import actor_for
from core.errors import IdempotencyConflict, Unprocessable
from core.models import IdempotentRequest

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255

IDEMPOTENCY_PARAMETER = OpenApiParameter(
    name=HEADER,
    location=OpenApiParameter.HEADER,
    required=False,
    type=str,
    description=(
        "Any unique string up to 255 characters. Retrying a POST with the same key returns "
        "the first answer (with header `Idempotent-Replayed: true`) instead of acting twice."
    ),
)


def _fingerprint(request: Request) -> str:
    digest = hashlib.sha256()
    digest.update(f"{request.method} {request.path}\n".encode())
    if request.content_type.startswith("multipart/"):
        # Hash the parsed fields and files: reading the raw body would hold a whole upload
        # in memory.
        for name, values in sorted(request.POST.lists()):
            digest.update(json.dumps([name, values]).encode())
        for name, upload in sorted(request.FILES.items()):
            digest.update(name.encode())
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
    else:
        digest.update(request.body)
    return digest.hexdigest()


def idempotent(view_method: Callable[..., Response]) -> Callable[..., Response]:
    @functools.wraps(view_method)
    def wrapper(self: Any, request: Request, *args: Any, **kwargs: Any) -> Response:
        key = request.headers.get(HEADER)
        if key is None:
            return view_method(self, request, *args, **kwargs)
        if not key.strip() or len(key) > MAX_KEY_LENGTH:
            raise Unprocessable(
                {HEADER: [f"Give a non-empty key of at most {MAX_KEY_LENGTH} characters."]}
            )
        organisation = actor_for(request).organisation
        assert organisation is not None, "idempotent endpoints need an organisation's actor"
        fingerprint = _fingerprint(request)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    record = IdempotentRequest.objects.create(
                        organisation=organisation,
                        key=key,
                        method=request.method or "",
                        path=request.path,
                        fingerprint=fingerprint,
                    )
            except IntegrityError:
                return _replay(organisation=organisation, key=key, fingerprint=fingerprint)
            response = view_method(self, request, *args, **kwargs)
            record.response_status = response.status_code
            record.response_body = json.loads(JSONRenderer().render(response.data) or b"null")
            record.save(update_fields=["response_status", "response_body"])
        return response

    return wrapper


def _replay(*, organisation: Any, key: str, fingerprint: str) -> Response:
    record = IdempotentRequest.objects.get(organisation=organisation, key=key)
    if record.fingerprint != fingerprint:
        raise Unprocessable(
            {HEADER: ["This key was already used for a different request; use a new key."]}
        )
    if record.response_status is None:  # pragma: no cover - the lock makes this rare
        raise IdempotencyConflict("A request with this key is still being processed.")
    response = Response(record.response_body, status=record.response_status)
    response["Idempotent-Replayed"] = "true"
    return response
