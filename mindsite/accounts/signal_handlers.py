from django.db.models.signals import post_delete

from mindsite.accounts.models import AuthenticatorApp
from mindsite.accounts.second_factor import forget_recovery_codes_with_the_last_authenticator


def register_signal_handlers():
    post_delete.connect(
        forget_recovery_codes_with_the_last_authenticator, sender=AuthenticatorApp, dispatch_uid="second_factor_reset"
    )
