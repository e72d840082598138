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
import re
from collections.abc import Callable
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from core.actors import actor_for
from core.errors import IdempotencyConflict, Unprocessable
from core.models import IdempotentRequest

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255

# Visible ASCII without spaces: a UUID is a good key. Headers travel as Latin-1, so a
# narrower alphabet than "printable" avoids keys that differ only in how they were decoded.
KEY_PATTERN = re.compile(rf"[!-~]{{1,{MAX_KEY_LENGTH}}}")

IDEMPOTENCY_PARAMETER = OpenApiParameter(
    name=HEADER,
    location=OpenApiParameter.HEADER,
    required=False,
    type={"type": "string", "pattern": f"^{KEY_PATTERN.pattern}$", "maxLength": MAX_KEY_LENGTH},
    description=(
        "1 to 255 visible ASCII characters, no spaces (a UUID is a good key). Retrying a "
        "POST with the same key returns the first answer (with header "
        "`Idempotent-Replayed: true`) instead of acting twice. A key that breaks these "
        "rules answers 400; a key reused for a different request answers 422."
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


def idempotent(
    view_method: Callable[..., Response] | None = None, *, withhold: tuple[str, ...] = ()
) -> Any:
    """Make a POST view replay its first answer for a repeated Idempotency-Key.

    `withhold` names top-level fields of the answer that are never stored (a secret shown
    once): the replay carries them as null, and the first answer alone has them.
    """

    def decorate(view_method: Callable[..., Response]) -> Callable[..., Response]:
        @functools.wraps(view_method)
        def wrapper(self: Any, request: Request, *args: Any, **kwargs: Any) -> Response:
            return _run(view_method, withhold, self, request, *args, **kwargs)

        return wrapper

    return decorate(view_method) if view_method is not None else decorate


def _run(
    view_method: Callable[..., Response],
    withhold: tuple[str, ...],
    view: Any,
    request: Request,
    *args: Any,
    **kwargs: Any,
) -> Response:
    key = request.headers.get(HEADER)
    if key is None:
        return view_method(view, request, *args, **kwargs)
    if not KEY_PATTERN.fullmatch(key):
        raise ValidationError(
            {
                HEADER: [
                    f"Give a key of 1 to {MAX_KEY_LENGTH} visible ASCII characters without "
                    "spaces, e.g. a UUID."
                ]
            }
        )
    organisation = actor_for(request).organisation
    assert organisation is not None, "idempotent endpoints need an organisation's actor"
    fingerprint = _fingerprint(request)
    with transaction.atomic():
        record_id = _claim(
            organisation_id=organisation.pk,
            key=key,
            method=request.method or "",
            path=request.path,
            fingerprint=fingerprint,
        )
        if record_id is None:
            return _replay(organisation=organisation, key=key, fingerprint=fingerprint)
        response = view_method(view, request, *args, **kwargs)
        stored = json.loads(JSONRenderer().render(response.data) or b"null")
        if isinstance(stored, dict):
            stored.update({name: None for name in withhold if name in stored})
        IdempotentRequest.objects.filter(pk=record_id).update(
            response_status=response.status_code,
            response_body=stored,
            response_location=response.get("Location", ""),
        )
    return response


def _claim(
    *, organisation_id: Any, key: str, method: str, path: str, fingerprint: str
) -> int | None:
    """Insert the key's row and return its id, or None when the key is already taken.

    One statement instead of a savepoint and an insert that may fail. A concurrent request
    with the same key waits here until the first one commits (the unique index), then
    finds the key taken and replays the stored answer.
    """
    meta = IdempotentRequest._meta
    values = [
        meta.get_field("organisation").get_db_prep_value(organisation_id, connection),
        key,
        method,
        path,
        fingerprint,
        meta.get_field("created_at").get_db_prep_value(timezone.now(), connection),
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {meta.db_table} "  # noqa: S608 - the table name is ours
            "(organisation_id, key, method, path, fingerprint, created_at) "
            "VALUES (%s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (organisation_id, key) DO NOTHING RETURNING id",
            values,
        )
        row = cursor.fetchone()
    return row[0] if row else None


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
    if record.response_location:
        response["Location"] = record.response_location
    return response
