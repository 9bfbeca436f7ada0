import logging

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from mindsite.mail.queue import requeue_due_messages, send_queued_mail
from mindsite.ops.stop_signals import StopSignals

logger = logging.getLogger("mindsite.mail_worker")


class Command(BaseCommand):
    help = (
        "Deliver the mail queued in the database: send what is waiting, retry what failed with back-off "
        "(30 s, 1, 2, 5, 10, 30 minutes, then hourly), until stopped with SIGTERM or Ctrl-C. Mail the server "
        "refuses for good (a 5xx answer) is not retried: it is shown on the admin dashboard. "
        "Several workers may run at once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Make one pass over the queue and exit.")
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds to wait between passes (default 5).")

    def handle(self, *args, once=False, interval=5.0, **options):
        if once:
            self.deliver()
            return
        with StopSignals() as stop:
            logger.info("Mail worker started")
            while not stop.requested:
                try:
                    self.deliver()
                except Exception:
                    # The database or the mail server may be briefly away: keep going.
                    logger.exception("Mail worker pass failed; trying again shortly")
                close_old_connections()
                stop.wait(interval)
            logger.info("Mail worker stopping (%s)", stop.requested)
        logger.info("Mail worker stopped")

    def deliver(self):
        requeue_due_messages()
        send_queued_mail()
