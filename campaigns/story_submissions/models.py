"""A story sent in through "Tell us your story", and its sender, kept apart.

SentStory is what the campaigns team needs to review the draft StoryPage the form made: who the
sender is to the story (a campaigner, a person restrained, a family member), how they want to be
named, their two consents, the provider they named (as text: this app may not import the figures
app), and when the story was published or declined. Nothing in it identifies the sender.

StorySender holds the sender's name and email address, and nothing else: never copied into the
page or its revisions, shown only with the "see story senders" permission (the campaigns team),
deleted by the daily erasure STORY_SENDER_DAYS after the story is published or declined, or
STORY_SENDER_UNDECIDED_DAYS after it was sent if nobody decided, when a draft never published goes
too (campaigns/story_submissions/erasure.py).
"""

from django.db import models
from django.utils import timezone

from campaigns.models.pages import REGIONS
from mindsite.spam.hidden_characters import validate_no_invisible_characters, validate_single_line

SHORT = 200
# The two long boxes: room for a long account, small enough that one post cannot fill the database.
LONG = 10_000
CONTENT_NOTE_LENGTH = 300


class SentStoryQuerySet(models.QuerySet):
    def senders_due_for_erasure(self, now, decided_days, undecided_days):
        decided_before = now - timezone.timedelta(days=decided_days)
        sent_before = now - timezone.timedelta(days=undecided_days)
        return self.filter(sender_erased_at__isnull=True).filter(
            models.Q(decided_at__lt=decided_before) | models.Q(sent_at__lt=sent_before)
        )

    def drafts_due_for_deletion(self, now, decided_days, undecided_days):
        """Stories whose draft, never published, is deleted with the sender: declined more than
        decided_days ago, or still waiting for a decision more than undecided_days after they were sent."""
        decided_before = now - timezone.timedelta(days=decided_days)
        sent_before = now - timezone.timedelta(days=undecided_days)
        declined = models.Q(outcome=SentStory.Outcome.DECLINED, decided_at__lt=decided_before)
        undecided = models.Q(outcome=SentStory.Outcome.WAITING, sent_at__lt=sent_before)
        return self.filter(declined | undecided, page__isnull=False, page__first_published_at__isnull=True)


class SentStory(models.Model):
    """One story sent through the form: the facts the team reviews it by. No personal details."""

    class Role(models.TextChoices):
        CAMPAIGNER = "campaigner", "I campaign for change"
        RESTRAINED = "restrained", "I was restrained"
        FAMILY = "family", "Someone in my family or a friend was restrained"
        WORKER = "worker", "I work in mental health services"
        OTHER = "other", "Something else"

    class Naming(models.TextChoices):
        REGION = "region", "Without my name, for example 'a campaigner in the North West'"
        FIRST_NAME = "first_name", "By my first name"
        FULL_NAME = "full_name", "By my full name"

    class Outcome(models.TextChoices):
        WAITING = "waiting", "Waiting for review"
        PUBLISHED = "published", "Published"
        DECLINED = "declined", "Declined"

    page = models.ForeignKey(
        "campaigns.StoryPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="draft story",
    )
    # Kept for the list after the draft is deleted.
    title = models.CharField(max_length=255)
    sent_at = models.DateTimeField(default=timezone.now, db_index=True, verbose_name="sent")
    role = models.CharField(max_length=12, choices=Role.choices, verbose_name="who they are")
    region = models.CharField(max_length=20, choices=REGIONS)
    provider_named = models.CharField(
        max_length=SHORT, blank=True, verbose_name="provider they named", validators=[validate_single_line]
    )
    naming = models.CharField(max_length=12, choices=Naming.choices, verbose_name="how they want to be named")
    consent_to_publish = models.BooleanField(verbose_name="agreed that we may publish it")
    consent_to_contact = models.BooleanField(verbose_name="agreed that we may contact them about it")
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.WAITING, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True, verbose_name="published or declined")
    sender_erased_at = models.DateTimeField(null=True, blank=True, verbose_name="sender's details erased")

    objects = SentStoryQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = "story sent in"
        verbose_name_plural = "stories sent in"
        permissions = [("see_story_senders", "Can see the name and email address of whoever sent a story")]

    def __str__(self):
        return self.title

    def decide(self, outcome, now=None):
        """Record that the story was published or declined (the sender's erasure clock starts)."""
        self.outcome = outcome
        self.decided_at = now or timezone.now()
        SentStory.objects.filter(pk=self.pk).update(outcome=self.outcome, decided_at=self.decided_at)


class StorySender(models.Model):
    """Who sent a story: their name and email address, and nothing else. Erased on time."""

    story = models.OneToOneField(SentStory, on_delete=models.CASCADE, primary_key=True, related_name="sender")
    name = models.CharField(max_length=SHORT, validators=[validate_single_line])
    email = models.EmailField(verbose_name="email address", validators=[validate_no_invisible_characters])

    class Meta:
        verbose_name = "story sender"

    def __str__(self):
        return self.name

    @property
    def first_name(self):
        return self.name.split()[0] if self.name.split() else ""
