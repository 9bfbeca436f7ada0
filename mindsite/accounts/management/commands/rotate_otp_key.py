from django.core.management.base import BaseCommand
from django.db import transaction

from mindsite.accounts import otp_secrets
from mindsite.accounts.models import AuthenticatorApp


class Command(BaseCommand):
    help = (
        "Encrypt every authenticator app's key again with the first key in OTP_ENCRYPTION_KEY, so the "
        "keys after it can be dropped (docs/operations.md: rotating the key)."
    )

    def handle(self, *args, **options):
        count = 0
        with transaction.atomic():
            for device in AuthenticatorApp.objects.select_for_update().only("pk", "encrypted_key"):
                AuthenticatorApp.objects.filter(pk=device.pk).update(
                    encrypted_key=otp_secrets.encrypt_again(device.encrypted_key)
                )
                count += 1
        self.stdout.write(
            f"Encrypted {count} authenticator app key{'s' if count != 1 else ''} again with the first key in "
            "OTP_ENCRYPTION_KEY. The keys after it can now be removed."
        )
