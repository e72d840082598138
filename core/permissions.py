from rest_framework.permissions import BasePermission

from core.actors import Actor, actor_for
from core.models import Organisation


class IsInvestor(BasePermission):
    """The caller authenticated with an API key of an investor organisation."""

    message = "This endpoint is for investors: authenticate with your organisation's API key."

    def has_permission(self, request, view) -> bool:
        actor = request.user
        return isinstance(actor, Actor) and actor.api_key is not None and actor.is_investor


class IsAuthorityStaff(BasePermission):
    """Signed-in staff of a screening authority (never an investor's API key)."""

    message = "This is for the screening authority's signed-in staff."

    def has_permission(self, request, view) -> bool:
        actor = actor_for(request)
        return (
            actor.user is not None
            and actor.organisation is not None
            and actor.organisation.kind == Organisation.Kind.AUTHORITY
        )
