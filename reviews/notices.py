"""Letters to the investor that the Regulation requires of the authority, sent by e-mail
to the filing's contact as an after-commit effect (core/effects.py: retried until the
mail server takes it, never lost, never sent twice) and kept on the case's record.

The completeness notice (Art. 4(10) of Regulation (EU) 2026/1386): without undue delay
once the filing is complete, which is when the authority opens the initial review; it
gives the day the 45-day initial review ends (docs/review.md §10).
"""

from __future__ import annotations

from typing import Any

from django.core.mail import send_mail

from core import effects
from core.actors import Actor
from core.models import AuditEntry
from core.pure.regulations import Regulation
from core.services import record_audit
from reviews import events
from reviews.models import Case, Phase

COMPLETENESS_NOTICE = "reviews.completeness_notice"
SYSTEM = Actor.system("letters to the investor")


def after_phase_1_opened(case: Case) -> None:
    """Record the notice of a filed case under 2026/1386, in the caller's transaction."""
    if case.regulation == Regulation.EU_2026_1386 and case.filing_id is not None:
        effects.record(COMPLETENESS_NOTICE, case_id=str(case.pk))


def completeness_letter(case: Case) -> tuple[str, str, str]:
    """Subject, body and address of the notice."""
    assert case.filing is not None
    contact = _contact(case)
    phase = case.phases.filter(kind=Phase.Kind.PHASE_1).order_by("started_on", "id").first()
    assert phase is not None
    subject = f"Filing {case.filing.reference} is complete: initial review until {phase.deadline}"
    body = (
        f"Dear {contact.get('name') or 'Sir or Madam'},\n\n"
        f"the filing {case.filing.reference} ({case.title}) is complete as of "
        f"{phase.started_on}. The authority's case reference is {case.reference}.\n\n"
        f"The initial review under Art. 4(2)(a) of Regulation (EU) 2026/1386 ends on "
        f"{phase.deadline}: by then the authority either decides or opens an in-depth "
        "investigation. A request for information stops the period until it is answered.\n\n"
        "Until the authority decides, the investment may not be completed where it needs "
        "prior authorisation (Art. 4(9)).\n"
    )
    return subject, body, str(contact.get("email") or "")


def _contact(case: Case) -> dict[str, Any]:
    """The filing's contact, to whom letters to the investor go."""
    return case.filed_content().get("contact") or {}


@effects.handler(COMPLETENESS_NOTICE)
def send_completeness_notice(*, case_id: str) -> None:
    """Send it once: a case whose record shows it sent is left alone."""
    case = Case.objects.select_related("filing").get(pk=case_id)
    sent = AuditEntry.objects.filter(
        object_type="reviews.case", object_id=str(case.pk), action=events.COMPLETENESS_NOTICE_SENT
    )
    if sent.exists():
        return
    subject, body, address = completeness_letter(case)
    if address:
        send_mail(subject, body, None, [address])
    record_audit(
        actor=SYSTEM,
        action=events.COMPLETENESS_NOTICE_SENT,
        obj=case,
        organisation=case.authority,
        after={"to": address or None, "subject": subject},
        reason="Art. 4(10) of Regulation (EU) 2026/1386",
    )


# --- other letters to the investor ---------------------------------------------------

INVESTOR_LETTER = "reviews.investor_letter"


def tell_investor(case: Case, *, key: str, subject: str, body: str) -> None:
    """A letter to the filing's contact, in the caller's transaction; sent once per
    `key` after the commit (e.g. Art. 11(4) of 2026/1386: the periods were extended)."""
    if case.filing_id is not None:
        effects.record(INVESTOR_LETTER, case_id=str(case.pk), key=key, subject=subject, body=body)


@effects.handler(INVESTOR_LETTER)
def send_investor_letter(*, case_id: str, key: str, subject: str, body: str) -> None:
    case = Case.objects.select_related("filing").get(pk=case_id)
    if AuditEntry.objects.filter(
        object_type="reviews.case",
        object_id=str(case.pk),
        action=events.INVESTOR_TOLD,
        after__key=key,
    ).exists():
        return
    address = str(_contact(case).get("email") or "")
    if address:
        send_mail(subject, body, None, [address])
    record_audit(
        actor=SYSTEM,
        action=events.INVESTOR_TOLD,
        obj=case,
        organisation=case.authority,
        after={"key": key, "to": address or None, "subject": subject},
    )
