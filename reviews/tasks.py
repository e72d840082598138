"""Celery tasks of the reviews app: thin wrappers around the services, safe to run twice."""

from celery import shared_task

from reviews import opening, rescreening, services
from reviews.deadline_watch import watch_deadlines
from reviews.models import Case
from reviews.pure.workflow import UNDER_REVIEW
from screening.models import Filing, FilingVersion


@shared_task(acks_late=True)
def open_case(version_id: str) -> str:
    version = FilingVersion.objects.select_related("filing").get(pk=version_id)
    return opening.open_case_for_filing(filing=version.filing, version=version).reference


@shared_task(acks_late=True)
def retriage_case(version_id: str) -> None:
    version = FilingVersion.objects.select_related("filing").get(pk=version_id)
    case = Case.objects.filter(filing=version.filing).first()
    if case is None or version.number != version.filing.version_count:
        return  # no case yet (it is scored when it opens), or a newer version will follow
    opening.retriage(case=case, version=version)


@shared_task(acks_late=True)
def withdraw_case(filing_id: str) -> None:
    filing = Filing.objects.get(pk=filing_id)
    case = Case.objects.filter(filing=filing).first()
    if case is not None and case.status in UNDER_REVIEW:
        services.withdraw_case(
            case=case,
            actor=services.SYSTEM,
            reason=f"The investor withdrew the filing: {filing.withdrawal_reason}",
        )


@shared_task
def watch_deadlines_task() -> int:
    return watch_deadlines()


@shared_task
def open_missing_cases() -> int:
    """Cases for submitted filings whose opening task was lost (a crash, a broker restart),
    and the withdrawal of cases whose filing was withdrawn while that task was lost."""
    for case in Case.objects.filter(
        filing__status=Filing.Status.WITHDRAWN, status__in=UNDER_REVIEW
    ).select_related("filing"):
        withdraw_case(str(case.filing_id))
    opened = 0
    submitted = Filing.objects.filter(
        status__in=[Filing.Status.SUBMITTED, Filing.Status.WITHDRAWN],
        version_count__gt=0,
        case__isnull=True,
    )
    for filing in submitted:
        version = filing.versions.order_by("-number").first()
        if version is not None:
            opening.open_case_for_filing(filing=filing, version=version)
            opened += 1
    return opened


@shared_task(acks_late=True)
def rescreen_open_cases(import_id: int) -> int:
    """Match the open cases' ownership chains again after list import `import_id`."""
    return rescreening.rescreen(import_id).hits


@shared_task
def rescreen_missed_imports() -> int:
    """Re-screen after list imports whose re-screening task was lost."""
    missed = rescreening.missed_imports()
    for import_id in missed:
        rescreening.rescreen(import_id)
    return len(missed)
