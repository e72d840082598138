"""The database of Regulation (EU) 2026/1386 (Art. 18(6)-(8), docs/cooperation.md §14):
member states export their outcomes to the Commission's node, which keeps them and
answers queries for earlier prohibitions or breached measures; the answer reaches the
asking case's triage and its duty to notify."""

import pytest

from cooperation import mechanism
from cooperation.models import DatabaseRecord, Message
from cooperation.pure import database
from tests.cooperation.conftest import deliver_to_us, make_peer, on
from tests.factories import VALID_LEI
from tests.factories import grid_filing_2026 as grid_filing
from tests.reviews.conftest import act, make_staff

pytestmark = pytest.mark.django_db

NEW = "eu-2026-1386"


def started(investor, file, capture):
    """A filed 2026/1386 case whose review starts on 1 March 2028 (phase 1 opened)."""
    with on(3, 1), capture(execute=True):
        case = file(investor, grid_filing())
        senior = make_staff("senior_officer", "case_officer")
        act(senior, case, "open_phase_1")
    return case


# --- a member state exports and asks ------------------------------------------------


def test_a_decided_case_is_exported_in_the_art_18_7_fields(
    world, investor, file, django_capture_on_commit_callbacks
):
    case = started(investor, file, django_capture_on_commit_callbacks)
    with on(4, 3), django_capture_on_commit_callbacks(execute=True):
        proposer = make_staff("senior_officer", "case_officer")
        approver = make_staff("senior_officer", "case_officer")
        act(proposer, case, "propose_decision", outcome="cleared", reasons="No risk.")
        act(approver, case, "approve_decision")

    record = Message.objects.get(kind="database_record")
    assert (record.addressees, record.regulation) == (["EU"], NEW)
    assert (record.payload["outcome"], record.payload["decided_on"]) == (
        "authorisation",
        "2028-04-03",
    )
    parties = record.payload["parties"]
    assert (parties["investor"]["name"], parties["target"]["address"]) == (
        grid_filing()["investor"]["name"],
        "Am Netz 1, 10115 Berlin",
    )
    assert parties["affiliates"] == [{"name": "Huaxin France SAS", "country": "FR"}]


def test_the_review_starting_asks_the_database_about_the_investor(
    world, investor, file, django_capture_on_commit_callbacks
):
    case = started(investor, file, django_capture_on_commit_callbacks)

    asked = Message.objects.get(kind="database_query", case=case)
    assert asked.addressees == ["EU"]
    assert database.name_key(grid_filing()["investor"]["name"]) in asked.payload["keys"]


def test_the_answer_reaches_the_triage_and_the_duty_to_notify(
    client, world, investor, file, django_capture_on_commit_callbacks
):
    _, commission = world
    case = started(investor, file, django_capture_on_commit_callbacks)
    asked = Message.objects.get(kind="database_query", case=case)
    finding = {
        "member_state": "FR",
        "case_reference": "FR-2028-000003",
        "outcome": "prohibition",
        "outcome_note": "",
        "non_compliance": [],
    }
    with on(3, 2):
        response = deliver_to_us(
            client,
            commission,
            "database_answer",
            addressees=["DE"],
            regulation=NEW,
            case_reference=case.reference,
            in_reply_to=asked.message_id,
            payload={"findings": [finding]},
        )
    case.refresh_from_db()

    assert response.status_code == 201, response.content
    said = "FR FR-2028-000003: prohibition (the Commission's database)"
    assert any(said in reason["detail"] for reason in case.risk_reasons)
    [due] = mechanism.notification_duty(case)
    assert f"earlier measures (5(1)(c)): {said}" in due.duty.reasons


def test_only_the_commission_answers_for_the_database(client, world):
    france, _ = world
    response = deliver_to_us(client, france, "database_answer", addressees=["DE"], regulation=NEW)

    assert response.status_code == 403


# --- the Commission's node keeps and answers -----------------------------------------


@pytest.fixture
def commission_node(settings, db, node_key):
    settings.NODE_CODE = "EU"
    return make_peer("FR"), make_peer("IT")


def export_from(client, node, reference, outcome, *, lei=VALID_LEI, note="", breaches=()):
    response = deliver_to_us(
        client,
        node,
        "database_record",
        addressees=["EU"],
        regulation=NEW,
        case_reference=reference,
        payload={
            "outcome": outcome,
            "outcome_note": note,
            "decided_on": "2028-02-01",
            "parties": {
                "investor": {"name": "Huaxin Power Co., Ltd.", "country": "CN", "lei": lei},
                "target": {"name": "Réseau Ouest SA", "country": "FR"},
            },
            "commented_by": ["DE"],
            "commission_opinion": True,
            "non_compliance": list(breaches),
        },
    )
    assert response.status_code == 201, response.content


def ask(client, node, keys):
    response = deliver_to_us(
        client,
        node,
        "database_query",
        addressees=["EU"],
        regulation=NEW,
        case_reference="IT-2028-000009",
        payload={"keys": keys},
    )
    assert response.status_code == 201, response.content
    return Message.objects.get(kind="database_answer")


def test_the_commission_keeps_each_export(client, commission_node):
    france, _ = commission_node
    export_from(client, france, "FR-2028-000003", "prohibition")

    record = DatabaseRecord.objects.get()
    assert (record.member_state, record.case_reference, record.outcome) == (
        "FR",
        "FR-2028-000003",
        "prohibition",
    )
    assert (record.commented_by, record.commission_opinion) == (["DE"], True)


def test_a_later_export_of_the_same_case_replaces_it(client, commission_node):
    france, _ = commission_node
    export_from(client, france, "FR-2028-000003", "authorisation_with_measures")
    export_from(
        client,
        france,
        "FR-2028-000003",
        "authorisation_with_measures",
        breaches=["condition not met: keep the data in the Union"],
    )

    assert DatabaseRecord.objects.get().non_compliance == [
        "condition not met: keep the data in the Union"
    ]


def test_a_query_by_lei_finds_an_earlier_prohibition(client, commission_node):
    france, italy = commission_node
    export_from(client, france, "FR-2028-000003", "prohibition")

    answer = ask(client, italy, [f"lei:{VALID_LEI}"])

    assert answer.addressees == ["IT"]
    assert [(f["case_reference"], f["matched"]) for f in answer.payload["findings"]] == [
        ("FR-2028-000003", [f"lei:{VALID_LEI}"])
    ]


def test_a_query_by_name_ignores_case_accents_and_punctuation(client, commission_node):
    france, italy = commission_node
    export_from(client, france, "FR-2028-000003", "prohibition", lei="")

    answer = ask(client, italy, [database.name_key("HUAXIN POWER CO LTD")])

    assert len(answer.payload["findings"]) == 1


def test_an_authorisation_is_no_finding(client, commission_node):
    france, italy = commission_node
    export_from(client, france, "FR-2028-000003", "authorisation")

    answer = ask(client, italy, [f"lei:{VALID_LEI}"])

    assert answer.payload["findings"] == []


def test_an_unwinding_is_exported_as_other_and_says_why():
    assert database.OUTCOMES["unwinding_ordered"] == (
        "other",
        "unwinding ordered (Art. 18(7) has no outcome for it)",
    )


def test_the_contact_point_asks_again_from_the_case_page(
    world, investor, file, django_capture_on_commit_callbacks
):
    case = started(investor, file, django_capture_on_commit_callbacks)
    with on(3, 5):
        contact = make_staff("contact_point")
        page = contact.post(
            f"/review/cases/{case.pk}/cooperation/", {"action": "database_query"}, follow=True
        ).content.decode()

    assert "The Commission&#x27;s database was asked (EU)." in page
    assert Message.objects.filter(kind="database_query", case=case).count() == 2


def test_an_export_with_fields_in_the_wrong_shape_is_kept_without_them(client, commission_node):
    france, _ = commission_node
    response = deliver_to_us(
        client,
        france,
        "database_record",
        addressees=["EU"],
        regulation=NEW,
        case_reference="FR-2028-000004",
        payload={
            "outcome": "banned",
            "decided_on": "soon",
            "parties": ["not", "a", "mapping"],
            "non_compliance": "yes",
        },
    )

    assert response.status_code == 201, response.content
    record = DatabaseRecord.objects.get()
    assert (record.outcome, record.decided_on, record.parties, record.non_compliance) == (
        "other",
        None,
        {},
        [],
    )


def test_an_answer_in_the_wrong_shape_leaves_the_case_page_working(
    client, world, investor, file, django_capture_on_commit_callbacks
):
    _, commission = world
    case = started(investor, file, django_capture_on_commit_callbacks)
    asked = Message.objects.get(kind="database_query", case=case)
    with on(3, 2):
        deliver_to_us(
            client,
            commission,
            "database_answer",
            addressees=["DE"],
            regulation=NEW,
            case_reference=case.reference,
            in_reply_to=asked.message_id,
            payload={"findings": ["not a finding", {"member_state": "FR", "non_compliance": 7}]},
        )
        page = make_staff("contact_point").get(f"/review/cases/{case.pk}/")

    assert page.status_code == 200


def test_an_older_export_delivered_late_does_not_replace_the_newer(client, commission_node):
    france, _ = commission_node
    with on(3, 1):
        old_id, old_body = france.message(
            "database_record",
            addressees=["EU"],
            regulation=NEW,
            case_reference="FR-2028-000003",
            payload={"outcome": "authorisation"},
        )
    with on(3, 9):
        export_from(client, france, "FR-2028-000003", "prohibition")  # decided again
        late = client.post(
            "/api/v1/cooperation/messages/",
            data=old_body,
            content_type="application/cloudevents+json",
            **france.headers(old_id, old_body),
        )

    assert late.status_code == 201
    assert DatabaseRecord.objects.get().outcome == "prohibition"
