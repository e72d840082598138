"""The scope decision of Regulation (EU) 2026/1386 for a filing, with the node's rules:
its voting-rights threshold, its extensions of the scope and its register of designated
critical entities (the decision itself is `screening/pure/scope.py`; docs/scope.md)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from core.pure.codes import is_third_country
from screening.filing_content import national_extensions
from screening.models import DesignatedEntity
from screening.pure import scope


def decide(
    content: dict[str, Any], ownership: dict[str, Any] | None, *, on: date | None = None
) -> dict[str, Any]:
    """The decision as of `on` (default today): designations in force that day count."""
    day = on or timezone.localdate()
    return scope.decide(content, ownership, rules(day))


def rules(day: date) -> scope.Rules:
    in_force = DesignatedEntity.objects.filter(designated_on__lte=day).filter(
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day)
    )
    return scope.Rules(
        voting_threshold=Decimal(str(settings.SCOPE_VOTING_THRESHOLD)),
        national_extensions=national_extensions(),
        designated=[
            scope.Designation(
                name=entry.name,
                sector=entry.sector,
                lei=entry.lei,
                identifiers=tuple(
                    (str(i.get("scheme", "")), str(i.get("id", ""))) for i in entry.identifiers
                ),
                reference=entry.reference,
            )
            for entry in in_force
        ],
        is_third_country=lambda code: is_third_country(code, day),
    )
