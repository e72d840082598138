"""The reviews app listening to filing events (screening never imports reviews)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from reviews import services
from reviews.models import Case
from reviews.workflow import UNDER_REVIEW
from screening.models import Filing, FilingVersion, OwnershipAssessment
from screening.signals import filing_amended, filing_submitted, filing_withdrawn, ownership_assessed


@receiver(filing_submitted)
def open_case(sender: Any, filing: Filing, version: FilingVersion, **kwargs: Any) -> None:
    services.open_case_for_filing(filing=filing, version=version)


@receiver(filing_amended)
def retriage_amended(sender: Any, filing: Filing, version: FilingVersion, **kwargs: Any) -> None:
    case = Case.objects.filter(filing=filing).first()
    if case is not None:
        services.retriage(case=case, version=version)


@receiver(ownership_assessed)
def retriage_assessed(sender: Any, assessment: OwnershipAssessment, **kwargs: Any) -> None:
    version = assessment.version
    case = Case.objects.filter(filing=version.filing_id).first()
    if case is None or version.number != version.filing.version_count:
        return  # a newer version is on its way and will be assessed in turn
    services.retriage(case=case, version=version)


@receiver(filing_withdrawn)
def withdraw_case(sender: Any, filing: Filing, **kwargs: Any) -> None:
    case = Case.objects.filter(filing=filing).first()
    if case is not None and case.status in UNDER_REVIEW:
        services.withdraw_case(
            case=case,
            actor=services.SYSTEM,
            reason=f"The investor withdrew the filing: {filing.withdrawal_reason}",
        )


def open_missing_cases() -> int:
    opened = 0
    for filing in Filing.objects.filter(status=Filing.Status.SUBMITTED, case__isnull=True):
        version = filing.versions.order_by("-number").first()
        if version is not None:
            services.open_case_for_filing(filing=filing, version=version)
            opened += 1
    return opened
