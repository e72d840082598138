from django.core.management.base import BaseCommand, CommandError

from cooperation import inbox
from cooperation.models import Peer


class Command(BaseCommand):
    help = "Read a peer's feed of messages for this node since the last cursor (catching up)."

    def add_arguments(self, parser):
        parser.add_argument("code", help="The peer's node code")

    def handle(self, *args, **options):
        peer = Peer.objects.filter(code=options["code"].upper(), is_active=True).first()
        if peer is None:
            raise CommandError(f"No active peer {options['code']!r}.")
        try:
            read, new = inbox.pull_feed(peer)
        except OSError as error:
            raise CommandError(f"Cannot read {peer.code}'s feed: {error}") from error
        self.stdout.write(f"{read} entries read from {peer.code}, {new} new")
