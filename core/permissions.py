from rest_framework.permissions import BasePermission

from core.actors import Actor


class IsInvestor(BasePermission):
    """The caller authenticated with an API key of an investor organisation."""

    message = "This endpoint is for investors: authenticate with your organisation's API key."

    def has_permission(self, request, view) -> bool:
        actor = request.user
        return isinstance(actor, Actor) and actor.api_key is not None and actor.is_investor
