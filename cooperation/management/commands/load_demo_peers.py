from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from cooperation import peers
from cooperation.models import Peer
from cooperation.pure import signing

# The demo's other nodes: registered, so that the contact point can send, but not
# running, so that their deliveries wait and are retried (the message page says why).
DEMO_PEERS = [
    ("FR", "France (demo: its node is not running)", "http://127.0.0.1:8766"),
    ("EU", "European Commission (demo: its node is not running)", "http://127.0.0.1:8767"),
]


class Command(BaseCommand):
    help = (
        "Register the demo's peers, France and the Commission, at local addresses where "
        "nothing runs (idempotent; SQLite demo nodes only)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="On a database that is not SQLite, too."
        )

    def handle(self, *args, **options):
        if connection.vendor != "sqlite" and not options["force"]:
            raise CommandError("Demo peers are for the SQLite demo node only.")
        for code, name, url in DEMO_PEERS:
            if Peer.objects.filter(code=code).exists():
                continue
            # A key pair made up for the demo: nothing signed by it ever arrives here.
            peers.register_peer(
                code=code, name=name, base_url=url, public_key=signing.new_key_pair().public
            )
        self.stdout.write(
            "Peers: "
            + ", ".join(f"{code} at {url}" for code, _, url in DEMO_PEERS)
            + " (not running: deliveries to them wait and are retried)."
        )
