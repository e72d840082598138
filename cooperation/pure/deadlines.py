"""The periods of the cooperation mechanism: Regulation (EU) 2019/452 Art. 6 and 7, and
(at the end) Regulation (EU) 2026/1386 Art. 9 and 11.

A plain module (no Django). All periods are calendar days counted from the day after
the event (1182/71 Art. 3(1)); the Regulation does not move them off weekends.

- Art. 6(2), 6(3): comments (member states) and an opinion (the Commission) within
  35 days of receiving the notification;
- Art. 6(6): where information was requested, up to 20 days after it is received,
  if that ends later;
- Art. 6(3): the Commission may give its opinion after other member states' comments,
  up to 5 days after the 35-day period ends;
- Art. 7(8): on an investment not screened, comments and opinions up to 15 months after
  its completion;
- a final-decision notice, a reply or a withdrawal opens no period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from core.pure import regulations
from core.pure.days import Unit, WorkingCalendar, add_months, last_day
from core.pure.regulations import ART6_AFTER_INFORMATION_DAYS as AFTER_INFORMATION_DAYS
from core.pure.regulations import ART6_COMMENT_DAYS as COMMENT_DAYS
from core.pure.regulations import ART6_COMMISSION_EXTRA_DAYS as COMMISSION_EXTRA_DAYS
from core.pure.regulations import ART7_MONTHS


@dataclass(frozen=True)
class Periods:
    comments_by: date | None = None  # member states' comments
    opinion_by: date | None = None  # the Commission's opinion
    reason: str = ""
    intent_by: date | None = None  # 2026/1386 Art. 9: this node announces its intent

    def as_dict(self) -> dict[str, str | None]:
        found = {
            "comments_by": self.comments_by.isoformat() if self.comments_by else None,
            "opinion_by": self.opinion_by.isoformat() if self.opinion_by else None,
            "reason": self.reason,
        }
        if self.intent_by is not None:
            found["intent_by"] = self.intent_by.isoformat()
        return found


def for_notification(
    article: int,
    received_on: date,
    *,
    completed_on: date | None = None,
    information_received_on: date | None = None,
) -> Periods:
    """When comments and opinions on a notification are due at the latest."""
    comments = received_on + timedelta(days=COMMENT_DAYS)
    reason = "Art. 6(2): 35 days from receipt"
    if information_received_on is not None:
        after_information = information_received_on + timedelta(days=AFTER_INFORMATION_DAYS)
        if after_information > comments:
            comments, reason = after_information, "Art. 6(6): 20 days after the information"
    if article == 7:
        if completed_on is None:
            return Periods(comments, comments + timedelta(days=COMMISSION_EXTRA_DAYS), reason)
        limit = add_months(completed_on, ART7_MONTHS)
        # Art. 7(8): never later than 15 months after completion.
        comments = min(comments, limit)
        return Periods(
            comments,
            min(comments + timedelta(days=COMMISSION_EXTRA_DAYS), limit),
            reason + "; Art. 7(8): at most 15 months after completion",
        )
    return Periods(
        comments_by=comments,
        opinion_by=comments + timedelta(days=COMMISSION_EXTRA_DAYS),
        reason=reason + "; Art. 6(3): the Commission 5 days more",
    )


def after_information(information_received_on: date) -> Periods:
    """Art. 6(6) alone: how long comments (20 days) and the Commission's opinion (5 more)
    may follow requested information; the later of this and the notification's own
    periods applies (`for_notification`)."""
    comments = information_received_on + timedelta(days=AFTER_INFORMATION_DAYS)
    return Periods(
        comments_by=comments,
        opinion_by=comments + timedelta(days=COMMISSION_EXTRA_DAYS),
        reason="Art. 6(6): 20 days after the information; Art. 6(3): the Commission 5 more",
    )


def for_kind(kind: str, received_on: date, **facts: date | None) -> Periods:
    """The periods a message of `kind` opens for its addressees."""
    if kind in ("notification_art6", "notification_art7"):
        return for_notification(6 if kind.endswith("6") else 7, received_on, **facts)
    if kind == "information_request":
        # The notifying state answers without a fixed period; the comment period then
        # runs to 20 days after the answer (see for_notification).
        return Periods(reason="Answer as soon as possible: comments may follow within 20 days")
    return Periods()


# --- Regulation (EU) 2026/1386 (docs/cooperation.md §12) -----------------------------
# Counted by 1182/71 with its Art. 3(4) roll-forward, as the periods table says.


def notification_2026(notified_on: date, calendar: WorkingCalendar, *, commission: bool) -> Periods:
    """Art. 9 and 11(3): the intent to comment within 15 days (the Commission's within
    20), comments within 20 days, the Commission's opinion within 30, from the day the
    notification is received; `commission` says whose intent day to give."""
    new = regulations.Regulation.EU_2026_1386
    due = {
        found.period.key: found.last_day
        for found in regulations.periods(
            new, regulations.Event.NOTIFICATION_RECEIVED, notified_on, calendar, {}
        )
    }
    return Periods(
        comments_by=due["comments"],
        opinion_by=due["opinion"],
        intent_by=due["intent_commission" if commission else "intent_member_state"],
        reason=f"Art. 9: intent within {20 if commission else 15} days; Art. 11(3): "
        "comments 20 days, the Commission's opinion 30",
    )


def after_additional_information_2026(
    current: Periods, information_on: date, calendar: WorkingCalendar
) -> Periods:
    """Art. 11(3): after additional information, comments within 15 days and the
    Commission's opinion within 25 of its receipt, where that ends later."""
    comments = last_day(information_on, regulations.AFTER_INFORMATION_COMMENT_DAYS, _DAYS, calendar)
    opinion = last_day(information_on, regulations.AFTER_INFORMATION_OPINION_DAYS, _DAYS, calendar)
    return Periods(
        comments_by=_later(current.comments_by, comments),
        opinion_by=_later(current.opinion_by, opinion),
        intent_by=current.intent_by,
        reason=current.reason + "; Art. 11(3): 15 and 25 days after additional information",
    )


def extended_2026(
    current: Periods, notified_on: date, days: int, calendar: WorkingCalendar
) -> Periods:
    """Art. 11(4): the periods counted from the notification, `days` (at most 20)
    longer; where additional information already runs them later, that stays."""
    if not 1 <= days <= regulations.EXTENSION_DAYS:
        raise ValueError(f"An extension is 1 to {regulations.EXTENSION_DAYS} days, not {days}.")
    comments = last_day(notified_on, regulations.COMMENT_DAYS + days, _DAYS, calendar)
    opinion = last_day(notified_on, regulations.OPINION_DAYS + days, _DAYS, calendar)
    return Periods(
        comments_by=_later(current.comments_by, comments),
        opinion_by=_later(current.opinion_by, opinion),
        intent_by=current.intent_by,
        reason=current.reason + f"; Art. 11(4): extended by {days} days",
    )


def from_dict(stored: dict[str, str | None]) -> Periods:
    def day(key: str) -> date | None:
        value = stored.get(key)
        return date.fromisoformat(value) if value else None

    return Periods(
        comments_by=day("comments_by"),
        opinion_by=day("opinion_by"),
        reason=str(stored.get("reason") or ""),
        intent_by=day("intent_by"),
    )


_DAYS = Unit.CALENDAR_DAYS


def _later(kept: date | None, new: date) -> date:
    return new if kept is None or new > kept else kept
