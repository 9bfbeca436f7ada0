"""When a sent story is decided: published, or declined (its moderation rejected, or its draft deleted).

The sender's erasure clock starts then (campaigns/story_submissions/erasure.py).
"""

from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published, workflow_rejected

from campaigns.models import StoryPage
from campaigns.story_submissions.models import SentStory


@receiver(page_published, sender=StoryPage)
def story_published(sender, instance, **kwargs):
    SentStory.objects.filter(page=instance).exclude(outcome=SentStory.Outcome.PUBLISHED).update(
        outcome=SentStory.Outcome.PUBLISHED, decided_at=timezone.now()
    )


@receiver(workflow_rejected)
def story_declined(sender, instance, **kwargs):
    if not str(instance.object_id).isdigit():
        return
    SentStory.objects.filter(page_id=int(instance.object_id), outcome=SentStory.Outcome.WAITING).update(
        outcome=SentStory.Outcome.DECLINED, decided_at=timezone.now()
    )


@receiver(pre_delete, sender=StoryPage)
def story_draft_deleted(sender, instance, **kwargs):
    SentStory.objects.filter(page_id=instance.pk, outcome=SentStory.Outcome.WAITING).update(
        outcome=SentStory.Outcome.DECLINED, decided_at=timezone.now()
    )
