"""The audit trail as a hash chain: each entry seals its content and the entry before.

Editing an entry changes its content, so its hash no longer matches; deleting one
breaks the link from the entry after it. `verify_chain` walks the whole trail and says
where it breaks. (Deleting the newest entries leaves a shorter chain that still holds:
a copy of the head hash kept elsewhere, e.g. in the annual report, closes that gap.)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

GENESIS = "0" * 64


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


def verify_chain(entries: Iterable[tuple[int, str, str, dict[str, Any]]]) -> list[Break]:
    """Check (id, previous_hash, hash, content) in id order; every place the chain breaks."""
    breaks: list[Break] = []
    expected_previous = GENESIS
    for entry_id, previous_hash, entry_hash, entry_content in entries:
        if previous_hash != expected_previous:
            breaks.append(Break(entry_id, "the entry before it was deleted or changed"))
        if seal(previous_hash, entry_content) != entry_hash:
            breaks.append(Break(entry_id, "its content was changed after it was written"))
        expected_previous = entry_hash
    return breaks
