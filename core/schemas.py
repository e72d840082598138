"""One OpenAPI schema per audience: investors, the authority's staff, peer nodes.

Each is generated from the code (drf-spectacular) with a hook that keeps only its
audience's operations (core/openapi.py `audience_of`), and says how that audience
authenticates (docs/api.md).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.views import SpectacularAPIView

ERROR_SHAPE = (
    "Every error answers in one shape: `{type, errors: [{code, detail, attr}]}`, where "
    "`attr` names the field (dotted for nested fields, e.g. `stake.voting_after`). "
    "Answers are never cached (`Cache-Control: no-store`)."
)

AUDIENCES: dict[str, dict[str, Any]] = {
    "investor": {
        "TITLE": "FDI screening: investor API",
        "DESCRIPTION": (
            "For investors and their counsel: draft, submit, amend and withdraw filings "
            "(Regulation (EU) 2019/452, Art. 9 information), upload documents, answer "
            "requests for information, follow the review. Authenticate with "
            "`Authorization: Bearer <API key>`. " + ERROR_SHAPE
        ),
        "PREPROCESSING_HOOKS": ["core.openapi.only_investor"],
    },
    "staff": {
        "TITLE": "FDI screening: authority staff API",
        "DESCRIPTION": (
            "For the screening authority's staff: cases and their workflow, ownership "
            "resolution, BODS imports, watch-list matches, cross-state messages. "
            "Authenticate with the session of a sign-in at /accounts/login/ that passed "
            "the second factor (password and TOTP code); unsafe methods also send the "
            "`X-CSRFToken` header with the `csrftoken` cookie's value. " + ERROR_SHAPE
        ),
        "PREPROCESSING_HOOKS": ["core.openapi.only_staff"],
        "APPEND_COMPONENTS": {},
    },
    "node": {
        "TITLE": "FDI screening: node-to-node API",
        "DESCRIPTION": (
            "For the other member states' nodes and the Commission (the cooperation "
            "mechanism, Art. 6 and 7): deliver signed messages to the inbox and read the "
            "signed pull feed. No session and no API key: each message is a CloudEvents 1.0 "
            "JSON event signed with the sender's Ed25519 key (Standard Webhooks, scheme "
            "`v1a`: headers `webhook-id`, `webhook-timestamp`, `webhook-signature` over "
            "`{id}.{timestamp}.{body}`); the signature is checked over the raw bytes before "
            "the body is parsed. A feed request signs `GET <path>` the same way and names "
            "its node in `fdi-node`. " + ERROR_SHAPE
        ),
        "PREPROCESSING_HOOKS": ["core.openapi.only_node"],
        "APPEND_COMPONENTS": {},
    },
}


def schema_view(audience: str) -> Any:
    hooks: list[str] = AUDIENCES[audience]["PREPROCESSING_HOOKS"]
    spectacular: dict[str, Any] = settings.SPECTACULAR_SETTINGS
    custom = {
        **AUDIENCES[audience],
        "PREPROCESSING_HOOKS": [
            *spectacular.get("PREPROCESSING_HOOKS", []),
            *hooks,
        ],
        "POSTPROCESSING_HOOKS": [
            *spectacular.get("POSTPROCESSING_HOOKS", []),
            f"core.openapi.security_{audience}",
            "core.openapi.document_idempotency",
        ],
    }
    return SpectacularAPIView.as_view(custom_settings=custom)
