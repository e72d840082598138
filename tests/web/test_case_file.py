"""The case file as one PDF (issue 17, 'case file export'): what an authority files and
a court would ask for, with the ownership picture in it."""

import io

from pypdf import PdfReader

from core.models import AuditEntry
from tests.reviews.conftest import act, make_staff


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def download(client, case):
    response = client.get(f"/review/cases/{case.pk}/case-file.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def test_the_case_file_is_a_pdf_named_after_the_case(verified, filed):
    _, case = filed

    response = verified.get(f"/review/cases/{case.pk}/case-file.pdf")

    assert response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"] == (
        f'attachment; filename="{case.reference}-case-file.pdf"'
    )


def test_the_case_file_holds_the_ownership_picture_with_its_parties(verified, filed):
    _, case = filed
    pages = PdfReader(io.BytesIO(download(verified, case))).pages

    # The factory's structure: Li Na owns 100 % of Far East Holdings, which acquires 30 %
    # of Zielwerk. The picture's text is the only place that says "acquires 30 %" (its
    # edge to the target); the page that draws it is the ownership section's.
    drawn = [page.extract_text() for page in pages if "acquires 30 %" in page.extract_text()]
    assert len(drawn) == 1
    assert "Ownership of the investor" in drawn[0]
    for label in ("Li Na", "Far East Holdings Ltd", "Zielwerk GmbH", "target · DE"):
        assert label in drawn[0]


def test_the_case_file_holds_the_filing_decisions_and_timeline(verified, filed):
    _, case = filed
    senior = make_staff("senior_officer", "case_officer")
    act(senior, case, "open_phase_1")
    act(senior, case, "propose_decision", outcome="cleared", reasons="No risk to security.")

    text = text_of(download(verified, case))

    for expected in (
        "Veto right: Veto over disposals",  # the filing, in words
        "Cleared · Proposed",  # the decision
        "No risk to security.",
        "Now: Phase 1 (review)",  # the timeline
    ):
        assert expected in text


def test_exporting_the_case_file_is_on_the_cases_record(verified, filed):
    _, case = filed

    download(verified, case)

    entry = AuditEntry.objects.get(action="case.file_exported")
    assert entry.object_id == str(case.pk)
