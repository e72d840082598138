"""This node's signing keys (encrypted at rest, docs/security.md) and the peers it talks
to, with the keys it accepts from each (rotation with a grace period)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cooperation import keys
from cooperation.models import NodeKey, Peer, PeerKey
from cooperation.pure import signing
from core.errors import DomainError, Invalid

KEY_GRACE = timedelta(days=14)  # old keys keep working this long after a rotation


def create_node_key(*, grace: timedelta = KEY_GRACE) -> NodeKey:
    """A new signing key; the keys before it keep signing beside it for `grace`."""
    pair = signing.new_key_pair()
    with transaction.atomic():
        NodeKey.objects.filter(retired_at__isnull=True).update(retired_at=timezone.now() + grace)
        return NodeKey.objects.create(
            public_key=pair.public, secret_key_encrypted=keys.encrypt(pair.secret)
        )


def signing_secrets() -> list[str]:
    """The active key first, then keys still in their grace period (decrypted: an
    unreadable one raises `keys.NodeKeyUnreadable`, saying what the operator must do)."""
    signing_keys = NodeKey.objects.filter(
        Q(retired_at__isnull=True) | Q(retired_at__gt=timezone.now())
    )
    secrets_ = [
        keys.decrypt(k.secret_key_encrypted)
        for k in sorted(signing_keys, key=lambda k: k.retired_at is not None)
    ]
    if not secrets_:
        raise DomainError(
            "This node has no signing key: run `python manage.py node_keys`.", code="no_key"
        )
    return secrets_


def reencrypt_node_keys() -> int:
    """Encrypt every signing key again with the first NODE_KEY_ENCRYPTION_KEY, after the
    encryption keys were rotated (the old one still listed after it). Returns how many."""
    with transaction.atomic():
        rows = list(NodeKey.objects.select_for_update().order_by("id"))
        for row in rows:
            row.secret_key_encrypted = keys.reencrypt(row.secret_key_encrypted)
            row.save(update_fields=["secret_key_encrypted"])
    return len(rows)


def register_peer(
    *,
    code: str,
    name: str,
    base_url: str,
    public_key: str,
    grace: timedelta = KEY_GRACE,
    is_hub: bool = False,
) -> Peer:
    """Add a peer, or give a known one a new key: its older keys stay valid for `grace`.
    A hub (`is_hub`) is trusted to relay other nodes' messages (docs/cooperation.md §13)."""
    if not signing.is_public_key(public_key):
        raise Invalid({"public_key": ["Not an Ed25519 key (whpk_...)."]})
    if not base_url.startswith(("https://", "http://")):
        raise Invalid({"base_url": ["Give an http(s) URL."]})
    with transaction.atomic():
        peer, _ = Peer.objects.update_or_create(
            code=code.upper(),
            defaults={"name": name, "base_url": base_url.rstrip("/"), "is_hub": is_hub},
        )
        if not peer.keys.filter(public_key=public_key).exists():
            peer.keys.filter(valid_until__isnull=True).update(valid_until=timezone.now() + grace)
            PeerKey.objects.create(peer=peer, public_key=public_key)
    return peer


def accepted_keys(peer: Peer) -> list[str]:
    now = timezone.now()
    return [k.public_key for k in peer.keys.all() if k.valid_until is None or k.valid_until > now]


def keys_valid_at(peer: Peer, moment: datetime) -> list[str]:
    """The peer's keys that were valid at `moment`: a message the peer signed then, and a
    hub relays later, still verifies after the peer rotated its key (§13)."""
    return [
        k.public_key for k in peer.keys.all() if k.valid_until is None or k.valid_until > moment
    ]


def commission_is_peer() -> bool:
    """The Commission's node (`EU`) is an active peer of this node."""
    return Peer.objects.filter(code="EU", is_active=True).exists()
