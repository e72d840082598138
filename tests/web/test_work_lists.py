"""The queue's work lists, sortable columns, bulk assignment and CSV export (issue 17:
"queues per role", defect 4's second half: finished cases in the default view)."""

import csv
import io
import re

from core.models import AuditEntry
from tests.factories import complete_content
from tests.reviews.conftest import act, assign, make_staff


def references(client, query=""):
    """The case references the queue page lists (the links of its rows)."""
    page = client.get(f"/review/cases/?{query}").content.decode()
    return set(re.findall(r'/review/cases/[0-9a-f-]{36}/">([A-Z]{2}-\d{4}-\d{6})</a>', page))


def cases(investor, file, n):
    return [file(investor) for _ in range(n)]


def test_the_queue_opens_on_the_open_cases_and_all_cases_shows_the_finished(
    investor, file, verified
):
    running, withdrawn = cases(investor, file, 2)
    act(make_staff("senior_officer"), withdrawn, "withdraw", reason="The parties called it off")

    assert references(verified) == {running.reference}
    assert references(verified, "view=all") == {running.reference, withdrawn.reference}


def test_my_cases_are_the_open_cases_assigned_to_me(investor, file, db):
    mine, theirs = cases(investor, file, 2)
    officer = make_staff("case_officer", name="wl-officer")
    senior = make_staff("senior_officer")
    assign(senior, mine, "wl-officer")
    assign(senior, theirs, senior.user.username)

    assert references(officer, "view=mine") == {mine.reference}


def test_unassigned_lists_the_open_cases_nobody_has(investor, file, db):
    taken, free = cases(investor, file, 2)
    senior = make_staff("senior_officer", name="wl-senior")
    assign(senior, taken, "wl-senior")

    assert references(senior, "view=unassigned") == {free.reference}


def test_awaiting_my_approval_lists_others_proposals_not_my_own(investor, file, db):
    by_other, by_me = cases(investor, file, 2)
    senior, other = make_staff("senior_officer"), make_staff("senior_officer")
    for case, proposer in ((by_other, other), (by_me, senior)):
        act(proposer, case, "open_phase_1")
        act(proposer, case, "propose_decision", outcome="cleared", reasons="No risk found.")

    assert references(senior, "view=approval") == {by_other.reference}


def test_a_case_officer_has_no_approval_list(investor, file, db):
    officer = make_staff("case_officer")

    page = officer.get("/review/cases/").content.decode()

    assert "Awaiting my approval" not in page


def test_open_requests_lists_the_cases_waiting_for_an_answer(investor, file, db):
    asked, quiet = cases(investor, file, 2)
    senior = make_staff("senior_officer")
    act(senior, asked, "open_phase_1")
    act(senior, quiet, "open_phase_1")
    senior.post(
        f"/api/v1/cases/{asked.pk}/information-requests/",
        {"questions": ["Who appoints the board?"], "response_due": "2099-01-31"},
        format="json",
    )

    assert references(senior, "view=requests") == {asked.reference}


def test_the_api_takes_the_same_views(investor, file, db):
    mine, _ = cases(investor, file, 2)
    senior = make_staff("senior_officer", name="wl-api")
    assign(senior, mine, "wl-api")

    listed = senior.get("/api/v1/cases/?view=mine").json()["results"]

    assert [case["reference"] for case in listed] == [mine.reference]


def test_a_column_header_sorts_by_its_column_and_again_the_other_way(investor, file, verified):
    cases(investor, file, 1)

    page = verified.get("/review/cases/?ordering=risk_score").content.decode()

    # Sorted by risk ascending: the header says so and its link sorts descending.
    assert 'aria-sort="ascending"><a href="?ordering=-risk_score">Risk</a>' in page


def test_bulk_assign_assigns_each_ticked_case_and_audits_each(investor, file, db):
    first, second = cases(investor, file, 2)
    senior = make_staff("senior_officer", name="wl-bulk")
    make_staff("case_officer", name="wl-target")

    response = senior.post(
        "/review/cases/assign/",
        {"case": [str(first.pk), str(second.pk)], "assignee": "wl-target", "query": "view=open"},
        follow=True,
    )

    page = response.content.decode()
    assert f"Assigned to wl-target: {first.reference}, {second.reference}." in page
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.assignee.username, second.assignee.username) == ("wl-target", "wl-target")
    assert AuditEntry.objects.filter(action="case.assigned", actor="wl-bulk").count() == 2


def test_bulk_assign_names_each_case_it_could_not_assign_and_why(investor, file, db):
    running, withdrawn = cases(investor, file, 2)
    senior = make_staff("senior_officer", name="wl-bulk2")
    act(senior, withdrawn, "withdraw", reason="Called off")

    page = senior.post(
        "/review/cases/assign/",
        {"case": [str(running.pk), str(withdrawn.pk)], "assignee": "wl-bulk2"},
        follow=True,
    ).content.decode()

    assert f"Assigned to wl-bulk2: {running.reference}." in page
    assert f"Not assigned: {withdrawn.reference}: The case is no longer under review." in page


def test_a_case_officer_cannot_bulk_assign(investor, file, db):
    (case,) = cases(investor, file, 1)
    officer = make_staff("case_officer", name="wl-officer2")
    make_staff("case_officer", name="wl-officer3")

    page = officer.post(
        "/review/cases/assign/", {"case": [str(case.pk)], "assignee": "wl-officer3"}, follow=True
    ).content.decode()

    # An officer may take a case (reviews/assignment.py), not give it to someone else.
    assert "Only a senior officer assigns cases" in page
    case.refresh_from_db()
    assert case.assignee is None


def test_the_csv_holds_every_case_of_the_view(investor, file, verified):
    running, withdrawn = cases(investor, file, 2)
    act(make_staff("senior_officer"), withdrawn, "withdraw", reason="Called off")

    response = verified.get("/review/cases.csv?view=open")

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert response["Content-Type"] == "text/csv"
    assert rows[0][:3] == ["Reference", "Title", "Status"]
    assert [row[0] for row in rows[1:]] == [running.reference]


def test_a_name_a_spreadsheet_would_run_as_a_formula_is_exported_as_text(investor, file, verified):
    content = complete_content()
    content["investor"]["name"] = '=HYPERLINK("http://x.example")'
    file(investor, content)

    body = b"".join(verified.get("/review/cases.csv?view=all").streaming_content).decode()

    assert "'=HYPERLINK" in body
