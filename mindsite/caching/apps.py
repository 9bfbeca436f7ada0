from django.apps import AppConfig


class CachingConfig(AppConfig):
    """The one page cache: anonymous readers get stored pages; a change purges what showed it."""

    name = "mindsite.caching"
    verbose_name = "Page cache"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
