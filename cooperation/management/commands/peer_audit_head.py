"""Print the copy this node keeps of a peer's newest signed audit head (docs/security.md).

The peer's operators check their own trail against it: they run
`manage.py verify_audit --head FILE` with what this prints.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from cooperation.models import Peer


class Command(BaseCommand):
    help = "Print the newest signed audit head of a peer, as kept from its feed (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("code", help="The peer's code, e.g. FR or EU")

    def handle(self, *args, **options):
        peer = Peer.objects.filter(code=options["code"].upper()).first()
        if peer is None:
            raise CommandError(f"No peer {options['code']!r}: see `manage.py shell` or the admin.")
        if peer.audit_head is None:
            raise CommandError(
                f"No audit head of {peer.code} kept yet: one arrives with each read of its "
                "feed (`pull_feeds`, every 10 minutes)."
            )
        self.stdout.write(json.dumps(peer.audit_head, indent=2))
