"""Which EU regulation governs a screening that starts today (docs/deadlines.md §3).

The day Regulation (EU) 2026/1386 applies from is node configuration
(`EU_2026_1386_APPLIES_FROM`), so tests and demos can move it. Filings read it to know
which content a submission must carry; cases read it to fix their regulation when
they open.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings

from core.pure import regulations


def applies_from() -> date:
    return date.fromisoformat(str(settings.EU_2026_1386_APPLIES_FROM))


def choose_regulation(*, opened_on: date, completed_on: date | None) -> regulations.Choice:
    return regulations.applicable(
        screening_starts_on=opened_on, completed_on=completed_on, applies_from=applies_from()
    )
