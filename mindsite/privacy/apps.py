from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Personal data's lifetime: the daily job that erases what is due (`manage.py erase_old_personal_data`)."""

    name = "mindsite.privacy"
    verbose_name = "Privacy"
