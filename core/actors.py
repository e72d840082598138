"""The actor of a request: an organisation's API key or a signed-in user.

Services take an `Actor`, so the audit trail and the permission checks read the same
facts whether the call came from the API, a page, a command or a task.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from core.models import ApiKey, Organisation


@dataclass(frozen=True)
class Actor:
    label: str
    organisation: Organisation | None
    user: AbstractBaseUser | None = None
    api_key: ApiKey | None = None

    # DRF treats the authenticated principal as `request.user`.
    is_authenticated = True
    is_anonymous = False
    is_active = True

    @property
    def is_investor(self) -> bool:
        return self.organisation is not None and self.organisation.kind == "investor"

    @classmethod
    def for_key(cls, key: ApiKey) -> Actor:
        return cls(
            label=f"{key.organisation.name} / API key {key.name} ({key.prefix})",
            organisation=key.organisation,
            api_key=key,
        )

    @classmethod
    def for_user(cls, user: AbstractBaseUser) -> Actor:
        membership = getattr(user, "membership", None)
        organisation = membership.organisation if membership else None
        return cls(label=user.get_username(), organisation=organisation, user=user)

    @classmethod
    def system(cls, label: str = "system") -> Actor:
        return cls(label=label, organisation=None)


def actor_for(request) -> Actor:
    """The actor behind a DRF or Django request (API key or signed-in user)."""
    user = request.user
    if isinstance(user, Actor):
        return user
    return Actor.for_user(user)
