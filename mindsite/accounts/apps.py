from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Signing in to the admin: lockout, password rules, the second factor, the client's address."""

    name = "mindsite.accounts"
    verbose_name = "Accounts"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
