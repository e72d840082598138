"""Check the audit trail: its hash chain, its signed heads, and copies kept elsewhere."""

import json
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core import audit
from core.services import verify_audit_trail


class Command(BaseCommand):
    help = (
        "Check the audit trail's hash chain (finds any entry edited or deleted) and its "
        "newest signed head (finds entries deleted at the end, and a trail rewritten and "
        "sealed again); with --head, also against a head printed earlier by `audit_head`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--head",
            metavar="FILE",
            action="append",
            default=[],
            help="A head printed by `manage.py audit_head` and kept outside the database.",
        )
        parser.add_argument(
            "--max-head-age",
            metavar="MINUTES",
            type=int,
            help=(
                "Fail if the newest signed head is older (Celery beat signs one every ten "
                "minutes: an older newest head means beat stopped or heads were deleted)."
            ),
        )

    def handle(self, *args, **options):
        copies = [(path, self.read_head(path)) for path in options["head"]]
        problems = []
        try:
            report = verify_audit_trail(copy=copies[0][1] if copies else None)
            for path, copy in copies[1:]:
                problems += [f"{path}: {p}" for p in verify_audit_trail(copy=copy).copy_problems]
        except ImproperlyConfigured as error:  # the key that checks heads is not there
            raise CommandError(str(error)) from None
        problems[:0] = [
            *(f"audit entry {b.entry_id}: {b.problem}" for b in report.breaks),
            *report.problems,
            *(f"{copies[0][0]}: {problem}" for problem in report.copy_problems),
        ]
        problems += self.staleness(report.head, options["max_head_age"])
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"The audit trail is broken in {len(problems)} place(s).")
        self.stdout.write(f"The audit trail holds: {report.entries} entries checked.")
        if report.head is None:
            self.stdout.write(
                "No signed head yet, so entries deleted at the end could not be found "
                "(Celery beat signs one every ten minutes; or `manage.py audit_head --sign`)."
            )
        else:
            self.stdout.write(f"It extends {self.describe(report.head)}.")
        for path, copy in copies:
            self.stdout.write(f"It extends {self.describe(copy)} kept in {path}.")

    def read_head(self, path: str) -> audit.SignedHead:
        try:
            return audit.SignedHead.from_json(json.loads(Path(path).read_text()))
        except OSError as error:
            raise CommandError(f"{path}: cannot read it ({error.strerror}).") from None
        except ValueError as error:
            raise CommandError(f"{path}: {error}.") from None

    def staleness(self, head: audit.SignedHead | None, max_age: int | None) -> list[str]:
        if max_age is None:
            return []
        if head is None:
            return ["there is no signed head at all: heads were never signed, or deleted"]
        if timezone.now() - head.head.signed_at > timedelta(minutes=max_age):
            return [
                f"the newest signed head is of {head.head.signed_at.isoformat()}, older than "
                f"{max_age} minutes: beat stopped signing, or newer heads were deleted"
            ]
        return []

    @staticmethod
    def describe(signed: audit.SignedHead) -> str:
        head = signed.head
        return (
            f"the signed head of {head.signed_at.isoformat()} (entry {head.last_entry_id}, "
            f"hash {head.last_entry_hash[:16]}…, {head.entry_count} entries)"
        )
