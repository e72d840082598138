"""The node's review regime: phase lengths, the working-day calendar, when to warn.

Configured per node (`REVIEW_REGIME` in the settings, JSON in the environment); each
case keeps a copy of the regime it was opened under, so a later change of the
configuration does not move the deadlines of cases already running.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

import holidays
from django.conf import settings
from django.core.checks import Error, register

from reviews.pure.clock import PhaseRule, Unit, WorkingCalendar

# Germany, AWV sections 55-59: two months to open the in-depth examination, four months
# to decide; deadlines on a weekend or public holiday move to the next working day.
DEFAULT: dict[str, Any] = {
    "name": "Germany (AWV §§ 55-59)",
    "holidays": {"country": "DE", "subdivision": None},
    "phases": {
        "phase_1": {"length": 2, "unit": "months"},
        "phase_2": {"length": 4, "unit": "months"},
    },
    "roll_forward": True,
    "warning_working_days": 5,
}


def current() -> dict[str, Any]:
    configured = getattr(settings, "REVIEW_REGIME", None)
    return copy.deepcopy(configured or DEFAULT)


def rule(regime: dict[str, Any], phase: str) -> PhaseRule:
    spec = regime["phases"][phase]
    return PhaseRule(
        int(spec["length"]), Unit(spec["unit"]), bool(regime.get("roll_forward", True))
    )


def calendar(regime: dict[str, Any]) -> WorkingCalendar:
    place = regime.get("holidays") or {}
    return _calendar(place.get("country") or "", place.get("subdivision") or None)


@lru_cache(maxsize=16)
def _calendar(country: str, subdivision: str | None) -> WorkingCalendar:
    if not country:
        return WorkingCalendar()
    # Expands to any year asked for, so one object serves every deadline.
    return WorkingCalendar(holidays=holidays.country_holidays(country, subdiv=subdivision))


@register()
def check_regime(app_configs: Any, **kwargs: Any) -> list[Error]:
    """A misconfigured regime fails at start-up, not on the first case."""
    regime = current()
    try:
        for phase in ("phase_1", "phase_2"):
            rule(regime, phase)
        calendar(regime)
        int(regime.get("warning_working_days", 5))
    except (KeyError, ValueError, TypeError, NotImplementedError) as error:
        return [Error(f"REVIEW_REGIME is not usable: {error!r}", id="reviews.E001")]
    return []
