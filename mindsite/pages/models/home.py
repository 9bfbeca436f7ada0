from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from mindsite.pages.models.base import BasePage


class HomePage(BasePage):
    """The site root: leads straight into the campaign."""

    template = "pages/home_page.html"

    introduction = RichTextField(
        features=["bold", "italic", "link"],
        blank=True,
        help_text="One or two sentences under the page title that say what this site is for.",
    )
    featured_campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The campaign shown first and largest on the home page.",
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

    def linked_values(self):
        return [self.introduction]
