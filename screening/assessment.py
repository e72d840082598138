"""Resolve the ownership a filing declares: import its BODS statements, run the engine.

The statements are imported under the filing's own namespace (a filer's recordIds are
unique only in its own filing) and the investor's record is resolved as of the
submission date. A third-country state link or a declared-unknown owner raises a flag
the review shows (Art. 4(2)(a) of Regulation (EU) 2019/452).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from ownership.bods_import import import_statements
from ownership.pure import words
from ownership.services import UnknownRecord, resolve_record
from screening.models import FilingVersion, OwnershipAssessment
from screening.signals import ownership_assessed

SWEEP_AFTER = timedelta(minutes=10)


def namespace_of(version: FilingVersion) -> str:
    return f"filing:{version.filing_id}"


def open_assessment(version: FilingVersion) -> OwnershipAssessment:
    """Called in the submitting transaction: the assessment exists before any task runs."""
    return OwnershipAssessment.objects.create(
        version=version, as_of=timezone.localtime(version.submitted_at).date()
    )


def assess(assessment_id: int) -> OwnershipAssessment:
    """Compute an assessment; safe to run twice (a done one is left as it is)."""
    with transaction.atomic():
        assessment = (
            OwnershipAssessment.objects.select_for_update()
            .select_related("version__filing")
            .get(pk=assessment_id)
        )
        if assessment.status == OwnershipAssessment.Status.DONE:
            return assessment
        version = assessment.version
        namespace = namespace_of(version)
        statements = version.content.get("ownership_statements", [])
        import_statements(
            enumerate(statements, 1), source=version.receipt_reference, namespace=namespace
        )
        investor = version.content.get("investor", {}).get("bods_record_id")
        if not investor:
            assessment.status = OwnershipAssessment.Status.FAILED
            assessment.error = "The filing links no BODS record to the investor."
        else:
            try:
                result = resolve_record(f"{namespace}/{investor}", as_of=assessment.as_of)
            except UnknownRecord:
                assessment.status = OwnershipAssessment.Status.FAILED
                assessment.error = f"The investor's record {investor!r} is not in the filing."
            else:
                assessment.result = _without_namespace(result, namespace)
                assessment.flags = flags_of(assessment.result)
                assessment.status = OwnershipAssessment.Status.DONE
        assessment.computed_at = timezone.now()
        assessment.save()
        if assessment.status == OwnershipAssessment.Status.DONE:
            done = assessment
            transaction.on_commit(
                lambda: ownership_assessed.send(sender=OwnershipAssessment, assessment=done)
            )
    return assessment


def record_failure(assessment_id: int, error: Exception) -> None:
    """After the last retry: `failed` with the reason, so the sweep stops re-queuing it and
    the review shows that the ownership could not be resolved."""
    OwnershipAssessment.objects.filter(
        pk=assessment_id, status=OwnershipAssessment.Status.PENDING
    ).update(
        status=OwnershipAssessment.Status.FAILED,
        error=f"{type(error).__name__}: {error}"[:2000],
        computed_at=timezone.now(),
    )


def flags_of(result: dict[str, Any]) -> list[dict[str, str]]:
    flags = []
    for link in result["state_links"]:
        if link["third_country"]:
            flags.append(
                {
                    "code": "third_country_state_link",
                    "detail": f"State of {link['country']}: " + "; ".join(link["basis"]),
                }
            )
    for unknown in result["unknowns"]:
        share = unknown["ownership"]  # None: declared, with no share known
        held = words.percent(share["min"], share["max"]) if share else "no share stated"
        flags.append(
            {
                "code": "declared_unknown_owner",
                "detail": f"{unknown['name']} ({unknown['reason']}): {held}",
            }
        )
    return flags


def stale_assessments() -> list[int]:
    """Pending assessments whose task seems lost (broker restart, worker crash)."""
    cutoff = timezone.now() - SWEEP_AFTER
    return list(
        OwnershipAssessment.objects.filter(
            status=OwnershipAssessment.Status.PENDING, created_at__lt=cutoff
        ).values_list("pk", flat=True)
    )


def _without_namespace(value: Any, namespace: str) -> Any:
    """The filer's own record ids, as in the filing, in what reviewers read."""
    prefix = f"{namespace}/"
    if isinstance(value, str):
        return value.replace(prefix, "")
    if isinstance(value, list):
        return [_without_namespace(item, namespace) for item in value]
    if isinstance(value, dict):
        return {key: _without_namespace(item, namespace) for key, item in value.items()}
    return value
