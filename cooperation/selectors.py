"""Which cooperation messages a member of the authority's staff may read, and which of
them they have not opened yet: shared by the API and the pages."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from cooperation.models import Message, MessageRead
from core.actors import Actor
from core.models import Effect
from reviews.models import Case
from reviews.pure.workflow import Role
from reviews.services import roles_of


def reads_every_message(actor: Actor) -> bool:
    """The contact point and senior officers read every message of the node; a case
    officer reads those about the cases assigned to them."""
    return bool(roles_of(actor) & {Role.CONTACT_POINT, Role.SENIOR_OFFICER})


def messages_for(actor: Actor) -> QuerySet[Message]:
    """The messages the actor may read (`reads_every_message`)."""
    messages = Message.objects.select_related("case").order_by("-id")
    if reads_every_message(actor):
        return messages
    user_id = actor.user.pk if actor.user is not None else None
    return messages.filter(Q(case__assignee_id=user_id))


def read_by(actor: Actor) -> Exists:
    """True for a message this user has opened."""
    user_id = actor.user.pk if actor.user is not None else 0
    return Exists(MessageRead.objects.filter(message=OuterRef("pk"), user_id=user_id))


def with_read(messages: QuerySet[Message], actor: Actor) -> QuerySet[Message]:
    """Each message with `is_read`: whether this user has opened it."""
    return messages.annotate(is_read=read_by(actor))


def unread_for(actor: Actor) -> QuerySet[Message]:
    """Messages received from other nodes that this user has not opened."""
    return messages_for(actor).filter(~read_by(actor), direction=Message.Direction.INBOUND)


def effects_waiting_for(case: Case) -> Effect | None:
    """The oldest after-commit effect of the case's transitions not yet done, if any:
    what the cooperation panel says it is still preparing (core/effects.py)."""
    return (
        Effect.objects.filter(
            name="reviews.case_transitioned",
            status__in=[Effect.Status.PENDING, Effect.Status.FAILED],
            payload__case_id=str(case.pk),
        )
        .order_by("id")
        .first()
    )
