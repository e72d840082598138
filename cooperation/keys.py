"""This node's private signing keys, encrypted at rest.

Whoever holds the node's private key speaks for the node to every peer, so the key is
not kept in the database in clear: a leaked dump or backup, or a query injected into
it, would hand it over. It is encrypted with Fernet (AES-128-CBC with HMAC-SHA256) under
a key from the environment: `NODE_KEY_ENCRYPTION_KEY`, comma-separated so it can be
rotated (the first encrypts, every one decrypts: MultiFernet), or, when that is unset, a
key derived from `DJANGO_SECRET_KEY` (`core.keyring`). The derived default means an
existing node needs no new secret to upgrade, and still keeps the private key out of
the database; an explicit key separates it from the secret key that every web process
holds, and can be rotated on its own. See docs/security.md.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.core.exceptions import ImproperlyConfigured

from core import keyring
from core.errors import Unavailable

SETTING = "NODE_KEY_ENCRYPTION_KEY"
LABEL = "fdi-screening/node-key-encryption/v1"  # the HKDF label of the derived key


class NodeKeyUnreadable(Unavailable):
    """The node cannot read its own signing key: its configuration is wrong, so it can
    sign nothing until an operator fixes it (503, not the caller's fault). Pages, the API
    and commands show the reason as they show any refusal."""

    default_code = "node_key_unreadable"


def encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise NodeKeyUnreadable(
            "This node's signing key cannot be decrypted: it was encrypted with a key that "
            f"is neither in {SETTING} nor derived from DJANGO_SECRET_KEY (or its "
            "fallbacks). Give the key it was encrypted with again (after the new one, "
            f"comma-separated), then run `python manage.py node_keys --reencrypt`."
        ) from None


def reencrypt(token: str) -> str:
    """`token` encrypted again with the first key (after a rotation of the keys)."""
    try:
        return _fernet().rotate(token.encode()).decode()
    except InvalidToken:
        decrypt(token)  # raises with the operator's explanation
        raise


def _fernet() -> MultiFernet:
    try:
        raw_keys = keyring.keys_for(label=LABEL, setting=SETTING)
    except ImproperlyConfigured as error:
        raise NodeKeyUnreadable(str(error)) from None
    return MultiFernet([Fernet(base64.urlsafe_b64encode(raw)) for raw in raw_keys])
