"""Provider pages are cached like any page (mindsite/caching/page_cache.py): what editors change on them purges it.

A provider's page is a route of its section's page, so the page cache cannot name it alone: a rare
change (a commentary published, a provider's places or links, a story pinned to a provider) purges
every page at once.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, published, unpublished

from mindsite.caching import page_cache


def purge_everything(sender, **kwargs):
    page_cache.purge_everything()


def purge_if_pinned(sender, instance, **kwargs):
    from .records import StoryProvider

    if StoryProvider.objects.filter(story_id=instance.pk).exists():
        page_cache.purge_everything()


def register_signal_handlers():
    from campaigns.models import StoryPage

    from .records import Provider, ProviderCommentary, StoryProvider

    published.connect(purge_everything, sender=ProviderCommentary, dispatch_uid="rf_commentary_published")
    unpublished.connect(purge_everything, sender=ProviderCommentary, dispatch_uid="rf_commentary_unpublished")
    post_delete.connect(purge_everything, sender=ProviderCommentary, dispatch_uid="rf_commentary_deleted")
    post_save.connect(purge_everything, sender=Provider, dispatch_uid="rf_provider_saved")
    # Publishing a story saves its pins (and deletes those taken off); a draft's pins wait in its revision.
    post_save.connect(purge_everything, sender=StoryProvider, dispatch_uid="rf_pin_saved")
    post_delete.connect(purge_everything, sender=StoryProvider, dispatch_uid="rf_pin_deleted")
    page_published.connect(purge_if_pinned, sender=StoryPage, dispatch_uid="rf_pinned_story_published")
    page_unpublished.connect(purge_if_pinned, sender=StoryPage, dispatch_uid="rf_pinned_story_unpublished")
