"""Resolution of a stored record: load its upstream structure, run the engine."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings

from core.codes import is_third_country
from ownership.loader import load_structure
from ownership.models import Party
from ownership.resolution import DEFAULT_BENEFICIAL_THRESHOLD, resolve


class UnknownRecord(LookupError):
    pass


def resolve_record(record_id: str, *, as_of: date) -> dict[str, Any]:
    if not Party.objects.filter(record_id=record_id).exists():
        raise UnknownRecord(record_id)
    return resolve(
        record_id,
        load_structure(record_id),
        as_of=as_of,
        is_third_country=is_third_country,
        beneficial_threshold=getattr(
            settings, "BENEFICIAL_OWNERSHIP_THRESHOLD", DEFAULT_BENEFICIAL_THRESHOLD
        ),
    )
