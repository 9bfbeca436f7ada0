from django.db import models
from django.utils import timezone

MESSAGE_ID_MAX_LENGTH = 255
REASON_MAX_LENGTH = 300


class MailDeliveryFailure(models.Model):
    """Why a queued message failed: retried with back-off, or given up on when the server refused it for good."""

    class Refused(models.TextChoices):
        ADDRESS = "address", "address refused"
        SENDER = "sender", "sender refused"
        MESSAGE = "message", "message refused"

    message = models.OneToOneField("mailer.Message", on_delete=models.CASCADE, primary_key=True, related_name="+")
    # The message's Message-ID header, so another app can find its own mail without unpickling the queue.
    message_id_header = models.CharField(
        max_length=MESSAGE_ID_MAX_LENGTH, blank=True, db_index=True, verbose_name="Message-ID"
    )
    failures = models.PositiveIntegerField(default=0)
    first_failed_at = models.DateTimeField(default=timezone.now)
    last_failed_at = models.DateTimeField(default=timezone.now)
    # The SMTP code and the exception's class, never its text (which can name recipients).
    last_error = models.CharField(max_length=200, blank=True)
    # Set when the mail server refused the message for good (a 5xx answer): it is never retried by itself.
    gave_up_at = models.DateTimeField(null=True, blank=True)
    refused = models.CharField(max_length=8, choices=Refused.choices, blank=True)
    # The server's answer, code and text, with every email address in it replaced by "[address]".
    reason = models.CharField(max_length=REASON_MAX_LENGTH, blank=True)
    # Someone saw the refusal and acted on it: no longer shown on the dashboard, still shown on its order.
    dealt_with_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "mail delivery failure"

    def __str__(self):
        if self.gave_up_at:
            return f"Message {self.message_id}: {self.get_refused_display()} ({self.reason})"
        return f"Message {self.message_id}: {self.failures} failures"
