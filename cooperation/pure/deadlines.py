"""The periods of the cooperation mechanism, Regulation (EU) 2019/452 Art. 6 and 7.

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

from core.pure.days import add_months
from core.pure.regulations import ART6_AFTER_INFORMATION_DAYS as AFTER_INFORMATION_DAYS
from core.pure.regulations import ART6_COMMENT_DAYS as COMMENT_DAYS
from core.pure.regulations import ART6_COMMISSION_EXTRA_DAYS as COMMISSION_EXTRA_DAYS
from core.pure.regulations import ART7_MONTHS


@dataclass(frozen=True)
class Periods:
    comments_by: date | None = None  # member states' comments
    opinion_by: date | None = None  # the Commission's opinion
    reason: str = ""

    def as_dict(self) -> dict[str, str | None]:
        return {
            "comments_by": self.comments_by.isoformat() if self.comments_by else None,
            "opinion_by": self.opinion_by.isoformat() if self.opinion_by else None,
            "reason": self.reason,
        }


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
