from django.core.management.base import BaseCommand, CommandError

from core.actors import Actor
from core.models import Organisation
from core.pure.codes import is_country
from core.services import create_api_key


class Command(BaseCommand):
    help = "Issue an API key for an investor organisation (created if --country is given)."

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="Exact name of the investor organisation")
        parser.add_argument("--name", default="default", help="A label for the key")
        parser.add_argument(
            "--country", help="ISO 3166-1 alpha-2; creates the organisation if it is new"
        )

    def handle(self, *args, **options):
        name = options["organisation"]
        organisation = Organisation.objects.filter(
            name=name, kind=Organisation.Kind.INVESTOR
        ).first()
        if organisation is None:
            country = options["country"]
            if not country:
                raise CommandError(
                    f"No investor organisation {name!r}; give --country to create it."
                )
            if not is_country(country):
                raise CommandError(f"{country!r} is not an ISO 3166-1 alpha-2 country code.")
            organisation = Organisation.objects.create(
                name=name, kind=Organisation.Kind.INVESTOR, country=country
            )
            self.stdout.write(f"Created investor organisation {name!r}.")
        issued = create_api_key(
            organisation=organisation, name=options["name"], actor=Actor.system("manage.py")
        )
        self.stdout.write("API key (shown once, store it now):")
        self.stdout.write(issued.secret)
