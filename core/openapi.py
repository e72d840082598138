"""What the OpenAPI schemas say beyond what drf-spectacular infers: one shape for every
4xx answer (operations declare the 409, 413 and 422 that are ours with `client_error`),
which operations each audience's schema holds and how that audience authenticates, and
the rules of the Idempotency-Key wherever it is taken (docs/api.md)."""

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ClientErrorSerializer(serializers.Serializer):
    code = serializers.CharField()
    detail = serializers.CharField()
    attr = serializers.CharField(allow_null=True)


class ErrorResponseSerializer(serializers.Serializer):
    """Any 4xx answer: which kind, and each error with its code, words and field.

    The codes are open-ended (a field's own checks add theirs: `invalid_country`,
    `not_a_lei`, ...), so the schema promises a string, not a closed list; the codes
    a client may want to branch on are in docs/api-errors.md.
    """

    type = serializers.ChoiceField(choices=["validation_error", "client_error"])
    errors = ClientErrorSerializer(many=True)  # type: ignore[assignment]  # the wire field name


def client_error(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorResponseSerializer, description=description)


def unprocessable(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorResponseSerializer, description=description)


# --- three audiences, three schemas ------------------------------------------------
# The API serves three kinds of caller, and each gets a schema of its own operations
# (docs/api.md): investors (API key), the authority's staff (a session that passed the
# second factor) and peer nodes (signed messages, no session, no key).


def audience_of(view_class: type) -> str:
    from core.permissions import IsAuthorityStaff, IsInvestor

    permissions = getattr(view_class, "permission_classes", [])
    if any(p is IsInvestor for p in permissions):
        return "investor"
    if any(p is IsAuthorityStaff for p in permissions):
        return "staff"
    if getattr(view_class, "authentication_classes", None) == []:
        return "node"
    raise ValueError(f"{view_class.__name__}: say who may call it (IsInvestor, IsAuthorityStaff)")


def _only(audience: str):
    def hook(endpoints, **kwargs):
        return [
            (path, regex, method, view)
            for path, regex, method, view in endpoints
            if path.startswith("/api/v1/") and audience_of(getattr(view, "cls", view)) == audience
        ]

    hook.__name__ = f"only_{audience}"
    return hook


only_investor = _only("investor")
only_staff = _only("staff")
only_node = _only("node")


# How each audience authenticates, whatever else DRF would accept from it: investors an
# API key, staff the session of a TOTP-verified sign-in, nodes their signature (no scheme
# OpenAPI can describe; the node schema's description says how to sign).
SECURITY: dict[str, tuple[dict[str, list[str]] | None, str | None]] = {
    "investor": ({"ApiKey": []}, "ApiKey"),
    "staff": ({"cookieAuth": []}, "cookieAuth"),
    "node": (None, None),
}


def _security(audience: str):
    requirement, scheme = SECURITY[audience]

    def hook(result, **kwargs):
        for operations in result.get("paths", {}).values():
            for operation in operations.values():
                operation["security"] = [requirement] if requirement else []
        schemes = result.get("components", {}).get("securitySchemes", {})
        for name in list(schemes):
            if name != scheme:
                del schemes[name]
        if not schemes:
            result.get("components", {}).pop("securitySchemes", None)
        return result

    hook.__name__ = f"security_{audience}"
    return hook


security_investor = _security("investor")
security_staff = _security("staff")
security_node = _security("node")


def document_idempotency(result, **kwargs):
    """Every operation that takes an Idempotency-Key can answer 400 (a malformed key) and
    422 (a key reused for a different request); say so once, here, for all of them."""
    error = {
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}}
    }
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            names = {p.get("name") for p in operation.get("parameters", [])}
            if "Idempotency-Key" not in names:
                continue
            responses = operation.setdefault("responses", {})
            responses.setdefault("400", {"description": "A malformed Idempotency-Key", **error})
            responses.setdefault(
                "422", {"description": "The Idempotency-Key was used for another request", **error}
            )
    return result
