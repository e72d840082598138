"""The cooperation app listening to the review (reviews never imports cooperation)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from cooperation import services
from reviews.models import Case
from reviews.signals import case_transitioned
from reviews.workflow import COMPLETENESS_CHECK, DECIDED, PHASE_1, RECEIVED


@receiver(case_transitioned)
def follow_case(sender: Any, case: Case, before: str, after: str, **kwargs: Any) -> None:
    if after == PHASE_1 and before in (RECEIVED, COMPLETENESS_CHECK):
        services.prepare_notification(case)
    elif after == DECIDED:
        services.notify_final_decision(case)
