"""The queue of guide PDFs to build: GuidePdf rows whose wanted_since is set.

A publish marks the guides it touches (signal_handlers.py), in the publishing request: that is all
the request does. A worker (`build_guide_pdfs --watch`) claims one wanted guide at a time in a short
transaction (SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL; on SQLite every write transaction takes
the database's write lock as it begins, so claims happen one after another), holding it until
claimed_until. It builds the PDF outside any transaction, so neither a publish nor an order waits for
it, then records the new file in another short transaction. If the guide was marked again while it
was being built, wanted_since has moved on and stays set: the next pass builds it again.
"""

import datetime
import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from guides.models import GuidePage, GuidePdf
from guides.pdf.rendering import PdfSupportMissing, render_guide_pdf
from mindsite.caching import page_cache
from mindsite.pages.view_restrictions import public_pages

logger = logging.getLogger("guides.pdf")

# How long a worker may hold a guide while building it; after that another may take it (the first died).
CLAIM_SECONDS = 600
# After a failed build, how long before trying again.
RETRY_AFTER_SECONDS = 300


def mark_wanted(guide_ids, create=True):
    """Ask for new PDFs of these guides. With create=False, only guides that already have a row
    (used while pages are being deleted, when the guide itself may be going too)."""
    guide_ids = set(guide_ids)
    if not guide_ids:
        return
    now = timezone.now()
    found = set(GuidePdf.objects.filter(guide_id__in=guide_ids).values_list("guide_id", flat=True))
    GuidePdf.objects.filter(guide_id__in=found).update(wanted_since=now)
    if create:
        for guide_id in guide_ids - found:
            GuidePdf.objects.update_or_create(guide_id=guide_id, defaults={"wanted_since": now})


def mark_missing_wanted():
    """Ask for a PDF of every published guide that has none and is not already waiting for one."""
    have = GuidePdf.objects.filter(Q(wanted_since__isnull=False) | ~Q(file="")).values_list("guide_id", flat=True)
    mark_wanted(GuidePage.objects.live().exclude(pk__in=list(have)).values_list("pk", flat=True))


@dataclass(frozen=True)
class Claim:
    pdf_id: int
    guide_id: int
    wanted_since: datetime.datetime | None
    until: datetime.datetime


def claim_next(guide_ids=None):
    """Take the longest-waiting wanted guide no other worker holds; None when there is none."""
    now = timezone.now()
    with transaction.atomic():
        waiting = GuidePdf.objects.filter(wanted_since__isnull=False).filter(
            Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
        )
        if guide_ids is not None:
            waiting = waiting.filter(guide_id__in=guide_ids)
        if connection.features.has_select_for_update_skip_locked:
            waiting = waiting.select_for_update(skip_locked=True)
        pdf = waiting.order_by("wanted_since", "pk").first()
        if pdf is None:
            return None
        until = now + datetime.timedelta(seconds=CLAIM_SECONDS)
        GuidePdf.objects.filter(pk=pdf.pk).update(claimed_until=until)
    return Claim(pdf_id=pdf.pk, guide_id=pdf.guide_id, wanted_since=pdf.wanted_since, until=until)


def claim_now(guide):
    """Claim a guide for an operator's build, wanted or not; None if a worker holds it (building it,
    or waiting to try again after a failure)."""
    GuidePdf.objects.get_or_create(guide=guide)
    now = timezone.now()
    with transaction.atomic():
        held = GuidePdf.objects.filter(guide=guide)
        if connection.features.has_select_for_update_skip_locked:
            held = held.select_for_update(skip_locked=True)
        pdf = held.first()
        if pdf is None or (pdf.claimed_until and pdf.claimed_until > now):
            return None
        until = now + datetime.timedelta(seconds=CLAIM_SECONDS)
        GuidePdf.objects.filter(pk=pdf.pk).update(claimed_until=until)
    return Claim(pdf_id=pdf.pk, guide_id=pdf.guide_id, wanted_since=pdf.wanted_since, until=until)


def build(claim):
    """Build the claimed guide's PDF and record it. Returns the GuidePdf, or None if it is gone or was taken over.

    Raises PdfSupportMissing (after giving the claim back) when WeasyPrint cannot run here.
    """
    guide = public_pages(GuidePage.objects.filter(pk=claim.guide_id)).first()
    try:
        rendered = render_guide_pdf(guide) if guide is not None else None
    except PdfSupportMissing:
        GuidePdf.objects.filter(pk=claim.pdf_id, claimed_until=claim.until).update(claimed_until=None)
        raise
    except Exception as error:
        logger.exception(
            "Could not build the PDF of guide %s; trying again in %s s", claim.guide_id, RETRY_AFTER_SECONDS
        )
        retry_at = timezone.now() + datetime.timedelta(seconds=RETRY_AFTER_SECONDS)
        GuidePdf.objects.filter(pk=claim.pdf_id, claimed_until=claim.until).update(
            claimed_until=retry_at, last_error=f"{type(error).__name__}: {error}"[:300]
        )
        return None
    new_name = ""
    if rendered is not None:
        field = GuidePdf._meta.get_field("file")
        new_name = field.storage.save(
            field.generate_filename(None, f"{guide.slug}.pdf"), ContentFile(rendered.data), max_length=field.max_length
        )
    return record(claim, guide, rendered, new_name)


def record(claim, guide, rendered, new_name):
    storage = GuidePdf._meta.get_field("file").storage
    with transaction.atomic():
        pdf = GuidePdf.objects.select_for_update().filter(pk=claim.pdf_id).first()
        if pdf is None or pdf.claimed_until != claim.until:
            # The guide was deleted, or this worker took too long and another took the guide over.
            if new_name:
                transaction.on_commit(lambda: storage.delete(new_name))
            return None
        old_name = pdf.file.name
        pdf.file.name = new_name
        pdf.pages = rendered.pages if rendered else None
        pdf.size = len(rendered.data) if rendered else None
        pdf.built_at = timezone.now() if rendered else None
        pdf.claimed_until = None
        pdf.last_error = ""
        if pdf.wanted_since == claim.wanted_since:
            pdf.wanted_since = None
        pdf.save()
        transaction.on_commit(lambda: replaced(storage, old_name, new_name, claim.guide_id))
    if rendered is None:
        logger.info("Guide %s is not published and public: its PDF is removed", claim.guide_id)
    else:
        logger.info("Built the PDF of guide %s: %s pages, %s bytes", claim.guide_id, pdf.pages, pdf.size)
    return pdf


def replaced(storage, old_name, new_name, guide_id):
    if old_name and old_name != new_name:
        storage.delete(old_name)
    guide = GuidePage.objects.filter(pk=guide_id).first()
    if guide is not None:
        # The guide's page offers the download, with its pages and size.
        page_cache.purge_page(guide)


def build_wanted(guide_ids=None):
    """Build every wanted guide no other worker holds (or only these guides). Returns how many were tried."""
    tried = 0
    # Each claim holds its guide until after this pass, so no guide is taken twice here.
    while (claim := claim_next(guide_ids)) is not None:
        build(claim)
        tried += 1
    return tried
