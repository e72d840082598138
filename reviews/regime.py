"""The node's review regime: phase lengths, the working-day calendar, when to warn, and
the lengths the member state sets under the EU regulations (hearing, own-initiative
review); and, at start-up, that the day Regulation (EU) 2026/1386 applies from is a date.

Configured per node (`REVIEW_REGIME` in the settings, JSON in the environment); each
case keeps a copy of the regime it was opened under, so a later change of the
configuration does not move the deadlines of cases already running. A case under
Regulation (EU) 2026/1386 takes its phase 1 from the Regulation (the 45-day initial
review of Art. 4(2)(a)), not from the national configuration.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

import holidays
from django.conf import settings
from django.core.checks import Error, register

from core.pure import regulations
from core.pure.regulations import National, Regulation
from core.regulation import applies_from
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
    # Lengths Regulation (EU) 2026/1386 leaves to the member state (docs/deadlines.md §2):
    # the answer to a hearing letter (Art. 4(14)); own-initiative review after completion
    # of an investment in scope without prior authorisation (Art. 4(4), 15 to 60 months)
    # and of a prior-authorisation investment not filed (Art. 4(5), at least 24 months):
    # AWV § 55(3) keeps five years for both.
    "national_periods": {
        "hearing": {"length": 14, "unit": "calendar_days"},
        "own_initiative": {"length": 60, "unit": "months"},
        "own_initiative_not_filed": {"length": 60, "unit": "months"},
    },
}


def current() -> dict[str, Any]:
    configured = getattr(settings, "REVIEW_REGIME", None)
    return copy.deepcopy(configured or DEFAULT)


def for_case(regulation: Regulation) -> dict[str, Any]:
    """The regime a new case keeps: the node's, with phase 1 from the Regulation where
    the Regulation fixes it (2026/1386 Art. 4(2)(a): 45 calendar days from the complete
    filing, counted by Regulation 1182/71)."""
    regime = current()
    if regulation is Regulation.EU_2026_1386:
        initial = regulations.find(regulation, "initial_review")
        regime["phases"]["phase_1"] = {
            "length": initial.length,
            "unit": initial.unit.value,
            "roll_forward": initial.roll_forward,
            "basis": initial.basis,
        }
    return regime


def rule(regime: dict[str, Any], phase: str) -> PhaseRule:
    spec = regime["phases"][phase]
    roll_forward = spec.get("roll_forward", regime.get("roll_forward", True))
    return PhaseRule(int(spec["length"]), Unit(spec["unit"]), bool(roll_forward))


def national(regime: dict[str, Any]) -> dict[str, National]:
    """The lengths the member state sets, as the periods engine reads them."""
    found = {}
    for phase in ("phase_1", "phase_2"):
        phase_rule = rule(regime, phase)
        found[phase] = National(phase_rule.length, phase_rule.unit, phase_rule.roll_forward)
    for key, spec in (regime.get("national_periods") or DEFAULT["national_periods"]).items():
        found[key] = National(
            int(spec["length"]), Unit(spec["unit"]), bool(spec.get("roll_forward", True))
        )
    return found


def node_calendar() -> WorkingCalendar:
    """The working days of the node's current configuration (the cooperation periods,
    which no case's own regime holds)."""
    return calendar(current())


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
        problems = regulations.national_problems(national(regime))
        applies_from()
    except (KeyError, ValueError, TypeError, NotImplementedError) as error:
        return [Error(f"REVIEW_REGIME is not usable: {error!r}", id="reviews.E001")]
    return [
        Error(f"REVIEW_REGIME sets a length the Regulation does not allow: {p}", id="reviews.E002")
        for p in problems
    ]
