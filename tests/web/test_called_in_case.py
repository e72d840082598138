"""A case called in ex officio on its page (issue 17, defect 9), and the case file's own
documents: a called-in case has no filing, so its requests go by letter or e-mail and
what comes back is added by the officers."""

import pytest

from core.models import AuditEntry
from reviews.models import Case, CaseDocument
from tests.reviews.conftest import act, make_staff

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def called_in(db):
    """A senior officer and the case they called in, in phase 1."""
    senior = make_staff("senior_officer", "case_officer", name="ci-senior")
    response = senior.post(
        "/api/v1/cases/",
        {
            "title": "Late find",
            "investor_name": "Far Holdings",
            "investor_country": "CN",
            "target_name": "Chip GmbH",
            "target_country": "DE",
            "grounds": "Found in the press.",
            "completed_on": "2026-10-01",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    case = Case.objects.get(pk=response.json()["id"])
    act(senior, case, "open_phase_1")
    return senior, case


def page(client, case):
    return client.get(f"/review/cases/{case.pk}/").content.decode()


def ask(senior, case, **more):
    return senior.post(
        f"/review/cases/{case.pk}/act/",
        {
            "action": "request_information",
            "questions": "Who owns Far Holdings?",
            "response_due": "2099-01-31",
            **more,
        },
        follow=True,
    )


def test_the_page_says_there_is_no_filing_rather_than_that_ownership_comes_later(called_in):
    senior, case = called_in

    shown = page(senior, case)

    assert "Called in ex officio: there is no filing" in shown
    assert "computed from the filing" not in shown


def test_a_request_on_a_called_in_case_asks_to_whom_it_goes(called_in):
    senior, case = called_in

    response = ask(senior, case)

    assert response.status_code == 400
    assert "This case has no filer in the system: say to whom the questions go" in (
        response.content.decode()
    )


def test_a_request_sent_by_letter_stops_the_clock_and_its_answer_restarts_it(called_in):
    senior, case = called_in
    ask(senior, case, recipient="Far Holdings Ltd, 1 Harbour Road, Hong Kong")
    stopped = Case.objects.get(pk=case.pk).deadline

    shown = senior.post(
        f"/review/cases/{case.pk}/act/",
        {"action": "record_answer", "request": "1", "text": "Owned by Mr Tan (letter of 2 Dec)."},
        follow=True,
    ).content.decode()

    assert stopped is None  # the clock stood still while the letter was out
    assert "Answer to request 1 recorded; the clock runs again." in shown
    assert Case.objects.get(pk=case.pk).deadline is not None
    request = case.information_requests.get()
    assert (request.status, request.answers[0]["text"]) == (
        "answered",
        "Owned by Mr Tan (letter of 2 Dec).",
    )


def test_an_officer_adds_a_document_to_the_case_file(called_in, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    senior, case = called_in
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(PDF)

    with letter.open("rb") as file:
        shown = senior.post(
            f"/review/cases/{case.pk}/act/",
            {"action": "add_case_document", "kind": "correspondence", "file": file},
            follow=True,
        ).content.decode()

    document = CaseDocument.objects.get(case=case)
    assert "letter.pdf added to the case file." in shown
    assert f'href="/review/case-documents/{document.pk}/">letter.pdf</a> (Correspondence' in shown
    downloaded = senior.get(f"/review/case-documents/{document.pk}/")
    assert b"".join(downloaded.streaming_content) == PDF
    assert AuditEntry.objects.filter(action="case.document_added").count() == 1


def test_a_file_of_another_type_is_refused_beside_the_file_field(called_in, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    senior, case = called_in
    script = tmp_path / "notes.pdf"
    script.write_bytes(b"#!/bin/sh\necho hello\n")

    with script.open("rb") as file:
        response = senior.post(
            f"/review/cases/{case.pk}/act/",
            {"action": "add_case_document", "kind": "evidence", "file": file},
        )

    assert response.status_code == 400
    assert 'id="f-add_case_document-file-error"' in response.content.decode()
    assert not CaseDocument.objects.exists()
