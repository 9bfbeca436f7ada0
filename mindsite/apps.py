from django.apps import AppConfig


class MindsiteConfig(AppConfig):
    name = "mindsite"
    verbose_name = "Site"

    def ready(self):
        from mindsite.signal_handlers import register_signal_handlers

        register_signal_handlers()
