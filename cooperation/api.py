"""The cooperation endpoints: where peers deliver, the pull feed they read, and the
staff's view of the messages.

Peers authenticate by signature, not by session or API key: the inbox verifies the
signed message itself; the feed verifies a signed request (`webhook-*` headers over
`GET <path>` and the peer's code in `fdi-node`).
"""

from __future__ import annotations

import time
import uuid
from typing import Any
from xml.etree import ElementTree

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cooperation import inbox, outbox, peers, selectors, services, wire
from cooperation.models import Kind, Message, Peer
from cooperation.pure import signing
from cooperation.wire import KINDS_2026_1386
from core.actors import actor_for
from core.openapi import client_error
from core.permissions import IsAuthorityStaff
from core.services import latest_audit_head

FEED_PAGE = 100
ATOM = "http://www.w3.org/2005/Atom"


class Acknowledgement(serializers.Serializer):
    message_id = serializers.UUIDField()
    duplicate = serializers.BooleanField(help_text="Already received: acknowledged, kept once")


class RawBodyParser:
    """The exact bytes, unparsed: they are what the signature covers."""

    media_type = "*/*"

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> bytes:
        return stream.read() if stream is not None else b""


class InboxView(APIView):
    """Peers deliver messages here (signed CloudEvents, Standard Webhooks `v1a`)."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    parser_classes = [RawBodyParser]  # type: ignore[list-item]

    @extend_schema(
        summary="Deliver a cooperation message (peers only, signed)",
        request={"application/cloudevents+json": {"type": "object"}},
        responses={
            201: Acknowledgement,
            200: Acknowledgement,
            400: client_error("Malformed: stale timestamp, bad headers, not a CloudEvent"),
            401: client_error("No known node signed these bytes, or not the one named"),
            403: client_error("The sender may not send this kind, or not to this node"),
        },
    )
    def post(self, request: Request) -> Response:
        body = request.body
        received = inbox.receive(dict(request.headers), body)
        return Response(
            {"message_id": received.message.message_id, "duplicate": received.is_duplicate},
            status=200 if received.is_duplicate else 201,
        )


class RelayAcknowledgement(Acknowledgement):
    relayed_to = serializers.ListField(child=serializers.CharField(), help_text="Node codes")


class RelayView(APIView):
    """On a hub (the Commission's secure system, `COOPERATION_RELAY`): nodes hand their
    2026/1386 messages here; the hub checks and keeps them, and delivers each to its
    addressees with the sender's signature intact (docs/cooperation.md §13)."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    parser_classes = [RawBodyParser]  # type: ignore[list-item]

    @extend_schema(
        summary="Hand a message to the hub for its addressees (peers only, signed)",
        request={"application/cloudevents+json": {"type": "object"}},
        responses={
            201: RelayAcknowledgement,
            200: RelayAcknowledgement,
            400: client_error("Malformed: stale timestamp, bad headers, not a CloudEvent"),
            401: client_error("No known node signed these bytes, or not the one named"),
            403: client_error("The sender may not send this kind, or an addressee is unknown"),
            404: client_error("This node is not a hub"),
        },
    )
    def post(self, request: Request) -> Response:
        relayed = inbox.relay(dict(request.headers), request.body)
        return Response(
            {
                "message_id": relayed.message.message_id,
                "duplicate": relayed.is_duplicate,
                "relayed_to": relayed.to,
            },
            status=200 if relayed.is_duplicate else 201,
        )


class FeedView(APIView):
    """Messages this node sent to the calling peer, after a cursor: how a node that was
    down catches up. JSON by default, Atom with `?as=atom`."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Messages for the calling peer since a cursor (signed request)",
        parameters=[
            OpenApiParameter(
                "after",
                {"type": "integer", "minimum": 0},
                description="The last cursor you have; 0 first",
            ),
            OpenApiParameter("as", str, enum=["json", "atom"], description="atom for an Atom feed"),
        ],
        responses={
            (200, "application/json"): {"type": "object"},
            (200, "application/atom+xml"): {"type": "string"},
            400: client_error("A cursor that is not a whole number, or malformed headers"),
            401: client_error("The request's signature does not hold"),
            403: client_error("fdi-node names no active peer"),
        },
    )
    def get(self, request: Request) -> HttpResponse:
        peer = self._caller(request)
        given = request.query_params.get("after", "0")
        if not given.isdigit():
            raise exceptions.ValidationError({"after": ["A cursor is a whole number from 0."]})
        after = int(given)
        form = request.query_params.get("as", "json")
        if form not in ("json", "atom"):
            raise exceptions.ValidationError({"as": ["Give json (the default) or atom."]})
        messages = list(
            Message.objects.filter(
                direction=Message.Direction.OUTBOUND,
                status=Message.Status.SENT,
                id__gt=after,
                addressees__contains=[peer.code],
            ).order_by("id")[:FEED_PAGE]
        )
        entries = [
            {
                "cursor": m.id,
                "headers": wire.signed_headers(str(m.message_id), m.body.encode()),
                "body": m.body,
            }
            for m in messages
        ]
        if form == "atom":
            return HttpResponse(_atom(messages, entries), content_type="application/atom+xml")
        return Response(
            {
                "entries": entries,
                "next": entries[-1]["cursor"] if entries else after,
                # This node's newest signed audit head, for peers to keep a copy apart
                # from this node's database (docs/security.md).
                "audit_head": latest_audit_head(),
            }
        )

    def _caller(self, request: Request) -> Peer:
        code = request.headers.get("fdi-node", "").upper()
        peer = Peer.objects.filter(code=code, is_active=True).first()
        if peer is None:
            raise exceptions.PermissionDenied(f"Unknown node {code!r}: send your code in fdi-node.")
        signed = f"GET {request.get_full_path()}".encode()
        try:
            signing.verify(dict(request.headers), signed, peers.accepted_keys(peer))
        except signing.SignatureError as error:
            answer = 401 if error.reason == "signature" else 400
            raise inbox.refused(
                str(error), code=f"bad_{error.reason}", status_code=answer
            ) from None
        return peer


def signed_feed_request(path: str, secrets_: list[str]) -> dict[str, str]:
    """The headers a node sends to read a peer's feed at `path` (with its query)."""
    return signing.sign(str(uuid.uuid4()), int(time.time()), f"GET {path}".encode(), secrets_)


def _atom(messages: list[Message], entries: list[dict[str, Any]]) -> bytes:
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    ElementTree.SubElement(feed, f"{{{ATOM}}}id").text = f"urn:fdi-node:{wire.node_code()}:feed"
    ElementTree.SubElement(feed, f"{{{ATOM}}}title").text = "Cooperation messages"
    ElementTree.SubElement(feed, f"{{{ATOM}}}updated").text = timezone.now().isoformat()
    for message, entry in zip(messages, entries, strict=True):
        item = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
        ElementTree.SubElement(item, f"{{{ATOM}}}id").text = f"urn:uuid:{message.message_id}"
        ElementTree.SubElement(
            item, f"{{{ATOM}}}title"
        ).text = f"{message.get_kind_display()}: {message.case_reference}"
        ElementTree.SubElement(item, f"{{{ATOM}}}updated").text = message.sent_at.isoformat()
        category = ElementTree.SubElement(item, f"{{{ATOM}}}category")
        category.set("term", message.kind)
        for name, value in entry["headers"].items():
            link = ElementTree.SubElement(item, f"{{{ATOM}}}link")
            link.set("rel", f"urn:fdi:{name}")
            link.set("href", f"data:,{value}")
        content = ElementTree.SubElement(item, f"{{{ATOM}}}content")
        content.set("type", "application/cloudevents+json")
        content.text = message.body
    return ElementTree.tostring(feed, xml_declaration=True, encoding="utf-8")


# --- staff --------------------------------------------------------------------------


class MessageSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.reference", allow_null=True, default=None)
    kind_label = serializers.CharField(source="get_kind_display")
    deliveries = serializers.SerializerMethodField()

    class Meta:
        model = Message
        fields = [
            "message_id",
            "direction",
            "status",
            "kind",
            "kind_label",
            "sender",
            "addressees",
            "case_reference",
            "case",
            "in_reply_to",
            "classification",
            "title",
            "payload",
            "sent_at",
            "received_at",
            "periods",
            "deliveries",
        ]

    def get_deliveries(self, message: Message) -> list[dict[str, Any]]:
        return [
            {
                "peer": d.peer.code,
                "status": d.status,
                "attempts": d.attempts,
                "delivered_at": d.delivered_at,
                "last_error": d.last_error,
            }
            for d in message.deliveries.all()
        ]


class ComposeSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.choices)
    addressees = serializers.ListField(child=serializers.CharField(max_length=2), min_length=1)
    case_reference = serializers.CharField(max_length=40)
    title = serializers.CharField(max_length=300)
    payload = serializers.DictField(required=False, default=dict)
    in_reply_to = serializers.UUIDField(required=False, allow_null=True, default=None)
    classification = serializers.CharField(max_length=60, default="EU RESTRICTED")

    def validate_kind(self, kind: str) -> str:
        if kind in OWN_FLOW:
            raise serializers.ValidationError(
                f"A {Kind(kind).label.lower()} is sent from its case's page, where its rules "
                "(once, its periods) are kept (docs/cooperation.md §12)."
            )
        return kind


# 2026/1386 messages with rules of their own (mechanism.py); not composed freely.
OWN_FLOW = KINDS_2026_1386 - {Kind.MEETING_REQUEST}


class MessageViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Within a node, the contact point, senior officers and the case's officer read the
    cooperation messages; the contact point sends them."""

    permission_classes = [IsAuthorityStaff]
    serializer_class = MessageSerializer
    lookup_field = "message_id"

    def get_queryset(self) -> QuerySet[Message]:
        if getattr(self, "swagger_fake_view", False):
            return Message.objects.none()
        return selectors.messages_for(actor_for(self.request)).prefetch_related("deliveries__peer")

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        case = self.request.query_params.get("case")
        return queryset.filter(case__reference=case) if case else queryset

    @extend_schema(
        summary="Send a prepared notification (contact point)",
        request=None,
        responses={200: MessageSerializer},
    )
    @action(detail=True, methods=["post"])
    def send(self, request: Request, message_id: str | None = None) -> Response:
        actor = actor_for(request)
        services.check_contact_point(actor)
        message = services.send_draft(message=self.get_object(), actor=actor)
        return Response(MessageSerializer(message).data)

    @extend_schema(
        summary="Send a cooperation message (contact point)",
        request=ComposeSerializer,
        responses={
            201: MessageSerializer,
            409: client_error("This node may not send that kind (Art. 6, 7), or has no key"),
        },
    )
    def create(self, request: Request) -> Response:
        actor = actor_for(request)
        services.check_contact_point(actor)
        body = ComposeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        from reviews.models import Case

        message = outbox.send_message(
            actor=actor,
            case=Case.objects.filter(reference=data["case_reference"]).first(),
            **data,
        )
        return Response(MessageSerializer(message).data, status=201)
