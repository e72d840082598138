"""The audit trail as a hash chain: each entry seals its content and the entry before.

Editing an entry changes its content, so its hash no longer matches; deleting one
breaks the link from the entry after it. `verify_chain` walks the whole trail and says
where it breaks.

A chain alone cannot show that its newest entries were deleted (what is left still
holds), nor that someone with the database rewrote it and sealed it again (the seal is a
plain hash). So the node signs the chain's head at intervals: the last entry's id and
hash, how many entries lead up to it, and when. The signing key is derived from the
environment (`core.keyring`), never stored in the database, so rows can be deleted but
no head can be made for a shorter or rewritten trail; and a head copied out of the
database (`manage.py audit_head`, the annual report) still names the end of the trail
when every row of the database has been changed. `check_head` says what a head finds
wrong with the trail. See docs/security.md.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.core.serializers.json import DjangoJSONEncoder

GENESIS = "0" * 64
HEAD_FORMAT = "fdi-audit-head/1"
HEAD_KEY_LABEL = "fdi-screening/audit-head/v1"  # the HKDF label of the head's key


def content(
    *,
    at: datetime,
    actor: str,
    user_id: Any,
    api_key_id: Any,
    organisation_id: Any,
    action: str,
    object_type: str,
    object_id: str,
    before: Any,
    after: Any,
    reason: str,
) -> dict[str, Any]:
    """What an entry's hash covers, in one canonical shape."""
    return {
        "at": at.isoformat(),
        "actor": actor,
        "user": None if user_id is None else str(user_id),
        "api_key": None if api_key_id is None else str(api_key_id),
        "organisation": None if organisation_id is None else str(organisation_id),
        "action": action,
        "object": f"{object_type}:{object_id}",
        "before": before,
        "after": after,
        "reason": reason,
    }


def seal(previous_hash: str, entry_content: dict[str, Any]) -> str:
    canonical = json.dumps(
        entry_content, sort_keys=True, separators=(",", ":"), cls=DjangoJSONEncoder
    )
    return hashlib.sha256(f"{previous_hash}\n{canonical}".encode()).hexdigest()


@dataclass(frozen=True)
class Break:
    entry_id: int
    problem: str


def verify_chain(
    entries: Iterable[tuple[int, str, str, dict[str, Any]]], *, start: str = GENESIS
) -> list[Break]:
    """Check (id, previous_hash, hash, content) in id order; every place the chain breaks.

    `start` is the hash the first entry must follow: the genesis for the whole trail, a
    signed head's hash for the entries written since.
    """
    breaks: list[Break] = []
    expected_previous = start
    for entry_id, previous_hash, entry_hash, entry_content in entries:
        if previous_hash != expected_previous:
            breaks.append(Break(entry_id, "the entry before it was deleted or changed"))
        if seal(previous_hash, entry_content) != entry_hash:
            breaks.append(Break(entry_id, "its content was changed after it was written"))
        expected_previous = entry_hash
    return breaks


# --- the signed head ----------------------------------------------------------------


@dataclass(frozen=True)
class Head:
    """The end of the trail at a moment: what a head's signature covers."""

    node: str
    last_entry_id: int
    last_entry_hash: str
    entry_count: int  # entries up to and including the last (ids have gaps: rollbacks)
    signed_at: datetime

    def message(self) -> bytes:
        """The exact bytes signed: the format's name, then the fields as canonical JSON."""
        fields = {
            "node": self.node,
            "last_entry_id": self.last_entry_id,
            "last_entry_hash": self.last_entry_hash,
            "entry_count": self.entry_count,
            "signed_at": self.signed_at.isoformat(),
        }
        return (
            f"{HEAD_FORMAT}\n{json.dumps(fields, sort_keys=True, separators=(',', ':'))}".encode()
        )


@dataclass(frozen=True)
class SignedHead:
    head: Head
    key_id: str
    public_key: str  # base64 of the raw Ed25519 key, for readers outside the node
    signature: str  # base64

    def as_json(self) -> dict[str, Any]:
        """The published form (`manage.py audit_head`), read back by `from_json`."""
        return {
            "format": HEAD_FORMAT,
            "node": self.head.node,
            "last_entry_id": self.head.last_entry_id,
            "last_entry_hash": self.head.last_entry_hash,
            "entry_count": self.head.entry_count,
            "signed_at": self.head.signed_at.isoformat(),
            "key_id": self.key_id,
            "public_key": self.public_key,
            "signature": self.signature,
        }

    @classmethod
    def from_json(cls, data: Any) -> SignedHead:
        """A head as published; ValueError says what is wrong with it."""
        if not isinstance(data, dict) or data.get("format") != HEAD_FORMAT:
            raise ValueError(f'not an audit head (no "format": "{HEAD_FORMAT}")')
        try:
            head = Head(
                node=str(data["node"]),
                last_entry_id=int(data["last_entry_id"]),
                last_entry_hash=str(data["last_entry_hash"]),
                entry_count=int(data["entry_count"]),
                signed_at=datetime.fromisoformat(str(data["signed_at"])),
            )
            return cls(
                head=head,
                key_id=str(data["key_id"]),
                public_key=str(data["public_key"]),
                signature=str(data["signature"]),
            )
        except KeyError as missing:
            raise ValueError(f"the head has no {missing.args[0]!r}") from None
        except (TypeError, ValueError) as error:
            raise ValueError(f"the head is malformed: {error}") from None


def head_key(seed: bytes) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(seed)


def public_key_text(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return base64.b64encode(public.public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()


def key_id(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """A short name for a key, to pick the key that checks a head (never to trust it)."""
    return hashlib.sha256(public_key_text(key).encode()).hexdigest()[:16]


def sign_head(head: Head, key: Ed25519PrivateKey) -> SignedHead:
    return SignedHead(
        head=head,
        key_id=key_id(key),
        public_key=public_key_text(key),
        signature=base64.b64encode(key.sign(head.message())).decode(),
    )


def signature_problem(signed: SignedHead, keys: Mapping[str, Ed25519PublicKey]) -> str | None:
    """Why `signed` cannot be trusted under this node's `keys` (by key id), or None.

    Only the node's own keys count: the public key a head carries is for readers
    outside the node, and anyone could put theirs there.
    """
    key = keys.get(signed.key_id)
    if key is None:
        return (
            f"the signed head of {signed.head.signed_at.isoformat()} is signed with a key "
            f"this node does not hold (key id {signed.key_id}): forged, or signed before "
            "the secret it was derived from was replaced (list that secret in "
            "SECRET_KEY_FALLBACKS)"
        )
    try:
        key.verify(base64.b64decode(signed.signature, validate=True), signed.head.message())
    except (InvalidSignature, binascii.Error, ValueError):
        return (
            f"the signed head of {signed.head.signed_at.isoformat()} is forged: its "
            f"signature does not match what it says (entry {signed.head.last_entry_id}, "
            f"{signed.head.entry_count} entries) under key {signed.key_id}"
        )
    return None


class TrailBroken(Exception):
    """The trail no longer extends the newest signed head: no head is signed over it
    until someone has looked and acknowledged why, with a reason."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(
            "The audit trail does not extend its last signed head: " + "; ".join(problems)
        )
        self.problems = problems


@dataclass(frozen=True)
class Trail:
    """What the database holds now, as far as one head is concerned."""

    last_entry_id: int | None  # None: no entries at all
    entry_count: int
    hash_of_named: str | None  # the hash of the entry the head names; None: not there
    count_up_to_named: int  # entries with an id up to the one the head names


def check_head(head: Head, trail: Trail) -> list[str]:
    """What the trail lacks that `head` (already trusted) says it had."""
    named = f"the signed head of {head.signed_at.isoformat()} names entry {head.last_entry_id}"
    named += f" (hash {head.last_entry_hash[:16]}…)"
    if trail.hash_of_named is None:
        if trail.last_entry_id is None or trail.last_entry_id < head.last_entry_id:
            missing = head.entry_count - trail.entry_count
            end = (
                "has no entries"
                if trail.last_entry_id is None
                else f"ends at entry {trail.last_entry_id}"
            )
            return [f"{named}; the trail {end}: {_entries(missing)} missing at the end"]
        missing = head.entry_count - trail.count_up_to_named
        return [
            f"{named}, which is missing: {_entries(missing)} up to it deleted, and the "
            "trail joined up again after them"
        ]
    if trail.hash_of_named != head.last_entry_hash:
        return [
            f"{named}, but that entry's hash is now {trail.hash_of_named[:16]}…: the trail "
            "up to it was rewritten and sealed again"
        ]
    if trail.count_up_to_named != head.entry_count:
        return [
            f"{named} as entry number {head.entry_count}, but {trail.count_up_to_named} "
            "entries lead up to it now"
        ]
    return []


def _entries(count: int) -> str:
    return "1 entry" if count == 1 else f"{count} entries"
