"""The reviewer pages over the same services as the API (rendered by Django's client;
tests/e2e drives them in a real browser)."""

import re

from tests.reviews.conftest import make_staff
from tests.screening.test_documents import upload


def test_a_session_without_the_second_factor_goes_to_sign_in(client, db):
    staff = make_staff("case_officer", name="half-signed-in")
    client.force_login(staff.user)

    response = client.get("/review/cases/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_queue_lists_the_case(verified, filed):
    _, case = filed

    page = verified.get("/review/cases/?status=received").content.decode()

    assert case.reference in page


def test_an_action_on_the_case_page_changes_the_case(verified, filed):
    _, case = filed

    response = verified.post(
        f"/review/cases/{case.pk}/act/",
        {"action": "open_phase_1", "version": case.version, "confirm": "on"},
        follow=True,
    )

    assert "Open phase 1 (review): done." in response.content.decode()
    case.refresh_from_db()
    assert case.status == "phase_1"


def test_a_refused_action_says_why_on_the_page(verified, filed):
    _, case = filed

    response = verified.post(
        f"/review/cases/{case.pk}/act/",
        {"action": "open_phase_2", "reason": "Deeper look", "confirm": "on"},
        follow=True,
    )

    assert "is not possible: the case is received" in response.content.decode()


def test_the_dashboard_counts_the_new_case_by_its_status(verified, filed):
    page = verified.get("/review/").content.decode()

    assert "<h1>Dashboard</h1>" in page
    assert "Unread cross-state messages" in page
    # One case, received: the filing's.
    assert '<tr><td>Received</td><td class="num">1</td></tr>' in page


def test_pages_write_dates_as_iso_8601(verified, filed):
    import re

    page = verified.get("/review/").content.decode()

    assert re.search(r"Deadlines up to \d{4}-\d{2}-\d{2} \(10 working days\)", page)


def test_the_statistics_csv_counts_what_the_database_holds(verified, filed):
    import csv
    import io

    from django.utils import timezone

    from reviews.models import Case

    year = timezone.localdate().year
    response = verified.get(f"/review/statistics/?year={year}&download=csv")

    rows = {
        (r["section"], r["item"]): int(r["count"])
        for r in csv.DictReader(io.StringIO(response.content.decode()))
    }
    assert response["Content-Type"].startswith("text/csv")
    assert rows[("Filings and cases", "cases opened")] == Case.objects.count() == 1
    assert rows[("Countries of the acquiring investors", "CN")] == 1


def test_the_statistics_also_come_as_xlsx(verified, filed):
    import io

    from openpyxl import load_workbook

    response = verified.get("/review/statistics/?download=xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == ["section", "item", "count"]


def test_an_amendment_shows_what_it_changed(verified, filed, investor):
    filing_id, case = filed
    investor.post(
        f"/api/v1/filings/{filing_id}/amend/",
        {
            "changes": {"value": {"amount": "27000000.00", "currency": "EUR"}},
            "reason": "Price adjusted",
        },
        format="json",
    )

    page = verified.get(f"/review/cases/{case.pk}/").content.decode()

    assert "Version 2" in page and "Reason given: Price adjusted" in page
    # The value before (the factory's 25,000,000 EUR) and after, in words, side by side
    # (issue 17, defect 8: a raw JSON diff was shown).
    assert re.search(
        r'<th scope="row">Value</th><td class="removed">25,000,000 EUR</td>'
        r'<td class="added">27,000,000 EUR</td>',
        page,
    )
    assert "@@" not in page


def test_staff_download_a_filings_document(verified, filed, investor):
    filing_id, _ = filed
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    uploaded = upload(investor, filing_id, pdf, "spa.pdf", kind="transaction_agreement").json()

    got = verified.get(f"/review/documents/{uploaded['id']}/")

    assert got.status_code == 200
    assert b"".join(got.streaming_content) == pdf


def test_staff_download_a_polyglot_as_the_detected_type_never_rendered(verified, filed, investor):
    filing_id, _ = filed
    polyglot = b"%PDF-1.4\n%%EOF\n<html><script>alert(1)</script></html>"
    uploaded = upload(investor, filing_id, polyglot, "poly.html", kind="other").json()

    got = verified.get(f"/review/documents/{uploaded['id']}/")

    assert got["Content-Type"] == "application/pdf"
    assert got["Content-Disposition"] == 'attachment; filename="poly.pdf"'
    assert got["X-Content-Type-Options"] == "nosniff"


def test_the_queue_costs_the_same_queries_for_5_cases_as_for_30(verified, db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.actors import Actor
    from reviews import opening
    from reviews.models import Case
    from tests.reviews.conftest import make_staff

    senior = Actor.for_user(make_staff("senior_officer", name="bulk-senior").user)

    def call_in(count):
        for n in range(count):
            opening.call_in(
                actor=senior,
                title=f"Case {n}",
                investor_name="X",
                investor_country="CN",
                target_name="Y",
                target_country="DE",
                sectors=["technology.robotics"],
                grounds="Press reports.",
            )

    def queries():
        with CaptureQueriesContext(connection) as captured:
            page = verified.get("/review/cases/").content.decode()
        # Counted on a page that lists every case, not on an empty or an error page.
        assert all(ref in page for ref in Case.objects.values_list("reference", flat=True))
        return len(captured)

    call_in(5)
    few = queries()
    call_in(25)
    many = queries()

    assert Case.objects.count() == 30
    assert many == few
