import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from mailer.models import Message, MessageLog

from campaigns.orders.models import PrintOrder


class Command(BaseCommand):
    help = (
        "Erase the personal data of orders dispatched or cancelled more than ORDER_RETENTION_DAYS ago, "
        "keeping the reference, guides, quantities, dates and postcode district; and delete queued mail "
        "and mail logs older than that. Run daily."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        cutoff = now - datetime.timedelta(days=settings.ORDER_RETENTION_DAYS)
        erased = 0
        for order in PrintOrder.objects.due_for_erasure(now).iterator():
            with transaction.atomic():
                order.erase_personal_data(now)
            erased += 1
        # An order's mail is queued when it is placed, before it can be dispatched, so this also
        # removes any mail still waiting for an order whose data was erased.
        messages = Message.objects.filter(when_added__lt=cutoff).delete()[1].get("mailer.Message", 0)
        logs = MessageLog.objects.filter(when_attempted__lt=cutoff).delete()[0]
        self.stdout.write(
            f"Erased personal data from {erased} order(s); deleted {messages} queued mail row(s) "
            f"and {logs} mail log row(s) older than {settings.ORDER_RETENTION_DAYS} days."
        )
