"""The two legal regimes of FDI screening, which of them governs a case, and the periods
each starts from an event (docs/deadlines.md).

A plain module (no Django). The one idea: a regime is a table. For every event (a
filing received, a notification received, an investment completed, ...) it lists the
periods that event starts, each with its length, its legal basis and whether the law
fixes the length or leaves it to the member state. The case clocks, the pages and
`manage.py deadlines` all read the same table; day counting is `core.pure.days`
(Regulation (EEC, Euratom) No 1182/71).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from core.pure.days import Unit, WorkingCalendar, last_day


class Regulation(StrEnum):
    EU_2019_452 = "eu-2019-452"
    EU_2026_1386 = "eu-2026-1386"

    @property
    def label(self) -> str:
        return TITLES[self]


TITLES = {
    Regulation.EU_2019_452: "Regulation (EU) 2019/452",
    Regulation.EU_2026_1386: "Regulation (EU) 2026/1386",
}

# (value, label) pairs for model fields and API schemas.
CHOICES = [(r.value, TITLES[r]) for r in Regulation]

# Art. 31 of 2026/1386: it applies from this day, when 2019/452 is repealed. Nodes may
# move it (tests, demos): docs/deadlines.md §3.
APPLIES_FROM = date(2028, 1, 17)


@dataclass(frozen=True)
class Choice:
    regulation: Regulation
    reason: str


def applicable(
    *, screening_starts_on: date, completed_on: date | None, applies_from: date = APPLIES_FROM
) -> Choice:
    """Art. 30 of 2026/1386: 2019/452 keeps governing investments under screening when
    2026/1386 starts to apply, or completed by then; 2026/1386 governs the rest.

    A screening that starts on the day itself is under the new regulation; so is an
    investment completed that day (docs/deadlines.md §3)."""
    new = TITLES[Regulation.EU_2026_1386]
    if screening_starts_on < applies_from:
        return Choice(
            Regulation.EU_2019_452,
            f"screening began on {screening_starts_on.isoformat()}, before {new} applies "
            f"({applies_from.isoformat()}): Art. 30",
        )
    if completed_on is not None and completed_on < applies_from:
        return Choice(
            Regulation.EU_2019_452,
            f"the investment was completed on {completed_on.isoformat()}, before {new} "
            f"applies ({applies_from.isoformat()}): Art. 30",
        )
    return Choice(
        Regulation.EU_2026_1386,
        f"screening began on {screening_starts_on.isoformat()}, on or after "
        f"{applies_from.isoformat()}, and the investment was not completed before: Art. 30",
    )


class Event(StrEnum):
    FILING_RECEIVED = "filing_received"
    FILING_COMPLETE = "filing_complete"
    INFORMATION_REQUESTED = "information_requested"
    IN_DEPTH_OPENED = "in_depth_opened"
    HEARING_LETTER_SENT = "hearing_letter_sent"
    NOTIFICATION_RECEIVED = "notification_received"
    ADDITIONAL_INFORMATION_RECEIVED = "additional_information_received"
    DECISION_IN_FORCE = "decision_in_force"
    COMPLETION = "completion"
    NOT_NOTIFIED_INFORMATION_RECEIVED = "not_notified_information_received"


class Bound(StrEnum):
    BY = "by"  # the thing must be done by the last day
    UNTIL = "until"  # a window: the thing may be done until the last day
    UNDUE_DELAY = "without_undue_delay"  # no fixed length: as soon as possible


# Art. 20(4) of 2026/1386: the kinds of mitigating measures it names.
MEASURES = {
    "governance": "Governance (board, management, a security officer)",
    "voting_rights_limit": "Limits on voting rights",
    "access_conditions": "Conditions on access to information, sites or technology",
    "supply_commitment": "Supply commitments",
    "business_continuity": "Business continuity",
    "secure_suppliers": "Secure suppliers",
    "cybersecurity": "Cybersecurity",
    "data_in_eu": "Data kept in the Union",
    "other": "Another measure",
}


@dataclass(frozen=True)
class Procedure:
    """The rules of a regime's national procedure that the services ask (outcomes are
    the review's codes: cleared, cleared_with_conditions, prohibited, unwinding_ordered)."""

    # Art. 4(14): the investor is heard before these outcomes.
    hearing_before: frozenset[str] = frozenset()
    # Art. 20(3): these need recorded reasons why mitigating measures would not do.
    measures_would_not_do: frozenset[str] = frozenset()
    # Art. 20(4): each condition names its kind of measure (empty: no catalogue).
    measures: Mapping[str, str] | None = None


PROCEDURES = {
    Regulation.EU_2019_452: Procedure(),
    Regulation.EU_2026_1386: Procedure(
        hearing_before=frozenset({"cleared_with_conditions", "prohibited", "unwinding_ordered"}),
        measures_would_not_do=frozenset({"prohibited", "unwinding_ordered"}),
        measures=MEASURES,
    ),
}


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    basis: str
    length: int = 0
    unit: Unit = Unit.CALENDAR_DAYS
    bound: Bound = Bound.BY
    # The member state sets the length: the key of the node's configuration
    # (`National`), with the bounds the Regulation puts on it, in `unit`s.
    national: str = ""
    at_least: int | None = None
    at_most: int | None = None
    # False only where this system keeps a period on a weekend or holiday: the 2019/452
    # cooperation periods (docs/cooperation.md §4).
    roll_forward: bool = True
    note: str = ""


@dataclass(frozen=True)
class National:
    """A length the member state sets (node configuration)."""

    length: int
    unit: Unit
    roll_forward: bool = True


@dataclass(frozen=True)
class Due:
    period: Period
    last_day: date | None  # None: no fixed length, or the node has not set one
    length: int | None
    unit: Unit

    @property
    def length_words(self) -> str:
        if self.length is None:
            return "without undue delay" if self.period.bound is Bound.UNDUE_DELAY else "not set"
        unit = {
            Unit.CALENDAR_DAYS: "day",
            Unit.WORKING_DAYS: "working day",
            Unit.MONTHS: "month",
        }[self.unit]
        return f"{self.length} {unit}{'' if self.length == 1 else 's'}"

    def as_dict(self) -> dict[str, object]:
        return {
            "period": self.period.key,
            "label": self.period.label,
            "kind": self.period.bound.value,
            "length": self.length,
            "unit": self.unit.value,
            "length_words": self.length_words,
            "due": self.last_day.isoformat() if self.last_day else None,
            "basis": self.period.basis,
            "set_by": "national configuration" if self.period.national else "the Regulation",
            "moved_off_non_working_days": self.period.roll_forward,
            "note": self.period.note,
        }


OLD, NEW = "Regulation (EU) 2019/452", "Regulation (EU) 2026/1386"

# Regulation (EU) 2019/452 Art. 6 and 7 (the cooperation module's periods read these).
ART6_COMMENT_DAYS = 35
ART6_AFTER_INFORMATION_DAYS = 20
ART6_COMMISSION_EXTRA_DAYS = 5
ART7_MONTHS = 15

# Regulation (EU) 2026/1386.
INITIAL_REVIEW_DAYS = 45  # Art. 4(2)(a)
INVESTOR_ANSWER_DAYS = 15  # Art. 15(3)
INTENT_MEMBER_STATE_DAYS, INTENT_COMMISSION_DAYS = 15, 20  # Art. 9
COMMENT_DAYS, OPINION_DAYS = 20, 30  # Art. 11(3)
AFTER_INFORMATION_COMMENT_DAYS, AFTER_INFORMATION_OPINION_DAYS = 15, 25  # Art. 11(3)
EXTENSION_DAYS = 20  # Art. 11(4), once
DECISION_REPORT_DAYS = 7  # Art. 12(4)
NOT_NOTIFIED_MONTHS = 15  # Art. 13
NOT_NOTIFIED_COMMENT_DAYS, NOT_NOTIFIED_COMMISSION_EXTRA_DAYS = 20, 10  # Art. 13(8)
OWN_INITIATIVE_MONTHS = (15, 60)  # Art. 4(4): at least 15 months, at most 5 years
NOT_FILED_AT_LEAST_MONTHS = 24  # Art. 4(5)

_KEPT_ON_WEEKENDS = "kept on a weekend or holiday, as this system applies 2019/452's periods"

PERIODS: dict[Regulation, dict[Event, tuple[Period, ...]]] = {
    Regulation.EU_2019_452: {
        Event.FILING_RECEIVED: (
            Period(
                "notify_art6",
                "Notify the other member states and the Commission of the investment "
                "under screening",
                f"Art. 6(1) {OLD}",
                bound=Bound.UNDUE_DELAY,
                note="as soon as possible",
            ),
        ),
        Event.FILING_COMPLETE: (
            Period(
                "phase_1",
                "Phase 1 (review) ends",
                f"national law; {OLD} sets no period",
                national="phase_1",
            ),
        ),
        Event.IN_DEPTH_OPENED: (
            Period(
                "phase_2",
                "Phase 2 (in-depth investigation) ends",
                f"national law; {OLD} sets no period",
                national="phase_2",
            ),
        ),
        Event.NOTIFICATION_RECEIVED: (
            Period(
                "comments",
                "Member states' comments",
                f"Art. 6(2) {OLD}",
                ART6_COMMENT_DAYS,
                roll_forward=False,
                note=_KEPT_ON_WEEKENDS,
            ),
            Period(
                "opinion",
                "The Commission's opinion",
                f"Art. 6(3) {OLD}",
                ART6_COMMENT_DAYS,
                roll_forward=False,
                note=_KEPT_ON_WEEKENDS,
            ),
            Period(
                "opinion_after_comments",
                "The Commission's opinion after member states' comments (5 days after "
                "their period)",
                f"Art. 6(3) {OLD}",
                ART6_COMMENT_DAYS + ART6_COMMISSION_EXTRA_DAYS,
                roll_forward=False,
                note=_KEPT_ON_WEEKENDS,
            ),
        ),
        Event.ADDITIONAL_INFORMATION_RECEIVED: (
            Period(
                "comments_after_information",
                "Comments after the additional information (if later than the 35 days)",
                f"Art. 6(6) {OLD}",
                ART6_AFTER_INFORMATION_DAYS,
                roll_forward=False,
                note=_KEPT_ON_WEEKENDS,
            ),
            Period(
                "opinion_after_information",
                "The Commission's opinion after the additional information",
                f"Art. 6(3), 6(6) {OLD}",
                ART6_AFTER_INFORMATION_DAYS + ART6_COMMISSION_EXTRA_DAYS,
                roll_forward=False,
                note=_KEPT_ON_WEEKENDS,
            ),
        ),
        Event.COMPLETION: (
            Period(
                "not_screened_window",
                "Other member states and the Commission may comment on an investment not screened",
                f"Art. 7(8) {OLD}",
                ART7_MONTHS,
                Unit.MONTHS,
                Bound.UNTIL,
                roll_forward=False,
                note=_KEPT_ON_WEEKENDS,
            ),
        ),
    },
    Regulation.EU_2026_1386: {
        Event.FILING_RECEIVED: (
            Period(
                "completeness_notice",
                "Tell the filer whether the filing is complete",
                f"Art. 4(10) {NEW}",
                bound=Bound.UNDUE_DELAY,
            ),
            Period(
                "notify_art5_1",
                "Notify, where Art. 5(1) applies (minimum scope and state control, "
                "sanctions or a prior prohibition)",
                f"Art. 6 with Art. 5(1) {NEW}",
                15,
            ),
            Period(
                "notify_art5_2",
                "Notify, where Art. 5(2) applies (in-depth investigation and an Annex II "
                "project or group subsidiaries in another member state)",
                f"Art. 6 with Art. 5(2) {NEW}",
                45,
            ),
        ),
        Event.FILING_COMPLETE: (
            Period(
                "initial_review",
                "Initial review ends: authorise, or open an in-depth investigation",
                f"Art. 4(2)(a) {NEW}",
                INITIAL_REVIEW_DAYS,
            ),
        ),
        Event.INFORMATION_REQUESTED: (
            Period(
                "investor_answer",
                "The investor answers the request for information",
                f"Art. 15(3) {NEW}",
                INVESTOR_ANSWER_DAYS,
                note="the authority may extend it",
            ),
        ),
        Event.IN_DEPTH_OPENED: (
            Period(
                "in_depth",
                "In-depth investigation ends",
                f"Art. 4(2)(b) {NEW}: length set by national law",
                national="phase_2",
            ),
        ),
        Event.HEARING_LETTER_SENT: (
            Period(
                "hearing_answer",
                "The investor answers the hearing letter",
                f"Art. 4(14) {NEW}: right to be heard; period set by national law",
                national="hearing",
            ),
        ),
        Event.NOTIFICATION_RECEIVED: (
            Period(
                "intent_member_state",
                "Member states announce an intent to comment (with any request for "
                "additional information, Art. 10)",
                f"Art. 9 {NEW}",
                INTENT_MEMBER_STATE_DAYS,
            ),
            Period(
                "intent_commission",
                "The Commission announces an intent to give an opinion",
                f"Art. 9 {NEW}",
                INTENT_COMMISSION_DAYS,
            ),
            Period("comments", "Member states' comments", f"Art. 11(3) {NEW}", COMMENT_DAYS),
            Period("opinion", "The Commission's opinion", f"Art. 11(3) {NEW}", OPINION_DAYS),
            Period(
                "comments_extended",
                "Member states' comments, if the period is extended (once, up to 20 days)",
                f"Art. 11(4) {NEW}",
                COMMENT_DAYS + EXTENSION_DAYS,
                bound=Bound.UNTIL,
                note="only on substantial new information; the investor is told",
            ),
            Period(
                "opinion_extended",
                "The Commission's opinion, if the period is extended (once, up to 20 days)",
                f"Art. 11(4) {NEW}",
                OPINION_DAYS + EXTENSION_DAYS,
                bound=Bound.UNTIL,
                note="only on substantial new information; the investor is told",
            ),
            Period(
                "decision_lock",
                "No screening decision before the periods end",
                f"Art. 11(5) {NEW}",
                OPINION_DAYS,
                bound=Bound.UNTIL,
                note="unless an emergency is notified to the others (Art. 11(6)); later "
                "if information was requested or the period extended",
            ),
        ),
        Event.ADDITIONAL_INFORMATION_RECEIVED: (
            Period(
                "comments_after_information",
                "Member states' comments after the additional information",
                f"Art. 11(3) {NEW}",
                AFTER_INFORMATION_COMMENT_DAYS,
            ),
            Period(
                "opinion_after_information",
                "The Commission's opinion after the additional information",
                f"Art. 11(3) {NEW}",
                AFTER_INFORMATION_OPINION_DAYS,
            ),
        ),
        Event.DECISION_IN_FORCE: (
            Period(
                "decision_report",
                "Report the decision (operative part, summary of reasons, how each "
                "comment and opinion was taken into account)",
                f"Art. 12(4) {NEW}",
                DECISION_REPORT_DAYS,
            ),
        ),
        Event.NOT_NOTIFIED_INFORMATION_RECEIVED: (
            Period(
                "not_notified_comments",
                "Comments on an investment not notified, after the host's information",
                f"Art. 13(8) {NEW}",
                NOT_NOTIFIED_COMMENT_DAYS,
            ),
            Period(
                "not_notified_opinion",
                "The Commission's opinion on it, where a member state commented",
                f"Art. 13(8) {NEW}: 10 days more",
                NOT_NOTIFIED_COMMENT_DAYS + NOT_NOTIFIED_COMMISSION_EXTRA_DAYS,
            ),
        ),
        Event.COMPLETION: (
            Period(
                "not_notified_window",
                "Other member states and the Commission may ask about an investment not notified",
                f"Art. 13 {NEW}",
                NOT_NOTIFIED_MONTHS,
                Unit.MONTHS,
                Bound.UNTIL,
            ),
            Period(
                "own_initiative",
                "Own-initiative review of an investment in scope that needed no prior "
                "authorisation",
                f"Art. 4(4) {NEW}: at least 15 months, at most 5 years",
                unit=Unit.MONTHS,
                bound=Bound.UNTIL,
                national="own_initiative",
                at_least=OWN_INITIATIVE_MONTHS[0],
                at_most=OWN_INITIATIVE_MONTHS[1],
            ),
            Period(
                "own_initiative_not_filed",
                "Own-initiative review of a prior-authorisation investment not filed or filed late",
                f"Art. 4(5) {NEW}: at least 24 months",
                unit=Unit.MONTHS,
                bound=Bound.UNTIL,
                national="own_initiative_not_filed",
                at_least=NOT_FILED_AT_LEAST_MONTHS,
            ),
        ),
    },
}


def periods(
    regulation: Regulation,
    event: Event,
    day: date,
    calendar: WorkingCalendar,
    national: Mapping[str, National],
) -> list[Due]:
    """Every period `event` on `day` starts under `regulation`, with its last day."""
    return [due(period, day, calendar, national) for period in PERIODS[regulation].get(event, ())]


def due(
    period: Period, day: date, calendar: WorkingCalendar, national: Mapping[str, National]
) -> Due:
    if period.bound is Bound.UNDUE_DELAY:
        return Due(period, None, None, period.unit)
    if period.national:
        setting = national.get(period.national)
        if setting is None:
            return Due(period, None, None, period.unit)
        end = last_day(
            day, setting.length, setting.unit, calendar, roll_forward=setting.roll_forward
        )
        return Due(period, end, setting.length, setting.unit)
    end = last_day(day, period.length, period.unit, calendar, roll_forward=period.roll_forward)
    return Due(period, end, period.length, period.unit)


def find(regulation: Regulation, key: str) -> Period:
    """The period `key` of `regulation`, whatever event starts it."""
    for event_periods in PERIODS[regulation].values():
        for period in event_periods:
            if period.key == key:
                return period
    raise KeyError(f"{regulation.value} has no period {key!r}")


def national_problems(national: Mapping[str, National]) -> list[str]:
    """Configured national lengths outside the bounds the Regulation sets."""
    problems = []
    for regulation in Regulation:
        for event_periods in PERIODS[regulation].values():
            for period in event_periods:
                setting = national.get(period.national) if period.national else None
                if setting is None or (period.at_least is None and period.at_most is None):
                    continue
                if setting.unit is not period.unit:
                    problems.append(f"{period.national}: give it in {period.unit.value}")
                elif period.at_least is not None and setting.length < period.at_least:
                    problems.append(
                        f"{period.national}: {setting.length} is below {period.at_least} "
                        f"({period.basis})"
                    )
                elif period.at_most is not None and setting.length > period.at_most:
                    problems.append(
                        f"{period.national}: {setting.length} is above {period.at_most} "
                        f"({period.basis})"
                    )
    return problems
