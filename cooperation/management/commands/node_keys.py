from django.core.management.base import BaseCommand

from cooperation import services
from cooperation.models import NodeKey


class Command(BaseCommand):
    help = (
        "Make this node's Ed25519 signing key (or a new one with --rotate; the old one "
        "keeps signing beside it for the grace period) and print the public key for peers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rotate", action="store_true", help="Make a new key now.")
        parser.add_argument("--grace-days", type=int, default=14)

    def handle(self, *args, **options):
        from datetime import timedelta

        key = NodeKey.objects.filter(retired_at__isnull=True).first()
        if key is None or options["rotate"]:
            key = services.create_node_key(grace=timedelta(days=options["grace_days"]))
        self.stdout.write(key.public_key)
