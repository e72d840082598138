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
    """Signed-in staff of a screening authority (never an investor's API key), whose
    session passed the second factor (TOTP), as on the pages (docs/security.md)."""

    message = "This is for the screening authority's signed-in staff."
    unverified = (
        "Sign in with your password and your authenticator code first: the staff API "
        "needs a session that passed the second factor."
    )

    def has_permission(self, request, view) -> bool:
        if request.user is None:  # no credentials at all: DRF answers 401/403
            return False
        actor = actor_for(request)
        is_staff = (
            actor.user is not None
            and actor.organisation is not None
            and actor.organisation.kind == Organisation.Kind.AUTHORITY
        )
        if not is_staff:
            return False
        # django-otp's middleware gives the session's user is_verified().
        if not getattr(actor.user, "is_verified", lambda: False)():
            self.message = self.unverified
            return False
        return True
