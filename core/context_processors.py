from django.conf import settings
from django.http import HttpRequest


def node(request: HttpRequest) -> dict[str, str]:
    return {"node_code": settings.NODE_CODE, "node_name": settings.NODE_NAME}
