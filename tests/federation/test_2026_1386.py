"""DE, FR and the Commission as real nodes under Regulation (EU) 2026/1386 (each its own
database, web server and Celery worker), the Commission's node the hub that relays
(docs/cooperation.md §12-§16): a notification through the hub, FR's intent with a
request for information, the information, a comment, the Commission's opinion, an
extension, the decision locked until the periods end, the decision report with the
comments weighed, the outcome in the database and FR's query finding it; an Art. 13
query; one transaction filed in DE and FR. With FR down, Redis restarted, a replay and a
hub relaying a forged message: nothing lost, nothing doubled."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from tests.federation.harness import Federation, wait_for

# The nodes apply 2026/1386 to cases opened from this day (node configuration).
TODAY_UNDER_2026_1386 = {"EU_2026_1386_APPLIES_FROM": "2026-01-01"}

PRELUDE = """
from datetime import date, timedelta
from django.contrib.auth.models import Group, User
from core.actors import Actor
from core.models import Membership, Organisation
from core.services import create_api_key
from cooperation import art13, database, mechanism, outbox, services as cooperation
from cooperation.models import DatabaseRecord, Message
from reviews import decisions, hearings, services
from reviews.models import Case
from reviews.services import node_authority
from screening import services as filings
from screening.models import Filing
from tests.factories import grid_filing_2026
from tests.federation.harness import wait_for

def staff(name, group):
    user, _ = User.objects.get_or_create(username=name, email=f"{name}@node.example")
    Membership.objects.get_or_create(user=user, defaults={"organisation": node_authority()})
    user.groups.add(Group.objects.get_or_create(name=group)[0])
    return Actor.for_user(user)

def filer():
    org, _ = Organisation.objects.get_or_create(
        name="Huaxin counsel", kind=Organisation.Kind.INVESTOR, defaults={"country": "DE"}
    )
    key = org.api_keys.first() or create_api_key(
        organisation=org, name="filing", actor=Actor.system("test")
    ).key
    return Actor.for_key(key)

def file(other_filings=()):
    draft = filings.create_draft(
        actor=filer(), content={**grid_filing_2026(), "other_filings": list(other_filings)}
    )
    filings.submit_filing(filing=draft, actor=filer())
    case = wait_for(lambda: Case.objects.filter(filing=draft).first(), timeout=60, what="case")
    return case, Filing.objects.get(pk=draft.pk).reference

def inbound(kind):
    return Message.objects.filter(kind=kind, direction="inbound").order_by("id").last()

senior, senior2 = staff("senior", "senior_officer"), staff("senior2", "senior_officer")
contact = staff("contact", "contact_point")
"""

DE_FILES_AND_NOTIFIES = """
case, reference = file()
services.open_phase_1(case=case, actor=senior)
notification = mechanism.notify(case=case, ground="art5_1", actor=contact)
print(case.reference, reference, notification.message_id)
"""

FR_FILES_THE_SAME_TRANSACTION = """
case, reference = file(
    [{"member_state": "DE", "reference": "{de_filing}", "filed_on": date.today().isoformat()}]
)
services.open_phase_1(case=case, actor=senior)  # asks the database; tells DE its timeline
print(case.reference, reference)
"""

FR_ANNOUNCES_INTENT = """
mechanism.announce_intent(
    notification=inbound("notification"),
    information_request="Who appoints Huaxin's directors?",
    actor=contact,
)
"""

DE_ANSWERS = """
mechanism.send_additional_information(
    request=inbound("intent_to_comment"), text="SASAC appoints two of five.", actor=contact
)
"""

FR_COMMENTS = """
cooperation.comment_on(
    notification=inbound("notification"), text="Keep the control room in the Union.",
    actor=contact,
)
"""

EU_GIVES_ITS_OPINION = """
notification = inbound("notification")
outbox.send_message(
    kind="opinion", addressees=["DE"], case_reference=notification.case_reference,
    title="Opinion of the Commission", payload={"opinion": "No measure meets the risk."},
    in_reply_to=notification.message_id, actor=Actor.system("Commission"),
)
"""

DE_EXTENDS = """
case = Case.objects.get(reference="{reference}")
mechanism.extend_periods(case=case, days=10, reason="A new shareholder agreement", actor=contact)
"""

DE_TRIES_TO_DECIDE = """
case = Case.objects.get(reference="{reference}")
filings.amend_filing(  # the filer names the French filing of the same transaction
    filing=case.filing, actor=filer(), reason="Filed in France too",
    changes={"other_filings": [
        {"member_state": "FR", "reference": "{fr_filing}", "filed_on": date.today().isoformat()}
    ]},
)
hearing = hearings.send_hearing_letter(
    case=case, actor=senior, intended_outcome="prohibited", letter="We intend to prohibit."
)
hearings.answer_hearing(hearing=hearing, actor=filer(), answer="We object.", documents=[])
decisions.propose_decision(
    case=case, actor=senior, outcome="prohibited", reasons="State control of a grid operator.",
    measures_would_not_do="The state appoints directors; no measure removes that.",
)
try:
    decisions.approve_decision(case=case, actor=senior2)
except Exception as refused:
    print("LOCKED", Case.objects.get(pk=case.pk).comment_period_ends, "|", refused)
"""

DE_DECIDES_AFTER_THE_PERIODS = """
case = Case.objects.get(reference="{reference}")
# Time passes: the periods have ended (the one thing this test moves by hand).
Case.objects.filter(pk=case.pk).update(comment_period_ends=date.today() - timedelta(days=1))
decisions.approve_decision(case=Case.objects.get(pk=case.pk), actor=senior2)
print(Case.objects.get(pk=case.pk).status)
"""

DE_REPORTS = """
report = wait_for(
    lambda: Message.objects.filter(kind="decision_report", status="draft").first(),
    timeout=60, what="the draft report",
)
weighing = {row["message"]: f"Weighed: {row['said']}" for row in report.payload["weighing"]}
sent = mechanism.send_decision_report(
    report=report, operative_part="The acquisition is prohibited.",
    summary_of_reasons="State control; no measure meets it.", weighing=weighing, actor=contact,
)
print(json.dumps({"due_by": sent.payload["due_by"], "decided_on": sent.payload["decided_on"],
                  "rows": sorted(r["kind"] for r in sent.payload["weighing"])}))
"""

FR_ASKS_THE_DATABASE = """
database.query(case=Case.objects.get(reference="{reference}"), actor=contact)
"""

FR_ASKS_ABOUT_AN_INVESTMENT_NOT_NOTIFIED = """
sent = art13.ask(
    host="DE", title="Acquisition of Hafen Logistik GmbH",
    investor={"name": "Far East Shipping", "country": "HK"},
    target={"name": "Hafen Logistik GmbH", "country": "DE"},
    completed_on=date.today() - timedelta(days=90),
    information_request="Was it screened?", actor=contact,
)
print(sent.message_id)
"""

DE_ANSWERS_THE_QUERY = """
art13.answer(
    query=inbound("not_notified_query"), information="It was not: 8 % without rights.",
    actor=contact,
)
"""

EU_RELAYS_A_FORGERY = """
import time, urllib.request, urllib.error, uuid
from cooperation import wire
from cooperation.pure import signing
real = inbound("comment")  # a real message, FR's; the hub claims DE sent this one
message_id = str(uuid.uuid4())
event = json.loads(real.body)
event.update(id=message_id, source="urn:fdi-node:DE", type="eu.europa.fdi.withdrawal")
event["data"]["addressees"] = ["FR"]
body = json.dumps(event).encode()
forged = signing.sign(message_id, int(time.time()), body, [signing.new_key_pair().secret])
headers = {
    **wire.signed_headers(message_id, body),  # the hub's own, valid signature
    wire.ORIGIN_SIGNATURE: forged["webhook-signature"],
    wire.ORIGIN_TIMESTAMP: forged["webhook-timestamp"],
    "Content-Type": "application/cloudevents+json",
}
request = urllib.request.Request("{fr_url}/api/v1/cooperation/messages/", data=body,
                                 method="POST", headers=headers)
try:
    urllib.request.urlopen(request, timeout=10)
    print("ACCEPTED")
except urllib.error.HTTPError as error:
    print(error.code, json.loads(error.read())["errors"][0]["code"])
"""


def run(node, script, **values):
    for key, value in values.items():
        script = script.replace("{" + key + "}", str(value))
    return node.manage("shell", "-c", "import json\n" + PRELUDE + script).strip()


def last_line(output):
    return output.splitlines()[-1] if output else ""


@pytest.fixture(scope="module")
def federation():
    nodes = Federation(["DE", "FR", "EU"], hub="EU", env=TODAY_UNDER_2026_1386)
    try:
        yield nodes.start()
    finally:
        nodes.stop()


def post(url, body, headers):
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={**headers, "Content-Type": "application/cloudevents+json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def kinds(node, direction="inbound"):
    return sorted(
        row[0]
        for row in node.query(
            "SELECT kind FROM cooperation_message WHERE direction = %s", (direction,)
        )
    )


def has(node, kind, count=1, direction="inbound"):
    return lambda: kinds(node, direction).count(kind) >= count


def test_the_2026_1386_mechanism_through_the_hub_whatever_fails(federation):
    de, fr, eu = federation["DE"], federation["FR"], federation["EU"]

    # DE notifies (Art. 5(1)) through the hub; FR and the Commission receive it.
    reference, de_filing, _ = last_line(run(de, DE_FILES_AND_NOTIFIES)).split()
    wait_for(lambda: has(fr, "notification")() and has(eu, "notification")(), what="notified")
    relayed = fr.query(
        "SELECT relayed_by, sender FROM cooperation_message WHERE kind = %s", ("notification",)
    )
    assert relayed == [("EU", "DE")]  # relayed by the hub, the sender's own signature kept
    assert de.query(
        "SELECT p.code, d.via_hub FROM cooperation_delivery d JOIN cooperation_peer p "
        "ON p.id = d.peer_id JOIN cooperation_message m ON m.id = d.message_id "
        "WHERE m.kind = 'notification'"
    ) == [("EU", True)]

    # FR files the same transaction, naming DE's filing: DE sees FR's timeline (Art. 7).
    fr_reference, fr_filing = last_line(
        run(fr, FR_FILES_THE_SAME_TRANSACTION, de_filing=de_filing)
    ).split()
    wait_for(has(de, "coordination"), what="FR's timeline at DE")
    assert de.query(
        "SELECT c.reference FROM cooperation_message m JOIN reviews_case c ON c.id = m.case_id "
        "WHERE m.kind = 'coordination'"
    ) == [(reference,)]

    # FR announces its intent with a request; DE answers; FR comments; the Commission
    # gives its opinion.
    run(fr, FR_ANNOUNCES_INTENT)
    wait_for(
        lambda: has(de, "intent_to_comment")() and has(eu, "intent_to_comment")(),
        what="the intent at DE and EU",
    )
    run(de, DE_ANSWERS)
    wait_for(has(fr, "additional_information"), what="the information at FR")
    run(fr, FR_COMMENTS)
    run(eu, EU_GIVES_ITS_OPINION)
    wait_for(lambda: has(de, "comment")() and has(de, "opinion")(), what="comment and opinion")

    # Redis goes away while DE extends the periods: the outbox keeps the message.
    federation.redis.stop()
    run(de, DE_EXTENDS, reference=reference)
    federation.redis.start()
    wait_for(
        lambda: has(fr, "extension")() and has(eu, "extension")(),
        timeout=120,
        what="the extension after Redis came back",
    )

    # The decision waits for the periods (Art. 11(5)).
    locked = run(de, DE_TRIES_TO_DECIDE, reference=reference, fr_filing=fr_filing)
    assert "LOCKED" in locked
    assert run(de, DE_DECIDES_AFTER_THE_PERIODS, reference=reference).endswith("decided")

    # FR is down while DE reports the decision: the hub keeps trying until FR is back.
    fr.stop_web()
    report = json.loads(last_line(run(de, DE_REPORTS)))
    wait_for(has(eu, "decision_report"), what="the report at EU")
    fr.start_web()
    wait_for(has(fr, "decision_report"), timeout=180, what="FR catching up")
    assert report["rows"] == ["comment", "opinion"]  # each comment and opinion weighed
    [(decided,)] = fr.query(
        "SELECT payload FROM cooperation_message WHERE kind = 'decision_report'"
    )
    assert decided["operative_part"] == "The acquisition is prohibited."

    # The outcome is in the Commission's database; FR's query finds it.
    wait_for(
        lambda: (
            eu.query(
                "SELECT outcome FROM cooperation_databaserecord WHERE case_reference = %s",
                (reference,),
            )
            == [("prohibition",)]
        ),
        what="the record at EU",
    )
    run(fr, FR_ASKS_THE_DATABASE, reference=fr_reference)
    wait_for(has(fr, "database_answer", count=2), what="the database's answer at FR")
    risk = fr.query(
        "SELECT risk_reasons::text FROM reviews_case WHERE reference = %s", (fr_reference,)
    )[0][0]
    assert f"DE {reference}: prohibition (the Commission's database)" in risk

    # FR sees DE's decision in DE's timeline (Art. 7).
    wait_for(
        lambda: any(
            '"outcome": "prohibited"' in row[0]
            for row in fr.query(
                "SELECT payload::text FROM cooperation_message WHERE kind = 'coordination'"
            )
        ),
        what="DE's decision in its timeline at FR",
    )

    # Art. 13: FR asks DE about an investment not notified; DE answers.
    run(fr, FR_ASKS_ABOUT_AN_INVESTMENT_NOT_NOTIFIED)
    wait_for(has(de, "not_notified_query"), what="the query at DE")
    run(de, DE_ANSWERS_THE_QUERY)
    wait_for(has(fr, "reply"), what="the information at FR")
    periods = fr.query(
        "SELECT periods::text FROM cooperation_message WHERE kind = 'not_notified_query'"
    )[0][0]
    assert '"comments_by"' in periods

    # A relayed message replayed to FR is acknowledged as a duplicate (or refused once
    # its timestamp is stale), never stored twice; a hub relaying a forgery is refused.
    body, signature = fr.query(
        "SELECT body, signature FROM cooperation_message WHERE kind = 'notification'"
    )[0]
    replay = post(f"{fr.url}/api/v1/cooperation/messages/", body.encode(), signature)
    assert replay in (200, 400)
    assert run(eu, EU_RELAYS_A_FORGERY, fr_url=fr.url).endswith("401 bad_origin_signature")
    assert "withdrawal" not in kinds(fr)

    # Nothing lost, nothing doubled.
    for node in (de, fr, eu):
        assert (
            node.query(
                "SELECT message_id FROM cooperation_message GROUP BY message_id HAVING count(*) > 1"
            )
            == []
        )
    assert kinds(fr).count("notification") == 1
    assert kinds(fr).count("decision_report") == 1
