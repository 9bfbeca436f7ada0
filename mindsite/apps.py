from django.apps import AppConfig


class MindsiteConfig(AppConfig):
    name = "mindsite"
    verbose_name = "Site"
