import json
import uuid

from django.core.management.base import BaseCommand, CommandError

from cooperation import outbox
from cooperation.models import Kind
from core.actors import Actor
from core.errors import DomainError
from reviews.models import Case


class Command(BaseCommand):
    help = "Send a cooperation message to other nodes (as the contact point would); prints its id."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=Kind.values)
        parser.add_argument("--to", required=True, help="Node codes, comma-separated: FR,EU")
        parser.add_argument("--case", required=True, help="The notifying node's case reference")
        parser.add_argument("--title", default="")
        parser.add_argument("--payload", default="{}", help="JSON object")
        parser.add_argument("--reply-to", default=None, help="The message id answered")
        parser.add_argument("--classification", default="EU RESTRICTED")

    def handle(self, *args, **options):
        try:
            payload = json.loads(options["payload"])
            in_reply_to = uuid.UUID(options["reply_to"]) if options["reply_to"] else None
        except ValueError as error:
            raise CommandError(f"Bad --payload or --reply-to: {error}") from error
        try:
            message = outbox.send_message(
                kind=options["kind"],
                addressees=[code.strip().upper() for code in options["to"].split(",")],
                case_reference=options["case"],
                case=Case.objects.filter(reference=options["case"]).first(),
                title=options["title"],
                payload=payload,
                in_reply_to=in_reply_to,
                classification=options["classification"],
                actor=Actor.system("operator (command line)"),
            )
        except DomainError as error:
            raise CommandError(str(error.detail)) from error
        self.stdout.write(str(message.message_id))
