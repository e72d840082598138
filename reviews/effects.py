"""What follows a change of the review once it has committed, as recorded effects
(core/effects.py): never run inline in the request, retried until done, visible when
they fail. Registered when the app is ready."""

from __future__ import annotations

from core import effects
from reviews import inbox
from reviews.models import Case
from reviews.signals import case_transitioned

CASE_TRANSITIONED = "reviews.case_transitioned"
EMAIL_INBOX_ITEM = "reviews.email_inbox_item"


@effects.handler(CASE_TRANSITIONED)
def tell_higher_layers(*, case_id: str, before: str, after: str) -> None:
    """Higher layers (cooperation) follow the case; a receiver that raises makes the
    effect fail and be tried again, so receivers must be safe to run twice."""
    case = Case.objects.get(pk=case_id)
    case_transitioned.send(sender=Case, case=case, before=before, after=after)


@effects.handler(EMAIL_INBOX_ITEM)
def email_inbox_item(*, item_id: int) -> None:
    inbox.email(item_id)
