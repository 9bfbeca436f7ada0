from django.apps import AppConfig


class MailConfig(AppConfig):
    """The mail queue (django-mailer with back-off), its worker, and the admin's failed-mail panel."""

    name = "mindsite.mail"
    verbose_name = "Mail"
