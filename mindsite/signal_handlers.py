from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from mindsite import fragment_cache, page_cache
from mindsite.admin_access.second_factor import forget_recovery_codes_with_the_last_authenticator
from mindsite.models import SiteChrome


def purge_page(sender, instance, **kwargs):
    page_cache.purge_page(instance)


def purge_everything(sender, **kwargs):
    page_cache.purge_everything()


def register_signal_handlers():
    page_cache.pages_purged.connect(fragment_cache.forget_bodies, dispatch_uid="fragment_cache_bodies")
    page_published.connect(purge_page, dispatch_uid="page_cache_published")
    page_unpublished.connect(purge_page, dispatch_uid="page_cache_unpublished")
    # A new address or a page gone changes breadcrumbs, lists and links across the tree.
    post_page_move.connect(purge_everything, dispatch_uid="page_cache_moved")
    page_slug_changed.connect(purge_everything, dispatch_uid="page_cache_slug")
    post_delete.connect(_purge_deleted, dispatch_uid="page_cache_deleted")
    post_save.connect(purge_everything, sender=SiteChrome, dispatch_uid="page_cache_chrome")
    post_save.connect(_purge_if_logo, sender=get_image_model(), dispatch_uid="page_cache_logo")
    post_delete.connect(
        forget_recovery_codes_with_the_last_authenticator, sender=TOTPDevice, dispatch_uid="second_factor_reset"
    )
    # A restriction covers a page and everything below it, wherever they are listed, teased,
    # featured or linked from the menu: a rare change, so every page is purged at once.
    post_save.connect(purge_everything, sender=PageViewRestriction, dispatch_uid="page_cache_privacy_saved")
    post_delete.connect(purge_everything, sender=PageViewRestriction, dispatch_uid="page_cache_privacy_removed")


def _purge_if_logo(sender, instance, **kwargs):
    # A new file or focal point for the logo or the default share image makes new renditions:
    # every page names the old ones (in its header, or its og:image).
    if SiteChrome.objects.filter(Q(logo=instance) | Q(share_image=instance)).exists():
        page_cache.purge_everything()


def _purge_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        page_cache.purge_everything()
