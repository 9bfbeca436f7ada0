from django.apps import AppConfig


class StorySubmissionsConfig(AppConfig):
    """ "Tell us your story": the form, the draft story it makes, its sender kept apart, their mail, erasure."""

    name = "campaigns.story_submissions"
    label = "story_submissions"
    verbose_name = "Stories sent in"

    def ready(self):
        from mindsite.privacy import erasure

        from . import signal_handlers  # noqa: F401
        from .erasure import erase_due

        erasure.register("Story senders", erase_due)
