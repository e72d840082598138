"""The events of a case's audit trail: each code written once, with the words the
timeline uses for it, so a service and the case page cannot drift apart.

Services name an event by its constant (`events.NOTE_ADDED`); `in_words` words any entry
of a case's timeline: these events, a status reached (`case.<status>`, "Now: ..."), and
the events of higher layers, which register their own words (`add_words`: the
cooperation app for `cooperation.sent.*` and `cooperation.received.*`), since this app
never imports them. A plain module.
"""

from __future__ import annotations

from collections.abc import Callable

from reviews.models import Status

OPENED = "case.opened"
CALLED_IN = "case.called_in"
ASSIGNED = "case.assigned"
TRIAGED = "case.triaged"
NOTE_ADDED = "case.note_added"
INFORMATION_REQUESTED = "case.information_requested"
INFORMATION_ANSWERED = "case.information_answered"
INFORMATION_REQUEST_WITHDRAWN = "case.information_request_withdrawn"
INFORMATION_REQUEST_EXTENDED = "case.information_request_extended"
PHASE_EXTENDED = "case.phase_extended"
COMMENT_PERIOD_SET = "case.comment_period_set"
URGENCY_RECORDED = "case.urgency_recorded"
CONDITION_COMPLIANCE = "case.condition_compliance"
REOPENED = "case.reopened"
HEARING_LETTER_SENT = "case.hearing_letter_sent"
HEARING_ANSWERED = "case.hearing_answered"
PENALTY_RECORDED = "case.penalty_recorded"
COMPLETENESS_NOTICE_SENT = "case.completeness_notice_sent"
INVESTOR_TOLD = "case.investor_told"
CASE_DOCUMENT_ADDED = "case.document_added"
CASE_FILE_EXPORTED = "case.file_exported"

WORDS = {
    OPENED: "Case opened",
    CALLED_IN: "Called in ex officio",
    ASSIGNED: "Assigned",
    TRIAGED: "Triage score updated",
    NOTE_ADDED: "Note added",
    INFORMATION_REQUESTED: "Information requested (clock stopped)",
    INFORMATION_ANSWERED: "Information received",
    INFORMATION_REQUEST_WITHDRAWN: "Request for information withdrawn",
    INFORMATION_REQUEST_EXTENDED: "More time given to answer a request for information",
    PHASE_EXTENDED: "Phase extended",
    COMMENT_PERIOD_SET: "Comment period (Art. 6) set",
    URGENCY_RECORDED: "Urgency recorded (Art. 6(7))",
    CONDITION_COMPLIANCE: "Compliance with a condition recorded",
    REOPENED: "Case reopened",
    HEARING_LETTER_SENT: "Hearing letter sent (Art. 4(14))",
    HEARING_ANSWERED: "The investor answered the hearing letter",
    PENALTY_RECORDED: "Penalty recorded (Art. 4(11))",
    COMPLETENESS_NOTICE_SENT: "Completeness notice sent to the investor (Art. 4(10))",
    INVESTOR_TOLD: "Letter sent to the investor",
    CASE_DOCUMENT_ADDED: "Document added to the case file",
    CASE_FILE_EXPORTED: "Case file exported as PDF",
}

# Prefix -> words for the rest of the code, registered by higher layers.
OTHER_WORDS: dict[str, Callable[[str], str]] = {}


def reached(status: str) -> str:
    """The event of a transition: the status the case reached."""
    return f"case.{status}"


def add_words(prefix: str, words: Callable[[str], str]) -> None:
    OTHER_WORDS[prefix] = words


def in_words(code: str) -> str:
    if code in WORDS:
        return WORDS[code]
    status = code.removeprefix("case.")
    if code.startswith("case.") and status in Status.values:
        return f"Now: {Status(status).label}"
    for prefix, words in OTHER_WORDS.items():
        if code.startswith(prefix):
            return words(code.removeprefix(prefix))
    return code
