from django.conf import settings
from django.http import HttpRequest


def node(request: HttpRequest) -> dict[str, str]:
    return {
        "node_code": settings.NODE_CODE,
        "node_name": settings.NODE_NAME,
        # Cases opened from this day fall under 2026/1386 (docs/deadlines.md §3).
        "new_regulation_from": str(settings.EU_2026_1386_APPLIES_FROM),
    }
