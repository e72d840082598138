"""The client's address when the node runs behind its TLS proxy (docs/operations.md).

REMOTE_ADDR is then the proxy's. The proxy appends the address it was reached from to
X-Forwarded-For; entries before it are whatever the client claimed, so only the last
one is trusted. Settings use this for the sign-in lockout when DJANGO_BEHIND_TLS_PROXY
is set.
"""

from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    last = forwarded.rsplit(",", 1)[-1].strip()
    return last or request.META.get("REMOTE_ADDR")
