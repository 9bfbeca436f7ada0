"""Erasing figure alert sign-ups: at once on unsubscribing, and by the daily job when unconfirmed too long.

An unconfirmed sign-up is erased ALERT_UNCONFIRMED_DAYS after it was made (or last made again). Erasing a
sign-up deletes its row, its record of alerts sent, its mail still waiting in the queue (with any delivery
failure recorded for it) and its mail logs, which hold the address.
"""

import datetime

from django.conf import settings
from django.db import transaction
from mailer.models import Message, MessageLog

from .emails import message_id_start
from .models import AlertSent, Subscription


def erase_subscription(subscription):
    """Delete one sign-up and every trace of its address in the mail queue and logs. Returns mail rows deleted."""
    with transaction.atomic():
        queued = list(subscription.queued_message_ids)
        queued += AlertSent.objects.filter(subscription=subscription, message_id__isnull=False).values_list(
            "message_id", flat=True
        )
        messages = Message.objects.filter(pk__in=queued).delete()[1].get("mailer.Message", 0)
        logs = MessageLog.objects.filter(message_id__startswith=message_id_start(subscription.pk)).delete()[0]
        subscription.delete()
    return messages + logs


def erase_due(now):
    """The daily job's part for figure alerts: unconfirmed sign-ups past their time. Says what it erased."""
    cutoff = now - datetime.timedelta(days=settings.ALERT_UNCONFIRMED_DAYS)
    erased = mail = 0
    for subscription in Subscription.objects.unconfirmed().filter(created_at__lt=cutoff).iterator():
        mail += erase_subscription(subscription)
        erased += 1
    return (
        f"erased {erased} figure alert sign-up(s) not confirmed within {settings.ALERT_UNCONFIRMED_DAYS} days, "
        f"with {mail} queued mail and mail log row(s)."
    )
