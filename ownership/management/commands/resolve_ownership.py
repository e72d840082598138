import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from ownership.pure import words
from ownership.services import UnknownRecord, resolve_record


class Command(BaseCommand):
    help = "Who ultimately owns and controls a party (by BODS recordId), as of a date."

    def add_arguments(self, parser):
        parser.add_argument("record_id")
        parser.add_argument("--as-of", help="YYYY-MM-DD (default: today)")
        parser.add_argument("--json", action="store_true", help="Print one JSON object")

    def handle(self, *args, **options):
        try:
            as_of = date.fromisoformat(options["as_of"]) if options["as_of"] else date.today()
        except ValueError as error:
            raise CommandError(f"--as-of: {error}") from error
        try:
            result = resolve_record(options["record_id"], as_of=as_of)
        except UnknownRecord as error:
            raise CommandError(f"No party with recordId {error}.") from error
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        self.stdout.write(f"{result['subject']['name']} as of {result['as_of']}")
        for title, key in (("Ultimate owners", "ultimate_owners"), ("Unknown", "unknowns")):
            for row in result[key]:
                share = row["ownership"]
                held = words.percent(share["min"], share["max"]) if share else "no share stated"
                reason = f" ({row['reason']})" if row.get("reason") else ""
                self.stdout.write(f"  {title}: {row['name']}{reason}: {held}")
        for row in result["controllers"]:
            mark = "ultimate " if row["ultimate"] else ""
            self.stdout.write(f"  {mark}controller: {row['name']} ({', '.join(row['basis'])})")
        for row in result["beneficial_owners"]:
            self.stdout.write(f"  beneficial owner: {row['name']} ({', '.join(row['basis'])})")
        for row in result["beneficial_owner_fallback"]:
            self.stdout.write(f"  no natural person found; highest level: {row['name']}")
        for link in result["state_links"]:
            kind = {True: "THIRD-COUNTRY STATE", False: "EU member state"}.get(
                link["third_country"], "UNKNOWN STATE"
            )
            self.stdout.write(f"  {kind} {link['country']}: {'; '.join(link['basis'])}")
        for row in result["foreign_control"]["by"]:
            certain = "" if row["certain"] else " (possible)"
            chain = " -> ".join(party["name"] for party in row["chain"])
            self.stdout.write(
                f"  FOREIGN CONTROL{certain} by {row['name']} ({row['country']}): {chain}"
            )
        for reason in result["opaque"]["reasons"]:
            self.stdout.write(f"  opaque: {reason['code']}: {reason['detail']}")
        for warning in result["warnings"]:
            self.stdout.write(f"  warning: {warning}")
