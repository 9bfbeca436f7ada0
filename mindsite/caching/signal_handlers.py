from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from mindsite.caching import page_cache
from mindsite.pages.models import MenuAndFooter


def purge_page(sender, instance, **kwargs):
    page_cache.purge_page(instance)


def purge_everything(sender, **kwargs):
    page_cache.purge_everything()


def register_signal_handlers():
    page_published.connect(purge_page, dispatch_uid="page_cache_published")
    page_unpublished.connect(purge_page, dispatch_uid="page_cache_unpublished")
    # A new address or a page gone changes breadcrumbs, lists and links across the tree.
    post_page_move.connect(purge_everything, dispatch_uid="page_cache_moved")
    page_slug_changed.connect(purge_everything, dispatch_uid="page_cache_slug")
    post_delete.connect(_purge_deleted, dispatch_uid="page_cache_deleted")
    # ...and the addresses pages leave are purged from the CDN too: they are no longer among the live
    # pages' addresses that purging everything names.
    post_page_move.connect(_purge_addresses_moved_from, dispatch_uid="cdn_moved_from")
    page_slug_changed.connect(_purge_addresses_renamed_from, dispatch_uid="cdn_renamed_from")
    pre_delete.connect(_purge_addresses_deleted, dispatch_uid="cdn_deleted")
    post_save.connect(_purge_if_chrome_changed, sender=MenuAndFooter, dispatch_uid="page_cache_chrome")
    post_save.connect(_purge_if_logo, sender=get_image_model(), dispatch_uid="page_cache_logo")
    # An image or document edited (a new file, focal point, title or alt text) or deleted: the
    # pages that show it, from the reference index.
    for model in (get_image_model(), get_document_model()):
        post_save.connect(_purge_pages_using, sender=model, dispatch_uid=f"page_cache_media_saved_{model._meta.label}")
        pre_delete.connect(
            _purge_pages_using, sender=model, dispatch_uid=f"page_cache_media_deleted_{model._meta.label}"
        )
    # A site's hostname, port or root page decides every page's address.
    post_save.connect(purge_everything, sender=Site, dispatch_uid="page_cache_site_saved")
    post_delete.connect(purge_everything, sender=Site, dispatch_uid="page_cache_site_deleted")
    # A restriction covers a page and everything below it, wherever they are listed, teased,
    # featured or linked from the menu: a rare change, so every page is purged at once.
    post_save.connect(purge_everything, sender=PageViewRestriction, dispatch_uid="page_cache_privacy_saved")
    post_delete.connect(purge_everything, sender=PageViewRestriction, dispatch_uid="page_cache_privacy_removed")


def _purge_if_logo(sender, instance, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    # A new file or focal point for the logo or the default share image makes new renditions:
    # every page names the old ones (in its header, or its og:image).
    if MenuAndFooter.objects.filter(Q(logo=instance) | Q(share_image=instance)).exists():
        page_cache.purge_everything()


# Saves Wagtail makes by itself while serving a page: nothing a reader sees changes.
BOOKKEEPING_FIELDS = {"file_size", "file_hash"}


def _purge_pages_using(sender, instance, update_fields=None, created=False, **kwargs):
    if created or (update_fields and set(update_fields) <= BOOKKEEPING_FIELDS):
        return
    page_cache.purge_pages_using(instance)


def _purge_if_chrome_changed(sender, instance, created=False, **kwargs):
    # A site's menu and footer are made, empty, the first time one of its pages is drawn: no page
    # was drawn without them, and purging then would keep that first page from being stored.
    if not created:
        page_cache.purge_everything()


def _purge_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        page_cache.purge_everything()


def _purge_addresses_moved_from(sender, instance, url_path_before, url_path_after, **kwargs):
    if url_path_before != url_path_after:
        pages = [instance, *instance.get_descendants()]
        page_cache.purge_old_addresses(pages, url_path_before, url_path_after)


def _purge_addresses_renamed_from(sender, instance, instance_before, **kwargs):
    pages = [instance, *instance.get_descendants()]
    page_cache.purge_old_addresses(pages, instance_before.url_path, instance.url_path)


def _purge_addresses_deleted(sender, instance, **kwargs):
    # Each page deleted, its descendants included, is sent here while its row is still there.
    if isinstance(instance, Page) and instance.live:
        page_cache.purge_old_addresses([instance])
