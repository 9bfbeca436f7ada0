from django.db.models.signals import post_delete
from django_otp.plugins.otp_totp.models import TOTPDevice

from mindsite.accounts.second_factor import forget_recovery_codes_with_the_last_authenticator


def register_signal_handlers():
    post_delete.connect(
        forget_recovery_codes_with_the_last_authenticator, sender=TOTPDevice, dispatch_uid="second_factor_reset"
    )
