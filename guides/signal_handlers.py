from django.utils import timezone
from wagtail.signals import page_published

from guides.models import ChangeNotedPage, GuideChange


def record_real_change(sender, instance, revision, **kwargs):
    """Record a publish an editor marked as a real change: now, by the scheduler, or at the end of a review.

    Once per revision, however often it is sent. The flag is then cleared on the page itself, so
    code that saves a new revision from the live page does not mark a second change.
    """
    # Wagtail also sends this when a page that is not live yet is scheduled: it changes nothing for readers yet.
    if not isinstance(instance, ChangeNotedPage) or revision is None or not instance.live:
        return
    content = revision.content
    if not content.get("change_is_real"):
        return
    GuideChange.objects.get_or_create(
        revision=revision,
        defaults={
            "page_id": instance.pk,
            "published_at": instance.last_published_at or timezone.now(),
            "note": (content.get("change_note") or "").strip(),
        },
    )
    type(instance).objects.filter(pk=instance.pk).update(change_is_real=False, change_note="")
    instance.change_is_real, instance.change_note = False, ""


def register_signal_handlers():
    page_published.connect(record_real_change, dispatch_uid="guides_record_real_change")
