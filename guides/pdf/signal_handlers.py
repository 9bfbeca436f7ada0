"""What asks for a new guide PDF: any change to what a guide's PDF shows. Only marks; never builds here.

- a guide or a part published or unpublished (a scheduled publish too), and any guide part that links
  to or teases a published page (from Wagtail's reference index), as the page cache does;
- a page moved, renamed or deleted: the guides above it and below it (their addresses, or their parts);
- a page made private or public again: every guide (rare, and a story teaser anywhere may go or come back).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from guides.models import GuidePage, GuidePdf
from guides.pdf.building import mark_wanted


def ancestor_paths(*pages):
    """Every tree path at or above these pages."""
    return {page.path[:end] for page in pages for end in range(Page.steplen, len(page.path) + 1, Page.steplen)}


def guides_at_or_above(*pages):
    return GuidePage.objects.filter(path__in=ancestor_paths(*pages)).values_list("pk", flat=True)


def guides_around(page):
    """The guides at or above a page, and those below it."""
    return GuidePage.objects.filter(Q(path__in=ancestor_paths(page)) | Q(path__startswith=page.path)).values_list(
        "pk", flat=True
    )


def published(sender, instance, **kwargs):
    mark_wanted(guides_showing(instance))


def unpublished(sender, instance, **kwargs):
    # Wagtail also sends this as a live page is deleted, perhaps with its guide: a guide with no PDF
    # has nothing to take down, so no row is made.
    mark_wanted(guides_showing(instance), create=False)


def guides_showing(instance):
    """The guides a page is in, and those with a part that links to or teases it."""
    # The reference index files every page under the base Page type.
    page_type_id = ContentType.objects.get_for_model(Page).pk
    referring_ids = [
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(instance)
        .filter(base_content_type_id=page_type_id)
        .values_list("object_id", flat=True)
    ]
    referring = list(Page.objects.filter(pk__in=referring_ids).only("path"))
    return guides_at_or_above(instance, *referring)


def moved(sender, instance, parent_page_before=None, **kwargs):
    guide_ids = set(guides_around(instance))
    if parent_page_before is not None:
        guide_ids.update(guides_at_or_above(parent_page_before))
    mark_wanted(guide_ids)


def slug_changed(sender, instance, **kwargs):
    mark_wanted(guides_around(instance))


def deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        # The guide itself may be going too: only guides that still have a PDF row are marked.
        mark_wanted(guides_at_or_above(instance), create=False)


def privacy_saved(sender, instance, **kwargs):
    mark_wanted(GuidePage.objects.values_list("pk", flat=True))


def privacy_removed(sender, instance, **kwargs):
    # Also sent while a restricted page is being deleted, perhaps with a guide.
    mark_wanted(GuidePage.objects.values_list("pk", flat=True), create=False)


def pdf_deleted(sender, instance, **kwargs):
    """A guide deleted takes its PDF row with it: its file goes too."""
    if instance.file:
        name, storage = instance.file.name, instance.file.storage
        transaction.on_commit(lambda: storage.delete(name))


def register_signal_handlers():
    page_published.connect(published, dispatch_uid="guide_pdf_published")
    page_unpublished.connect(unpublished, dispatch_uid="guide_pdf_unpublished")
    post_page_move.connect(moved, dispatch_uid="guide_pdf_moved")
    page_slug_changed.connect(slug_changed, dispatch_uid="guide_pdf_slug")
    post_delete.connect(deleted, dispatch_uid="guide_pdf_page_deleted")
    post_save.connect(privacy_saved, sender=PageViewRestriction, dispatch_uid="guide_pdf_privacy_saved")
    post_delete.connect(privacy_removed, sender=PageViewRestriction, dispatch_uid="guide_pdf_privacy_removed")
    post_delete.connect(pdf_deleted, sender=GuidePdf, dispatch_uid="guide_pdf_file_deleted")
