from django.db import models
from django.utils import timezone


class MailDeliveryFailure(models.Model):
    """When a queued message last failed, so the mail worker can retry it with back-off."""

    message = models.OneToOneField("mailer.Message", on_delete=models.CASCADE, primary_key=True, related_name="+")
    failures = models.PositiveIntegerField(default=0)
    first_failed_at = models.DateTimeField(default=timezone.now)
    last_failed_at = models.DateTimeField(default=timezone.now)
    # The SMTP code and the exception's class, never its text (which can name recipients).
    last_error = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "mail delivery failure"

    def __str__(self):
        return f"Message {self.message_id}: {self.failures} failures"
