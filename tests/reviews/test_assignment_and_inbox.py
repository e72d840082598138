"""Who may assign whom, each officer's queue, the seniors' view of workload, the inbox."""

from datetime import date

from reviews.deadline_watch import watch_deadlines
from reviews.models import InboxItem
from tests.factories import error_attrs
from tests.reviews.conftest import assign, make_staff


def test_an_officer_may_take_an_unassigned_case(filed, officer):
    _, case = filed

    response = assign(officer, case, "officer")

    assert (response.status_code, response.json()["assignee"]) == (200, "officer")


def test_an_officer_may_not_hand_a_case_to_someone_else(filed, officer, other_officer):
    _, case = filed

    assert assign(officer, case, "officer2").status_code == 403


def test_an_officer_may_not_take_a_case_already_assigned(filed, officer, other_officer, senior):
    _, case = filed
    assign(senior, case, "officer2")

    response = assign(officer, case, "officer")

    assert response.status_code == 409


def test_a_case_is_assigned_only_to_an_officer_of_the_authority(filed, senior):
    _, case = filed
    make_staff("contact_point", name="contact")

    response = assign(senior, case, "contact")

    assert response.status_code == 400
    assert "assignee" in error_attrs(response)


def test_seniors_see_the_workload_per_officer(filed, senior, officer):
    _, case = filed
    assign(senior, case, "officer")

    rows = senior.get("/api/v1/cases/workload/").json()

    assert rows == [{"assignee": "officer", "status": "received", "cases": 1}]


def test_officers_do_not_see_the_workload(officer):
    assert officer.get("/api/v1/cases/workload/").status_code == 403


def test_an_overdue_answer_lands_in_the_assignees_inbox(filed, senior, officer):
    _, case = filed
    assign(senior, case, "officer")
    officer.post(
        f"/api/v1/cases/{case.pk}/transition/", {"transition": "open_phase_1"}, format="json"
    )
    officer.post(
        f"/api/v1/cases/{case.pk}/information-requests/",
        {"questions": ["Who controls the fund?"], "response_due": "2099-01-31"},
        format="json",
    )

    watch_deadlines(on=date(2099, 2, 1))
    inbox = officer.get("/api/v1/inbox/").json()["results"]
    read = officer.post(f"/api/v1/inbox/{inbox[0]['id']}/read/")

    assert [item["subject"] for item in inbox if "Overdue answer" in item["subject"]] == [
        f"Overdue answer: {case.reference} request 1"
    ]
    assert read.json()["read_at"] is not None


def test_nobody_reads_another_persons_inbox(filed, senior, officer):
    _, case = filed
    item = InboxItem.objects.create(recipient=officer.user, case=case, key="k", subject="s")

    assert senior.post(f"/api/v1/inbox/{item.pk}/read/").status_code == 404
    # Still unread for the officer it belongs to.
    assert [i["read_at"] for i in officer.get("/api/v1/inbox/").json()["results"]] == [None]
