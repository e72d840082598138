from datetime import timedelta

from django.utils import timezone

from core.models import IdempotentRequest
from core.services import purge_idempotent_requests


def test_old_idempotency_records_are_purged_and_recent_ones_kept(investor):
    for key in ("old", "new"):
        investor.post("/api/v1/filings/", {"title": key}, format="json", HTTP_IDEMPOTENCY_KEY=key)
    IdempotentRequest.objects.filter(key="old").update(
        created_at=timezone.now() - timedelta(days=8)
    )

    purged = purge_idempotent_requests()

    assert purged == 1
    assert list(IdempotentRequest.objects.values_list("key", flat=True)) == ["new"]
