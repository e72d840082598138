from django.core.management.base import BaseCommand, CommandError

from core.models import AuditEntry
from core.services import verify_audit_chain


class Command(BaseCommand):
    help = "Check the audit trail's hash chain: finds any entry edited or deleted."

    def handle(self, *args, **options):
        breaks = verify_audit_chain()
        if breaks:
            for found in breaks:
                self.stderr.write(f"audit entry {found.entry_id}: {found.problem}")
            raise CommandError(f"The audit trail is broken in {len(breaks)} place(s).")
        self.stdout.write(f"The audit trail holds: {AuditEntry.objects.count()} entries checked.")
