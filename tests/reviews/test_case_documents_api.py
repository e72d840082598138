"""The case file through the staff API: its own documents, added by the case's officer,
listed and downloaded by the authority's staff, and the whole file as PDF; refused with
the reason otherwise."""

import hashlib

from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import AuditEntry, Membership, Organisation
from tests.reviews.conftest import assign, make_staff

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload(client, case, content=PDF, name="letter.pdf", **fields):
    return client.post(
        f"/api/v1/cases/{case.pk}/documents/",
        {"file": SimpleUploadedFile(name, content), **fields},
        format="multipart",
    )


def test_the_assigned_officer_adds_a_document_and_staff_download_it(filed, officer, senior):
    _, case = filed
    assign(senior, case, "officer")

    response = upload(officer, case, kind="correspondence", description="Letter of 2 March")

    assert response.status_code == 201, response.json()
    added = response.json()
    assert (added["kind"], added["description"], added["media_type"]) == (
        "correspondence",
        "Letter of 2 March",
        "application/pdf",
    )
    assert added["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert response["Location"].endswith(f"/api/v1/cases/{case.pk}/documents/{added['id']}/")
    listed = senior.get(f"/api/v1/cases/{case.pk}/documents/").json()
    assert [d["id"] for d in listed] == [added["id"]]
    downloaded = senior.get(f"/api/v1/cases/{case.pk}/documents/{added['id']}/content/")
    assert downloaded["Content-Disposition"].startswith("attachment")
    assert b"".join(downloaded.streaming_content) == PDF
    # On the case's record: who added what.
    assert AuditEntry.objects.filter(action="case.document_added", actor=officer.user.username)


def test_a_file_that_is_not_a_document_is_refused_on_its_field(filed, senior):
    _, case = filed

    response = upload(senior, case, content=b"#!/bin/sh\nrm -rf /\n", name="run.pdf")

    assert response.status_code == 400
    assert [e["attr"] for e in response.json()["errors"]] == ["file"]


def test_a_document_over_the_limit_is_refused_with_413(filed, senior, settings):
    _, case = filed
    settings.DOCUMENT_MAX_BYTES = 20  # the PDF above is 49 bytes

    assert upload(senior, case).status_code == 413


def test_an_officer_the_case_is_not_assigned_to_may_not_add_one(filed, officer, other_officer):
    _, case = filed
    assign(make_staff("senior_officer"), case, "officer")

    response = upload(other_officer, case)

    assert response.status_code == 403
    assert officer.get(f"/api/v1/cases/{case.pk}/documents/").json() == []


def test_another_authoritys_staff_neither_see_nor_add_documents(filed, senior):
    _, case = filed
    upload(senior, case)
    stranger = make_staff("senior_officer")
    other = Organisation.objects.create(name="Other authority", kind="authority", country="FR")
    Membership.objects.filter(user=stranger.user).update(organisation=other)

    assert stranger.get(f"/api/v1/cases/{case.pk}/documents/").status_code == 404
    assert upload(stranger, case).status_code == 404


def test_an_investor_cannot_reach_the_case_file(filed, investor):
    _, case = filed

    assert investor.get(f"/api/v1/cases/{case.pk}/documents/").status_code == 403


def test_the_case_file_pdf_comes_from_the_api_and_its_export_is_recorded(filed, senior):
    _, case = filed

    response = senior.get(f"/api/v1/cases/{case.pk}/case-file/", HTTP_ACCEPT="application/pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"] == (
        f'attachment; filename="{case.reference}-case-file.pdf"'
    )
    assert (
        AuditEntry.objects.filter(action="case.file_exported", object_id=str(case.pk)).count() == 1
    )


def test_another_authoritys_staff_get_no_case_file(filed):
    _, case = filed
    stranger = make_staff("senior_officer")
    other = Organisation.objects.create(name="Other authority", kind="authority", country="FR")
    Membership.objects.filter(user=stranger.user).update(organisation=other)

    response = stranger.get(f"/api/v1/cases/{case.pk}/case-file/", HTTP_ACCEPT="application/pdf")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert not AuditEntry.objects.filter(action="case.file_exported").exists()
