from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, Revision
from wagtail.search import index

from guides.pdf.serving import serve_guide_pdf
from mindsite.pages.blocks import ContentStreamBlock, headings_of
from mindsite.pages.models import HomePage
from mindsite.pages.models.base import BasePage, prefetch_links
from mindsite.pages.pictures import ALT_TEXT_HELP, alt_for, check_alt
from mindsite.pages.rich_text import prefetch_page_links
from mindsite.pages.view_restrictions import is_public, public_pages

# A part with at least this many section headings lists them at its top.
LONG_PART_HEADINGS = 3


class ChangeNoteForm(WagtailAdminPageForm):
    """The edit form, with "About this change" unticked and empty unless it holds a change still to be published.

    The flag and note are kept in each revision, so the edit view would offer the last publish's again.
    A draft or a revision submitted for review keeps its own, so the reviewer sees what the editor said.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.instance.has_change_to_publish():
            self.initial["change_is_real"] = False
            self.initial["change_note"] = ""


class ChangeNotedPage(BasePage):
    """What an editor says about this publish: a real change to the content, and an optional public note.

    Kept in the page's revisions, so a scheduled publish carries them; recorded as a GuideChange when published.
    """

    change_is_real = models.BooleanField(
        "this is a real change to the content",
        default=False,
        help_text="Tick when this publish changes what the guidance says (not for typos or layout). "
        "Readers then see today's date as 'Last updated'.",
    )
    change_note = models.CharField(
        "public change note",
        max_length=300,
        blank=True,
        help_text="Optional. One sentence for readers on what changed, "
        "for example 'Added NICE's advice on prone restraint.'",
    )

    change_panels = [
        MultiFieldPanel(
            [FieldPanel("change_is_real"), FieldPanel("change_note")],
            heading="About this change",
            help_text="Starts empty, unless it belongs to a draft not yet published. "
            "Readers see the date of each publish ticked here, and its note.",
        )
    ]
    base_form_class = ChangeNoteForm

    class Meta:
        abstract = True

    def has_change_to_publish(self):
        """Whether the latest revision is waiting to be published and has not been recorded as a change yet."""
        latest = self.latest_revision_id
        if latest is None or latest == self.live_revision_id:
            return False
        return not GuideChange.objects.filter(revision_id=latest).exists()


def changes_to(pages):
    """Every recorded change to these pages, newest first: one query."""
    return list(GuideChange.objects.filter(page_id__in=[page.pk for page in pages if page.pk]))


def last_updated(pages, changes):
    """When these pages last changed for readers: the newest real change, or the newest first publish.

    A page's changes are never older than its first publish, so this is, for each page, its latest
    change or (with none) its first publish, and then the newest of those.
    """
    moments = [change.published_at for change in changes]
    moments += [page.first_published_at for page in pages if page.first_published_at]
    return max(moments, default=None)


class GuidePage(RoutablePageMixin, ChangeNotedPage):
    """One guide. Its children are its parts, in the order they appear in the page tree."""

    summary = models.TextField(
        max_length=600,
        help_text="What the guide covers, in two or three sentences. Shown on the campaign page and in search.",
    )
    partner_credit = models.CharField(
        max_length=200,
        blank=True,
        default="Written with the National Survivor User Network (NSUN).",
        help_text="Who the guide was written with. Shown on the guide and on the campaign page.",
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional. The printed guide's cover, or a picture for it: on the guide and its cards.",
    )
    cover_image_alt_text = models.CharField(
        "cover's text alternative", max_length=250, blank=True, help_text=ALT_TEXT_HELP
    )
    cover_image_is_decorative = models.BooleanField(
        "the cover is decorative",
        default=True,
        help_text=(
            "Ticked: the guide's title beside it says all a cover shows. "
            "Untick, and describe it above, for a picture that adds more."
        ),
    )
    available_in_print = models.BooleanField(
        default=False,
        help_text="Tick if campaigners can order printed copies of this guide on the order form.",
    )
    max_copies_per_order = models.PositiveSmallIntegerField(
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text="The most printed copies one order may ask for.",
    )
    first_published = models.DateField(null=True, blank=True, help_text="When the guide was first published.")
    # The guide's review dates, for readers ("Last reviewed", "Next review due") and the admin's
    # "Guides due for review" (dashboard and report) alike: one place for each, here.
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When the guide's content was last checked to be up to date."
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text="When the guide's content must next be checked. Shown to readers; the admin lists guides due.",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("partner_credit"),
        MultiFieldPanel(
            [FieldPanel("cover_image"), FieldPanel("cover_image_alt_text"), FieldPanel("cover_image_is_decorative")],
            heading="Cover",
        ),
        MultiFieldPanel(
            [FieldPanel("available_in_print"), FieldPanel("max_copies_per_order")], heading="Printed copies"
        ),
        FieldRowPanel(
            [FieldPanel("first_published"), FieldPanel("last_reviewed"), FieldPanel("next_review_due")],
            heading="Dates",
        ),
        *ChangeNotedPage.change_panels,
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    # The admin lists the parts in the order readers meet them, not by when they were last edited.
    admin_default_ordering = "ord"
    preview_modes = [("", "Guide page"), ("print", "Whole guide (print view)")]

    parent_page_types = ["campaigns.CampaignPage"]
    subpage_types = ["guides.GuideChapterPage"]

    class Meta:
        verbose_name = "guide"

    @property
    def cover_image_alt(self):
        return alt_for(self.cover_image_alt_text, self.cover_image_is_decorative)

    def clean(self):
        super().clean()
        if self.last_reviewed and self.next_review_due and self.next_review_due <= self.last_reviewed:
            raise ValidationError({"next_review_due": "Enter a date after the last review"})
        check_alt(self.cover_image, self.cover_image_alt_text, self.cover_image_is_decorative, "cover_image_alt_text")

    def other_pages_showing_this(self):
        """The page cache's question: the home page shows it under the campaign it features."""
        return HomePage.featuring_a_campaign_above(self)

    def get_cached_paths(self):
        # The PDF is kept by the CDN, never the page cache: a new build purges the guide.
        return ["/", "/print/", "/pdf/"]

    def parts(self):
        """The guide's published parts, in order: one query."""
        if not self.path:
            return []  # a new guide, previewed before it is saved
        return list(public_pages(GuideChapterPage.objects.child_of(self)).order_by("path"))

    def dates_and_changes(self, parts):
        """'Last updated' over the guide and its published parts, and the notes readers see: one query."""
        pages = [self, *parts]
        changes = changes_to(pages)
        titles = {part.pk: part.title for part in parts}
        noted = [
            {"change": change, "part_title": titles.get(change.page_id)}
            for change in changes
            if change.note and (change.page_id == self.pk or change.page_id in titles)
        ]
        return {"last_updated": last_updated(pages, changes), "change_notes": noted}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["parts"] = self.parts()
        context.update(self.dates_and_changes(context["parts"]))
        return context

    def serve_preview(self, request, mode_name):
        if mode_name == "print":
            return self.whole_guide(request)
        return super().serve_preview(request, mode_name)

    def whole_guide_sections(self, request=None):
        """The published parts, in order, and each part's blocks: what the whole-guide view and the PDF show."""
        parts = self.parts()
        if request is None:
            prefetch_page_links(*(part.body for part in parts))
        else:
            prefetch_links(request, *(part.body for part in parts))
        # One stream of every part's blocks, so chosen pages and images load in one query
        # each, however many parts there are; then cut back into parts.
        raw = [list(part.body.raw_data) for part in parts]
        combined = parts[0].body.stream_block.to_python([child for blocks in raw for child in blocks]) if parts else []
        sections, start = [], 0
        for part, blocks in zip(parts, raw, strict=True):
            sections.append((part, combined[start : start + len(blocks)]))
            start += len(blocks)
        return parts, sections

    @path("print/", name="print")
    def whole_guide(self, request):
        """Every part on one page, in order and numbered, for reading whole or printing."""
        parts, sections = self.whole_guide_sections(request)
        # Not in the sitemap and marked noindex (the guide's parts are the pages to find); its own canonical.
        canonical_url = self.get_full_url(request) + self.reverse_subpage("print")
        return TemplateResponse(
            request,
            "guides/guide_print.html",
            {
                "page": self,
                "guide": self,
                "parts": parts,
                "sections": sections,
                "self": self,
                "canonical_url": canonical_url,
                **self.dates_and_changes(parts),
            },
        )

    @cached_property
    def downloadable_pdf(self):
        """The built PDF of the whole guide, or None: one query."""
        try:
            pdf = self.pdf
        except GuidePdf.DoesNotExist:
            return None
        return pdf if pdf.file else None

    @path("pdf/", name="pdf")
    def pdf_download(self, request):
        """The whole guide as a PDF, built in the background and kept in media storage: sent, never made here.

        Only for a public guide: its download may be kept by a shared cache, and a private guide has no PDF."""
        if not is_public(self):
            raise Http404("This guide has no PDF.")
        return serve_guide_pdf(request, self, self.downloadable_pdf)


class GuideChapterPage(ChangeNotedPage):
    """One part of a guide."""

    # Shared and described to search engines as an article in its guide (mindsite/pages/seo.py).
    open_graph_type = "article"

    summary = models.TextField(
        max_length=400,
        blank=True,
        help_text="Optional. One or two sentences on what this part covers. Used in search results.",
    )
    body = StreamField(ContentStreamBlock(), help_text="The part's text. Start sections with a section heading.")

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        *ChangeNotedPage.change_panels,
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["guides.GuidePage"]
    subpage_types = []
    # Readers are asked "Is this page useful?" at the end of each part (mindsite/page_feedback).
    asks_if_useful = True

    class Meta:
        verbose_name = "guide part"

    @property
    def headings(self):
        return headings_of(self.body)

    def linked_values(self):
        return [self.body]

    def other_pages_showing_this(self):
        """The page cache's question: every part's contents list and previous/next name this one."""
        return self.get_siblings(inclusive=False)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        guide = self.parent_page().specific  # routing fetched the parent: one query for its own fields
        parts = guide.parts()
        ids = [part.pk for part in parts]
        position = ids.index(self.pk) if self.pk in ids else None
        headings = self.headings
        changes = changes_to([self])
        context.update(
            last_updated=last_updated([self], changes),
            change_notes=[{"change": change} for change in changes if change.note],
            guide=guide,
            parts=parts,
            part_number=position + 1 if position is not None else None,
            previous_part=parts[position - 1] if position else None,
            next_part=parts[position + 1] if position is not None and position + 1 < len(parts) else None,
            part_headings=headings if len(headings) >= LONG_PART_HEADINGS else [],
        )
        return context


class GuideChange(models.Model):
    """A publish an editor marked as a real change to a guide or one of its parts: the dates readers can trust."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(db_index=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["revision"], name="one_change_per_revision"),
        ]

    def __str__(self):
        return f"{self.page_id} changed {self.published_at:%d %b %Y}"


class GuidePdf(models.Model):
    """A guide's whole text as a PDF, built in the background from what is published, kept in media storage."""

    guide = models.OneToOneField(GuidePage, on_delete=models.CASCADE, related_name="pdf")
    file = models.FileField(upload_to="guides/pdf/", blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True, help_text="In bytes.")
    built_at = models.DateTimeField(null=True, blank=True)
    # Set when a publish changes the guide or a part; the worker builds a new PDF and clears it.
    wanted_since = models.DateTimeField(null=True, blank=True, db_index=True)
    # A worker building it holds it until then; after a failure, the time to try again.
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "guide PDF"

    def __str__(self):
        return f"PDF of {self.guide_id}"
