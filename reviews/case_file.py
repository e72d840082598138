"""The case file as one PDF: summary, the filing in words, the ownership picture and
tables, triage, clock, requests, decisions and conditions, hearings, penalties, messages,
documents, notes and the timeline: what the authority files and a court would ask for
(docs/review.md §15). The page and the staff API both export it here; each export is on
the case's record, though it changes nothing, because it takes the file out of the system.
"""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from core.actors import Actor
from core.errors import Unavailable
from core.services import record_audit
from reviews import events, filing_words, page_extensions, phases, selectors
from reviews.case_reading import ownership_of
from reviews.models import Case
from screening.pure.sectors import SECTORS


def as_pdf(request: HttpRequest, actor: Actor, case: Case) -> HttpResponse:
    """The case file of `case` (read through `selectors.case_detail`) as a PDF download,
    its export audited; Unavailable where the node has no Pango."""
    ownership, drawing = ownership_of(case)
    version = case.latest_version()
    content = version.content if version is not None else {}
    context = {
        "case": case,
        "printed_at": timezone.localtime(),
        "printed_by": actor.label,
        "filing_sections": filing_words.filing(content) if content else [],
        "ownership": ownership,
        "picture": drawing,
        "phases": [(phase, phases.reading(phase)) for phase in case.phases.all()],
        "sector_labels": [SECTORS.get(code, code) for code in case.sectors],
        "case_documents": case.case_documents.all(),
        "documents": case.filing.documents.order_by("uploaded_at") if case.filing else [],
        "more": page_extensions.case_file_sections(case),
        "timeline": [(entry, events.in_words(entry.action)) for entry in selectors.timeline(case)],
    }
    html = render(request, "reviews/case_file.html", context).content.decode()
    pdf = case_file_pdf(html)
    with transaction.atomic():
        record_audit(
            actor=actor,
            action=events.CASE_FILE_EXPORTED,
            obj=case,
            organisation=case.authority,
            after={"bytes": len(pdf), "sha256": hashlib.sha256(pdf).hexdigest()},
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{case.reference}-case-file.pdf"'
    return response


def case_file_pdf(html: str) -> bytes:
    """HTML to PDF with WeasyPrint (its SVG included); imported here, so that a node
    without Pango still starts and only this export says what is missing."""
    try:
        from weasyprint import HTML
    except OSError as missing:  # Pango's library not installed
        raise Unavailable(
            f"The PDF export needs Pango (Debian: apt-get install libpango-1.0-0): {missing}"
        ) from missing
    return HTML(string=html).write_pdf()
