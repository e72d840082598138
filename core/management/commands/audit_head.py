"""Print the audit trail's newest signed head, to be kept outside the database."""

import json

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from core import audit
from core.actors import Actor
from core.services import latest_audit_head, sign_audit_head


class Command(BaseCommand):
    help = (
        "Print the newest signed head of the audit trail as JSON, to keep outside this "
        "database (operations' records, the annual report). `verify_audit --head FILE` "
        "checks the trail against such a copy."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sign", action="store_true", help="Sign a new head first.")
        parser.add_argument(
            "--acknowledge",
            metavar="REASON",
            default="",
            help=(
                "With --sign: sign although the trail no longer extends the last head "
                "(e.g. after a restore from backup); the reason goes into the audit trail."
            ),
        )

    def handle(self, *args, **options):
        try:
            self.print_head(**options)
        except ImproperlyConfigured as error:  # the key that signs heads is not there
            raise CommandError(str(error)) from None

    def print_head(self, **options):
        if options["acknowledge"] and not options["sign"]:
            raise CommandError("--acknowledge goes with --sign.")
        if options["sign"]:
            try:
                sign_audit_head(
                    actor=Actor.system("manage.py audit_head"), acknowledge=options["acknowledge"]
                )
            except audit.TrailBroken as broken:
                for problem in broken.problems:
                    self.stderr.write(problem)
                raise CommandError(
                    "No head signed: the audit trail does not extend the last signed head. "
                    "Find out why (`manage.py verify_audit`); to sign anyway, give the "
                    "reason with --acknowledge."
                ) from None
        head = latest_audit_head()
        if head is None:
            raise CommandError(
                "No signed head yet (the audit trail is empty, or none was signed): "
                "run `manage.py audit_head --sign`."
            )
        self.stdout.write(json.dumps(head, indent=2))
