from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from reviews.demo import load_review_demo
from screening.demo import load_demo
from screening.models import Filing


class Command(BaseCommand):
    help = (
        "Load demo organisations, API keys, authority accounts, filings and cases at "
        "several steps of the review (idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load into a database that is not SQLite (a throw-away PostgreSQL node).",
        )

    def handle(self, *args, **options):
        # Production is the default (DEBUG off everywhere), so DEBUG no longer tells a demo
        # node from a real one; the embedded SQLite database does (docs/decisions.md).
        if connection.vendor != "sqlite" and not options["force"]:
            raise CommandError(
                "Demo data has published passwords and keys; refusing to load it into "
                f"a {connection.vendor} database (use --force on a throw-away node)."
            )
        result = load_demo()  # filings: their cases open when it commits
        cases = load_review_demo()
        # The review demo files one more (the 2026/1386 case): count after it.
        filings = Filing.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {filings} filings, {cases} cases."))
        self.stdout.write(
            "\nAuthority staff (browser sign-in: user name, password, roles). The second "
            "factor: `python manage.py totp USER --code` prints the current code, or add "
            "`python manage.py totp USER` (an otpauth:// URI) to an authenticator app."
        )
        for username, password, roles in result.staff:
            self.stdout.write(f"  {username:<10} {password}   ({roles})")
        self.stdout.write("\nInvestor API keys (Authorization: Bearer <key>):")
        for organisation, key in result.keys.items():
            self.stdout.write(f"  {organisation}\n    {key}")
