from django.apps import AppConfig


class RestraintFiguresConfig(AppConfig):
    """NHS England's monthly restraint figures: import, providers and (later) their pages."""

    name = "campaigns.figures"
    label = "restraint_figures"
    verbose_name = "Restraint figures"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()

        from mindsite.search.groups import register

        from .site_search import provider_results

        # Site search lists providers above the pages (mindsite.search imports no content app).
        register(provider_results)
