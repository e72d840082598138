"""Signing and checking cross-node messages: Standard Webhooks, asymmetric scheme `v1a`.

A plain module (no Django). The sender signs the exact bytes it sends:
`{webhook-id}.{webhook-timestamp}.{body}` with its Ed25519 key, and sends three headers:
`webhook-id` (the message id, the same on every retry), `webhook-timestamp` (Unix
seconds) and `webhook-signature` (`v1a,<base64 signature>`, several separated by spaces
while a key is being rotated). The receiver checks the timestamp against a tolerance
first (a replay from yesterday is refused even with a good signature), then accepts any
signature made by any key it holds for the sender.

Why Standard Webhooks and not RFC 9421: the thing signed is the whole body, byte for
byte, plus an id and a time; there are no proxies that rewrite headers between nodes to
protect against, and the scheme is three headers that any language can check in a few
lines. Keys are written as `whpk_<base64>` (public) and `whsk_<base64>` (secret), 32
raw Ed25519 bytes each, as Standard Webhooks' asymmetric scheme does.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

TOLERANCE_SECONDS = 300
SCHEME = "v1a"
MAX_SIGNATURES = 5  # more would only make a forger's job cheaper


class SignatureError(Exception):
    """Why a message was refused; `reason` says which check failed."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason  # "malformed", "timestamp", "signature"


@dataclass(frozen=True)
class KeyPair:
    secret: str  # whsk_...
    public: str  # whpk_...

    @property
    def key_id(self) -> str:
        return key_id(self.public)


def new_key_pair() -> KeyPair:
    private = Ed25519PrivateKey.generate()
    raw_private = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    raw_public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return KeyPair(
        secret="whsk_" + base64.b64encode(raw_private).decode(),
        public="whpk_" + base64.b64encode(raw_public).decode(),
    )


def key_id(public: str) -> str:
    """A short, stable name for a public key (for people and logs, never for trust)."""
    return hashlib.sha256(public.encode()).hexdigest()[:12]


def public_key_of(secret: str) -> str:
    raw = _private(secret).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return "whpk_" + base64.b64encode(raw).decode()


def is_public_key(text: str) -> bool:
    try:
        _public(text)
    except SignatureError:
        return False
    return True


def sign(message_id: str, timestamp: int, body: bytes, secrets_: Iterable[str]) -> dict[str, str]:
    """The three headers for `body`, signed with each of `secrets_` (the active key, and
    the previous one during a rotation)."""
    content = _signed_content(message_id, timestamp, body)
    signatures = [
        f"{SCHEME},{base64.b64encode(_private(secret).sign(content)).decode()}"
        for secret in secrets_
    ]
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": " ".join(signatures),
    }


def verify(
    headers: Mapping[str, str],
    body: bytes,
    public_keys: Iterable[str],
    *,
    now: float | None = None,
    tolerance: int = TOLERANCE_SECONDS,
) -> str:
    """Check the headers against `body`; the message id if one signature holds, else
    SignatureError. Header names are matched case-insensitively."""
    lowered = {name.lower(): value for name, value in headers.items()}
    message_id = lowered.get("webhook-id", "")
    stamp = lowered.get("webhook-timestamp", "")
    signature_header = lowered.get("webhook-signature", "")
    if not message_id or not stamp or not signature_header:
        raise SignatureError(
            "malformed", "Send the webhook-id, webhook-timestamp and webhook-signature headers."
        )
    try:
        timestamp = int(stamp)
    except ValueError:
        raise SignatureError("malformed", "webhook-timestamp must be Unix seconds.") from None
    current = time.time() if now is None else now
    if abs(current - timestamp) > tolerance:
        raise SignatureError(
            "timestamp",
            f"webhook-timestamp is {int(current - timestamp)} s away from this node's clock; "
            f"at most {tolerance} s are accepted.",
        )
    content = _signed_content(message_id, timestamp, body)
    keys = [_public(key) for key in public_keys]
    for candidate in signature_header.split(" ")[:MAX_SIGNATURES]:
        scheme, _, encoded = candidate.partition(",")
        if scheme != SCHEME:
            continue
        try:
            signature = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            continue
        for key in keys:
            try:
                key.verify(signature, content)
            except InvalidSignature:
                continue
            return message_id
    raise SignatureError(
        "signature", "No signature on this message verifies with the sender's keys."
    )


def _signed_content(message_id: str, timestamp: int, body: bytes) -> bytes:
    return f"{message_id}.{timestamp}.".encode() + body


def _private(secret: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(_raw(secret, "whsk_"))


def _public(public: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(_raw(public, "whpk_"))


def _raw(text: str, prefix: str) -> bytes:
    if not text.startswith(prefix):
        raise SignatureError("malformed", f"A key must start with {prefix}.")
    try:
        raw = base64.b64decode(text[len(prefix) :], validate=True)
    except (binascii.Error, ValueError):
        raise SignatureError("malformed", "A key must be base64.") from None
    if len(raw) != 32:
        raise SignatureError("malformed", "An Ed25519 key has 32 bytes.")
    return raw
