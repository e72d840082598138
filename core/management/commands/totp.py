from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Give a staff member a TOTP second factor (if they have none) and print the "
        "otpauth:// URI for their authenticator app; --code prints the current code."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--code", action="store_true", help="Print only the current code.")
        parser.add_argument("--reset", action="store_true", help="Replace the device.")

    def handle(self, *args, **options):
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user {options['username']!r}.")
        if options["reset"]:
            TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
        if options["code"]:
            totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
            self.stdout.write(f"{totp.token():06d}")
        else:
            self.stdout.write(device.config_url)
