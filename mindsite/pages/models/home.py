from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField

from mindsite.pages.models.base import BasePage
from mindsite.pages.pictures import ALT_TEXT_HELP, DECORATIVE_HELP, alt_for, check_alt, prefetch_pictures
from mindsite.pages.view_restrictions import is_public

LATEST_STORIES = 3


class HomePage(BasePage):
    """The site root: the featured campaign's ask, its guides, the figures for your area, its latest stories."""

    template = "pages/home_page.html"

    introduction = RichTextField(
        features=["bold", "italic", "link"],
        blank=True,
        help_text="One or two sentences under the page title that say what this site is for.",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional. The picture beside the campaign's ask at the top. Never an image of restraint.",
    )
    image_alt_text = models.CharField(max_length=250, blank=True, help_text=ALT_TEXT_HELP)
    image_is_decorative = models.BooleanField("the picture is decorative", default=False, help_text=DECORATIVE_HELP)
    featured_campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The campaign shown first and largest on the home page, with its guides and latest stories.",
    )
    featured_heading = models.CharField(
        max_length=120,
        blank=True,
        help_text="Optional. The big question that introduces the campaign. Blank uses the campaign's title.",
    )
    featured_text = models.TextField(
        blank=True, max_length=400, help_text="Optional. A short pitch for the campaign. Blank uses its summary."
    )
    featured_link_text = models.CharField(
        max_length=80,
        default="Find out about the campaign",
        help_text="The words on the button that opens the campaign.",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("introduction"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt_text"), FieldPanel("image_is_decorative")], heading="Picture"
        ),
        FieldPanel("featured_campaign"),
        FieldPanel("featured_heading"),
        FieldPanel("featured_text"),
        FieldPanel("featured_link_text"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["campaigns.CampaignIndexPage", "mindsite.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    @classmethod
    def featuring_a_campaign_above(cls, page):
        """The home pages that show this page: a guide, a story, the stories' list or the figures' section below
        the campaign they feature (the page cache's question, other_pages_showing_this)."""
        paths = [page.path[:end] for end in range(page.steplen, len(page.path), page.steplen)]
        return cls.objects.filter(featured_campaign__path__in=paths)

    @property
    def image_alt(self):
        return alt_for(self.image_alt_text, self.image_is_decorative)

    def clean(self):
        super().clean()
        check_alt(self.image, self.image_alt_text, self.image_is_decorative, "image_alt_text")

    def linked_values(self):
        return [self.introduction]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        campaign = self.featured_campaign
        if not is_public(campaign):
            prefetch_pictures([(self, "image")])
            return context
        # The campaign says what of it the home page shows (campaigns/models/pages.py): guides, stories, where.
        guides = campaign.guides()
        stories = campaign.latest_stories(LATEST_STORIES)
        pictures = [(self, "image"), *((guide, "cover_image") for guide in guides)]
        prefetch_pictures(pictures + [(story, "image") for story in stories])
        context.update(campaign=campaign, guides=guides, stories=stories, story_index=campaign.story_index())
        return context
