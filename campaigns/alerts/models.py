"""Who asked for an email when new figures are out, and which alerts each has been sent.

A Subscription is one email address for one provider (by ODS code) or for England (ENGLAND_CODE). It
holds nothing else about the person. Unconfirmed, it is erased ALERT_UNCONFIRMED_DAYS after it was made
(erasure.py); confirmed, it stays until its unsubscribe link is used, which deletes it at once.

An AlertSent row says one subscriber was sent the alert for one publication of one month (its start and
status: "March 2025, performance"). Its unique constraint, written in the same transaction as the mail is
queued (sending.py), is what makes the alert go once, whatever imports, retries or workers run.
"""

import secrets

from django.db import models

from campaigns.figures.metrics import ENGLAND_CODE


def new_secret():
    return secrets.token_urlsafe(24)


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed(self):
        return self.filter(confirmed_at__isnull=True)


class Subscription(models.Model):
    email = models.EmailField(max_length=254, help_text="In lower case.")
    # A provider's ODS code, or ENGLAND_CODE for England's figures.
    code = models.CharField(max_length=12)
    created_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # In every signed link: a link for an erased subscription never works for a new one.
    secret = models.CharField(max_length=40, default=new_secret)
    # Queued mail of this subscription's (confirmation, "already signed up"), deleted with it.
    queued_message_ids = models.JSONField(default=list, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["email", "code"], name="one_alert_per_address_and_code")]
        permissions = [("view_subscriber_addresses", "Can see the email addresses of figure alert subscribers")]

    def __str__(self):
        return f"Figure alert {self.pk} for {self.code}"

    @property
    def is_for_england(self):
        return self.code == ENGLAND_CODE


class AlertSent(models.Model):
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="alerts_sent")
    month = models.DateField(help_text="The first day of the month the alert was about.")
    status = models.CharField(max_length=12, help_text="The month's publication: provisional, performance, final…")
    queued_at = models.DateTimeField()
    # django-mailer's Message while it waits in the queue (gone once sent): deleted on unsubscribe.
    message_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscription", "month", "status"], name="one_alert_per_publication")
        ]

    def __str__(self):
        return f"Alert for {self.month:%Y-%m} {self.status} to subscription {self.subscription_id}"
