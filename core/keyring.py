"""Keys that live in the node's environment, never in its database.

Whoever can read or write the database (a leaked backup, an injected query, a careless
administrator) must not find there the keys that protect it: the key that signs the
audit trail's head (`core.audit`) and the key that encrypts this node's private signing
key (`cooperation.keys`). Each purpose gets its own 32-byte key, derived with HKDF
(RFC 5869) from `SECRET_KEY` under a label naming the purpose, so one secret the
operator already keeps serves all of them and no derived key reveals another or the
secret itself. Django's own rotation works here too: keys derived from
`SECRET_KEY_FALLBACKS` still check and decrypt what the old secret made.

A purpose may also be given explicit keys (comma-separated, URL-safe base64 of 32
bytes, as `Fernet.generate_key()` prints them): the first is used to make, all of them
and then the derived ones to check. See docs/security.md.
"""

from __future__ import annotations

import base64
import binascii

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

KEY_BYTES = 32


def derive(secret: str, *, label: str) -> bytes:
    """A 32-byte key for one purpose (`label`), from a secret kept in the environment."""
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=label.encode()).derive(
        secret.encode()
    )


def derived_keys(*, label: str) -> list[bytes]:
    """The key derived from SECRET_KEY, then those derived from SECRET_KEY_FALLBACKS."""
    try:
        current = settings.SECRET_KEY
    except ImproperlyConfigured:  # Django refuses to hand out an empty key
        current = ""
    if not current:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set: the keys that sign the audit trail's head and "
            "encrypt this node's signing key are derived from it."
        )
    fallbacks = [secret for secret in getattr(settings, "SECRET_KEY_FALLBACKS", []) if secret]
    return [derive(secret, label=label) for secret in [current, *fallbacks]]


def explicit_keys(value: str, *, name: str) -> list[bytes]:
    """Keys given in the environment variable `name`: comma-separated, newest first."""
    keys = []
    for position, text in enumerate((part.strip() for part in value.split(",")), start=1):
        if not text:
            continue
        try:
            raw = base64.urlsafe_b64decode(text.encode())
        except (binascii.Error, ValueError):
            raw = b""
        if len(raw) != KEY_BYTES:
            raise ImproperlyConfigured(
                f"{name}: key {position} is not 32 bytes of URL-safe base64 (make one with "
                "`python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())'`)."
            )
        keys.append(raw)
    return keys


def keys_for(*, label: str, setting: str) -> list[bytes]:
    """The keys of one purpose, the one to make with first: the explicit keys of
    `setting` when it is set, then always the keys derived from SECRET_KEY (so moving from
    the derived key to an explicit one leaves what it made readable)."""
    value = getattr(settings, setting, "") or ""
    return [*explicit_keys(value, name=setting), *derived_keys(label=label)]
