from django.core.management.base import BaseCommand

from campaigns.alerts.sending import send_figure_alerts


class Command(BaseCommand):
    help = (
        "Queue an email to each confirmed subscriber whose provider (or England) has new or revised figures. "
        "Safe to run at any time and as often as you like: each alert goes once."
    )

    def handle(self, *args, **options):
        queued = send_figure_alerts()
        self.stdout.write(f"Queued {queued} figure alert(s).")
