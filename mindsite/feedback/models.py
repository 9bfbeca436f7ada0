from django.conf import settings
from django.db import models
from django.utils import timezone

COMMENT_MAX_LENGTH = 1000


class PageFeedbackQuerySet(models.QuerySet):
    def comments_written_before(self, cutoff):
        """Answers with a comment given before `cutoff`: the daily erasure blanks them (FEEDBACK_COMMENT_DAYS)."""
        return self.filter(created_at__lt=cutoff).exclude(comment="")


class PageFeedback(models.Model):
    """One answer to "Is this page useful?". Counted per page; nothing here says who gave it."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    useful = models.BooleanField()
    # Only asked after "No": what was wrong. The form asks for no personal data, but a reader may
    # write some, so it is blanked FEEDBACK_COMMENT_DAYS after the answer (campaigns/orders/erasure.py).
    comment = models.TextField(max_length=COMMENT_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    dealt_with_at = models.DateTimeField(null=True, blank=True)
    dealt_with_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PageFeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = "page feedback"
        verbose_name_plural = "page feedback"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["page", "-created_at"], name="feedback_page_newest")]

    def __str__(self):
        return f"{'Useful' if self.useful else 'Not useful'} ({self.created_at:%d %b %Y})"
