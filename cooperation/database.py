"""The database of Regulation (EU) 2026/1386 (Art. 18(6)-(8); docs/cooperation.md §14).

Member states export each decided 2026/1386 case in the fields of Art. 18(7) as a
`database_record` message to the Commission's node, which keeps them
(`DatabaseRecord`). A member state asks for earlier prohibitions or breached measures
of an investor, its controllers or beneficial owners with a signed `database_query`;
the Commission's node answers with the matching records (`database_answer`), and the
case's triage (Art. 19(2)) and its duty to notify (Art. 5(1)(c)) take them in. Messages,
not a synchronous call: a Commission node that is down answers when it is back, and
nothing is lost on the way (§8).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from cooperation.models import DatabaseRecord, Kind, Message
from cooperation.outbox import send_message
from cooperation.peers import commission_is_peer
from cooperation.pure import database
from cooperation.wire import COMMISSION, node_code
from core.actors import Actor
from core.errors import DomainError
from core.pure.regulations import Regulation
from reviews import opening
from reviews.models import Case, Condition, Penalty

NEW = Regulation.EU_2026_1386.value
SYSTEM = Actor.system("the database of Art. 18")
# The statuses that end a case with an outcome the database records.
ENDED = {"decided", "withdrawn", "outside_scope"}


# --- a member state's side -----------------------------------------------------------


def export_outcome(case: Case) -> Message | None:
    """Send the case's outcome to the Commission's database, once per outcome (an
    after-commit effect may run twice; a reopened case decided again sends anew)."""
    if case.regulation != NEW or case.status not in ENDED or not commission_is_peer():
        return None
    record = record_of(case)
    key = f"{case.status}:{record['decision'] or ''}:{len(record['non_compliance'])}"
    sent = Message.objects.filter(
        case=case, kind=Kind.DATABASE_RECORD, payload__export_key=key
    ).first()
    if sent is not None:
        return sent
    return send_message(
        kind=Kind.DATABASE_RECORD,
        addressees=[COMMISSION],
        case_reference=case.reference,
        case=case,
        title=f"{case.reference}: {record['outcome']}",
        payload={**record, "export_key": key},
        actor=SYSTEM,
        regulation=NEW,
    )


def record_of(case: Case) -> dict[str, Any]:
    """The case in the fields of Art. 18(7)."""
    approved = case.decisions.filter(status="approved").order_by("reviewed_at", "id").last()
    if case.status == "decided" and approved is not None:
        outcome, note = database.OUTCOMES[approved.outcome]
        decided = approved.reviewed_at
    else:
        outcome, note = database.OUTCOMES.get(case.status, ("other", case.status))
        decided = case.closed_at
    spoke = Message.objects.filter(case=case, direction=Message.Direction.INBOUND)
    return {
        "decision": str(approved.pk) if approved is not None else None,
        "outcome": outcome,
        "outcome_note": note,
        "decided_on": timezone.localdate(decided).isoformat() if decided else None,
        "parties": parties_of(case),
        "commented_by": sorted(
            set(spoke.filter(kind=Kind.COMMENT).values_list("sender", flat=True))
        ),
        "commission_opinion": spoke.filter(kind=Kind.OPINION).exists(),
        "non_compliance": [
            f"condition not met: {c.description}"
            for c in case.conditions.filter(compliance=Condition.Compliance.NOT_MET)
        ]
        + [
            f"penalty: {p.get_kind_display()}"
            for p in case.penalties.filter(kind=Penalty.Kind.BREACH_OF_MEASURES)
        ],
    }


def parties_of(case: Case) -> dict[str, Any]:
    """Art. 18(7)(a)-(c): investor, its EU subsidiary, target and affiliates, with names,
    addresses and registration numbers; and who is behind the investor, for queries."""
    content = case.filed_content()
    investor = _party(content.get("investor")) or {
        "name": case.investor_name,
        "country": case.investor_country,
    }
    route = ((case.scope or {}).get("foreign_investment") or {}).get("route")
    controllers = [
        _party(c)
        for c in ((case.scope or {}).get("foreign_investment") or {}).get("controllers") or []
    ] + [_party(u) for u in content.get("ultimate_investors") or []]
    return {
        "investor": investor,
        "eu_subsidiary": investor if route == "eu_subsidiary" else None,
        "controllers": [c for c in controllers if c],
        "beneficial_owners": [
            _party(b)
            for b in content.get("beneficial_owners") or []
            if b.get("of", "investor") == "investor"
        ],
        "target": _party(content.get("target"))
        or {"name": case.target_name, "country": case.target_country},
        "affiliates": [
            {"name": g.get("entity_name", ""), "country": g.get("member_state", "")}
            for g in content.get("group_operations") or []
        ],
    }


def _party(party: Any) -> dict[str, Any]:
    if not isinstance(party, dict) or not party.get("name"):
        return {}
    kept = ("name", "name_original_script", "country", "address", "lei", "identifiers")
    return {key: party[key] for key in kept if party.get(key)}


def query(*, case: Case, actor: Actor) -> Message:
    """Ask the Commission's database about the case's investor and those behind it."""
    if case.regulation != NEW:
        raise DomainError("The database serves cases under Regulation (EU) 2026/1386.")
    if not commission_is_peer():
        raise DomainError("The Commission's node is not registered as a peer.", code="no_peers")
    return send_message(
        kind=Kind.DATABASE_QUERY,
        addressees=[COMMISSION],
        case_reference=case.reference,
        case=case,
        title=f"Earlier prohibitions or breached measures: {case.investor_name}",
        payload={"keys": database.investor_side_keys(parties_of(case))},
        actor=actor,
        regulation=NEW,
    )


def findings_for(case: Case) -> list[str]:
    """What the Commission's answers about this case found, in words, for triage."""
    found = []
    for answer in Message.objects.filter(
        case=case, kind=Kind.DATABASE_ANSWER, direction=Message.Direction.INBOUND
    ):
        rows = (answer.payload or {}).get("findings")
        for row in rows if isinstance(rows, list) else []:
            if not isinstance(row, dict):
                continue  # the answer's own shape is the Commission's to keep
            what = row.get("outcome_note") or row.get("outcome")
            if _texts(row.get("non_compliance")):
                what = f"{what}; {'; '.join(_texts(row.get('non_compliance')))}"
            found.append(
                f"{row.get('member_state')} {row.get('case_reference')}: {what} "
                "(the Commission's database)"
            )
    return sorted(set(found))


# --- on receipt ------------------------------------------------------------------------


def on_receipt(message: Message) -> None:
    """What a database message does where it arrives."""
    if message.kind == Kind.DATABASE_RECORD and node_code() == COMMISSION:
        keep(message)
    elif message.kind == Kind.DATABASE_QUERY and node_code() == COMMISSION:
        answer(message)
    elif message.kind == Kind.DATABASE_ANSWER and message.case is not None:
        _retriage(message.case)


def keep(message: Message) -> DatabaseRecord | None:
    """The Commission keeps a member state's export; a later export of the same case
    replaces it. A field in the wrong shape is kept empty rather than refused: the
    export is acknowledged, and what it said is in the message itself."""
    kept = (
        DatabaseRecord.objects.filter(
            member_state=message.sender, case_reference=message.case_reference
        )
        .select_related("message")
        .first()
    )
    if kept is not None and kept.message.sent_at > message.sent_at:
        return None  # an older export delivered late: the newer one stays
    payload = message.payload or {}
    given = payload.get("parties")
    parties: dict[str, Any] = given if isinstance(given, dict) else {}
    outcome = payload.get("outcome")
    record, _ = DatabaseRecord.objects.update_or_create(
        member_state=message.sender,
        case_reference=message.case_reference,
        defaults={
            "outcome": outcome
            if outcome in DatabaseRecord.Outcome.values
            else DatabaseRecord.Outcome.OTHER,
            "outcome_note": str(payload.get("outcome_note") or "")[:300],
            "decided_on": _day(payload.get("decided_on")),
            "parties": parties,
            "commented_by": _texts(payload.get("commented_by")),
            "commission_opinion": payload.get("commission_opinion") is True,
            "non_compliance": _texts(payload.get("non_compliance")),
            "keys": database.investor_side_keys(parties),
            "message": message,
        },
    )
    return record


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _texts(value: Any) -> list[str]:
    return [str(item)[:500] for item in value] if isinstance(value, list) else []


def answer(query_message: Message) -> Message:
    """The Commission answers a query with the adverse records that match it."""
    keys = (query_message.payload or {}).get("keys")
    wanted = [str(k) for k in keys][:500] if isinstance(keys, list) else []
    records = [
        {
            "member_state": r.member_state,
            "case_reference": r.case_reference,
            "outcome": r.outcome,
            "outcome_note": r.outcome_note,
            "decided_on": r.decided_on.isoformat() if r.decided_on else None,
            "non_compliance": r.non_compliance,
            "keys": r.keys,
        }
        for r in DatabaseRecord.objects.all()
    ]
    found = [
        row
        for row in database.findings(wanted, records)
        if (row["member_state"], row["case_reference"])
        != (query_message.sender, query_message.case_reference)
    ]
    return send_message(
        kind=Kind.DATABASE_ANSWER,
        addressees=[query_message.sender],
        case_reference=query_message.case_reference,
        title=f"{len(found)} record(s) found",
        payload={"findings": found},
        in_reply_to=query_message.message_id,
        actor=SYSTEM,
        regulation=NEW,
    )


def _retriage(case: Case) -> None:
    """The answer may change the case's Art. 19(2) factors: score it again."""
    version = case.latest_version()
    if version is not None:
        opening.retriage(case=case, version=version)
