from django.apps import AppConfig


class FigureAlertsConfig(AppConfig):
    """'Email me when new figures are out': sign-up, confirmation, the alerts, unsubscribe, erasure."""

    name = "campaigns.alerts"
    label = "figure_alerts"
    verbose_name = "Figure alerts"

    def ready(self):
        from campaigns.figures.signals import figures_imported
        from mindsite.privacy import erasure

        from .erasure import erase_due
        from .sending import send_after_import

        erasure.register("Figure alerts", erase_due)
        figures_imported.connect(send_after_import, dispatch_uid="figure_alerts_after_import")
