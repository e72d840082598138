"""The reviewers' inbox, and the e-mail that goes with each item.

One item per reviewer and event (`key`): telling twice about the same event adds
nothing and sends nothing. The e-mail is an after-commit effect: a rolled-back change
sends no mail, and a mail server that refuses it delays it, never loses it.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from core import effects
from reviews.models import Case, InboxItem


def notify(recipient: User, *, case: Case | None, key: str, subject: str, body: str) -> bool:
    """Put an item in `recipient`'s inbox and e-mail it; False if they were told already."""
    if InboxItem.objects.filter(recipient=recipient, key=key).exists():
        return False
    try:
        with transaction.atomic():
            item = InboxItem.objects.create(
                recipient=recipient, case=case, key=key, subject=subject, body=body
            )
    except IntegrityError:  # told by a concurrent run a moment ago
        return False
    if recipient.email:
        # Sent by Celery after the commit, retried if the mail server refuses it
        # (reviews/effects.py, core/effects.py): one SMTP failure loses no mail and stops
        # no deadline watch.
        effects.record("reviews.email_inbox_item", item_id=item.pk)
    return True


def mark_read(item: InboxItem) -> InboxItem:
    """The reviewer has read the item (the first reading counts)."""
    InboxItem.objects.filter(pk=item.pk, read_at__isnull=True).update(read_at=timezone.now())
    item.refresh_from_db()
    return item


def email(item_id: int) -> None:
    """Send the item's e-mail, once: an item already e-mailed is left alone."""
    item = InboxItem.objects.select_related("recipient").get(pk=item_id)
    if item.emailed_at is not None:
        return
    send_mail(item.subject, item.body, None, [item.recipient.email])
    InboxItem.objects.filter(pk=item_id).update(emailed_at=timezone.now())
