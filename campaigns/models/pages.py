from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page
from wagtail.search import index

from mindsite.caching.page_cache import share_query
from mindsite.pages.blocks import ActionCardBlock, ContentStreamBlock
from mindsite.pages.models import HomePage
from mindsite.pages.models.base import BasePage
from mindsite.pages.pictures import ALT_TEXT_HELP, DECORATIVE_HELP, alt_for, check_alt
from mindsite.pages.view_restrictions import is_public, public_pages

STORIES_PER_PAGE = 10

REGIONS = [
    ("north-east", "North East England"),
    ("north-west", "North West England"),
    ("yorkshire", "Yorkshire and the Humber"),
    ("east-midlands", "East Midlands"),
    ("west-midlands", "West Midlands"),
    ("east", "East of England"),
    ("london", "London"),
    ("south-east", "South East England"),
    ("south-west", "South West England"),
    ("wales", "Wales"),
]


class CampaignIndexPage(BasePage):
    """Lists the charity's campaigns."""

    introduction = RichTextField(
        features=["bold", "italic", "link"], blank=True, help_text="A sentence or two above the list of campaigns."
    )

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["mindsite.HomePage"]
    subpage_types = ["campaigns.CampaignPage"]

    class Meta:
        verbose_name = "campaign list"

    def linked_values(self):
        return [self.introduction]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["campaigns"] = public_pages(CampaignPage.objects.child_of(self)).order_by("path")
        return context


class CampaignPage(BasePage):
    """A campaign's landing page: what it asks, its guides, its stories, and what to do."""

    summary = models.TextField(
        max_length=400,
        help_text="The campaign's ask in a sentence or two. Shown on the home page and in search results.",
    )
    introduction = RichTextField(
        features=["bold", "italic", "link", "ul"],
        help_text="The opening paragraphs: why the campaign matters.",
    )
    actions = StreamField(
        [("action", ActionCardBlock())],
        blank=True,
        max_num=6,
        help_text=(
            "What a reader can do, as cards under 'What you can do'. Four reads best: one of them "
            "'See the figures for your area'."
        ),
    )
    body = StreamField(
        ContentStreamBlock(),
        blank=True,
        help_text="Optional. More about the campaign, shown after the guides.",
    )
    partner_credit = RichTextField(
        features=["bold", "italic", "link"],
        blank=True,
        help_text="The credit to the partner the guides were written with.",
    )
    call_to_action_heading = models.CharField(
        max_length=120,
        default="Campaign for change in your area",
        help_text="The heading of the box at the end of the page that asks readers to act.",
    )
    call_to_action_text = RichTextField(
        features=["bold", "italic", "link"],
        blank=True,
        help_text="What a reader can do next. The box always links to the order form.",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("introduction"),
        FieldPanel("actions", heading="What you can do"),
        InlinePanel("featured_stories", label="Featured stories", max_num=3),
        FieldPanel("partner_credit"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("call_to_action_heading"), FieldPanel("call_to_action_text")], heading="Call to action"
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("introduction")]

    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = ["guides.GuidePage", "campaigns.StoryIndexPage", "restraint_figures.RestraintFiguresPage"]

    class Meta:
        verbose_name = "campaign"

    def linked_values(self):
        return [self.actions, self.body, self.introduction, self.partner_credit, self.call_to_action_text]

    def guides(self):
        """The campaign's published guides, in the page tree's order: one query. Their covers are not fetched."""
        from guides.models import GuidePage

        return list(public_pages(GuidePage.objects.child_of(self)).order_by("path"))

    def latest_stories(self, count):
        """The newest stories under the campaign (one query), as the story list orders them."""
        stories = public_pages(StoryPage.objects.descendant_of(self))
        return list(stories.order_by("-story_date", "-first_published_at", "-pk")[:count])

    @cached_property
    def public_children(self):
        """The campaign's published, public pages one level down (guides, stories, sections): one query, kept.

        Plain pages, not specific: enough for a link (title and address). The figures' box finds its section
        here too (campaigns/figures/templatetags/area_finder.py), so the home page asks once for both."""
        return list(public_pages(Page.objects.child_of(self)).order_by("path"))

    def child_of_type(self, model):
        content_type_id = ContentType.objects.get_for_model(model).pk
        return next((page for page in self.public_children if page.content_type_id == content_type_id), None)

    def story_index(self):
        return self.child_of_type(StoryIndexPage)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = self.guides()
        context["featured_stories"] = [
            featured.story
            for featured in self.featured_stories.select_related("story__image").prefetch_related(
                "story__image__renditions"
            )
            if is_public(featured.story)
        ]
        context["story_index"] = self.story_index()
        return context


class CampaignFeaturedStory(Orderable):
    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="featured_stories")
    story = models.ForeignKey(
        "campaigns.StoryPage",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A campaigner's story to show on the campaign page.",
    )

    panels = [FieldPanel("story")]


class StoryIndexPage(BasePage):
    """The campaign's stories: newest first, ten to a page, filterable by region."""

    introduction = RichTextField(
        features=["bold", "italic", "link"], blank=True, help_text="A sentence or two above the stories."
    )

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["campaigns.CampaignPage"]
    subpage_types = ["campaigns.StoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "story list"

    def get_cached_paths(self):
        """The list and each of its later pages, which the page cache and the CDN keep (one query).

        One page past the last too: an unpublished story shortens the list by one, and that page,
        kept from before, must go."""
        stories = public_pages(StoryPage.objects.child_of(self)).count()
        pages = max(1, -(-stories // STORIES_PER_PAGE))
        return ["/"] + [f"/?page={number}" for number in range(2, pages + 2)]

    def linked_values(self):
        return [self.introduction]

    def other_pages_showing_this(self):
        """The page cache's question: the home page shows it under the campaign it features."""
        return HomePage.featuring_a_campaign_above(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Each card's picture: its image and renditions come with the stories, in one more query for them all.
        stories = (
            public_pages(StoryPage.objects.child_of(self))
            .select_related("image")
            .prefetch_related("image__renditions")
            .order_by("-story_date", "-first_published_at", "-pk")
        )
        region = request.GET.get("region", "")
        if region not in dict(REGIONS):
            region = ""
        if region:
            stories = stories.filter(region=region)
        page = Paginator(stories, STORIES_PER_PAGE).get_page(request.GET.get("page"))
        if page.number > 1 and not region and request.GET.get("page") == str(page.number):
            # The whole list's second page and on are shared like the first (get_cached_paths).
            share_query(request, f"page={page.number}")
        context.update(stories=page, regions=REGIONS, region=region, region_label=dict(REGIONS).get(region, ""))
        # Search engines: each page of the whole list is its own; a region's list is a view of the whole one.
        canonical_url = self.get_full_url(request)
        if page.number > 1 and not region:
            canonical_url += f"?page={page.number}"
        context["canonical_url"] = canonical_url
        return context


class StoryPage(BasePage):
    """One campaigner's story of local change."""

    # Shared and described to search engines as an article (mindsite/pages/seo.py).
    open_graph_type = "article"

    region = models.CharField(max_length=20, choices=REGIONS, help_text="The part of the country it happened in.")
    place = models.CharField(max_length=80, help_text="The town, city or area, for example 'Bristol'.")
    story_date = models.DateField(
        help_text="When it happened, or when the change came. Stories are listed newest first."
    )
    summary = models.TextField(
        max_length=400, help_text="One or two sentences: what worried them and what changed. Shown in lists."
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional. A picture of the place or group, on the story and its card. Never an image of restraint.",
    )
    image_alt_text = models.CharField(max_length=250, blank=True, help_text=ALT_TEXT_HELP)
    image_is_decorative = models.BooleanField("the picture is decorative", default=False, help_text=DECORATIVE_HELP)
    is_illustrative = models.BooleanField(
        default=False,
        help_text="Tick if this is an illustrative example, not a real campaigner's story. The page says so.",
    )
    body = StreamField(
        ContentStreamBlock(), help_text="The story: where, what worried them, what they did, what changed."
    )
    related_guide = models.ForeignKey(
        "guides.GuidePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional. The guide that helps a reader do the same.",
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("place"), FieldPanel("region"), FieldPanel("story_date")], heading="Where and when"
        ),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt_text"), FieldPanel("image_is_decorative")], heading="Picture"
        ),
        FieldPanel("is_illustrative"),
        FieldPanel("body"),
        FieldPanel("related_guide"),
        MultipleChooserPanel(
            "provider_pins",
            chooser_field_name="provider",
            heading="Providers this story is about",
            label="Provider",
            help_text=(
                "Optional. Each provider chosen lists this story on its page in 'Restraint in your area' "
                "(only while the story is published and public)."
            ),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("region"),
    ]

    parent_page_types = ["campaigns.StoryIndexPage"]
    subpage_types = []
    # Readers are asked "Is this page useful?" at the end of each story (mindsite/page_feedback).
    asks_if_useful = True

    class Meta:
        verbose_name = "story"

    def linked_values(self):
        return [self.body]

    def other_pages_showing_this(self):
        """The page cache's question: the home page shows it under the campaign it features."""
        return HomePage.featuring_a_campaign_above(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.image_id:
            # The photo and all its sizes (the page's and the share card's) in two queries, not three.
            self.image = get_image_model().objects.prefetch_renditions().filter(pk=self.image_id).first()
        return context

    @property
    def image_alt(self):
        return alt_for(self.image_alt_text, self.image_is_decorative)

    def clean(self):
        super().clean()
        check_alt(self.image, self.image_alt_text, self.image_is_decorative, "image_alt_text")
