from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from mindsite.accounts.models import RecoveryCodes
from mindsite.accounts.second_factor import RECOVERY_DEVICE_NAME, new_recovery_code, recovery_device


class Command(BaseCommand):
    help = (
        "Print a new one-time recovery code for someone who has lost their phone and their recovery codes "
        "(this site's django-otp addstatictoken: only the code's hash is kept)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"No user is called {username!r}.") from None
        device = recovery_device(user) or RecoveryCodes.objects.create(
            user=user, name=RECOVERY_DEVICE_NAME, confirmed=True
        )
        code = new_recovery_code()
        device.add_code(code)
        self.stdout.write(code)
