from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField

from mindsite.pages.blocks import LinkBlock


class PromotionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=60, help_text="The promotion's name, for example 'Mental Health A-Z'.")
    text = blocks.TextBlock(max_length=200, help_text="One sentence on what a reader finds there.")
    link_text = blocks.CharBlock(max_length=60, help_text="The words on the link, for example 'Read our A-Z'.")
    url = blocks.URLBlock(help_text="Where the link goes.")

    class Meta:
        icon = "pick"
        label = "Promotion"
        preview_value = {
            "title": "Mental Health A-Z",
            "text": "Information and advice on a wide range of mental health topics.",
            "link_text": "Read our A-Z",
            "url": "https://www.mind.org.uk/information-support/a-z-mental-health/",
        }


# What the menu and footer start with, and what the 500 page (drawn without the database) shows.
CONTACT_EMAIL = "action@mind.org.uk"
HELP_NOW_HEADING = "Need help now?"

# The numbers themselves are links the help-now block always shows (HELP_NOW_CONTACTS);
# this is what editors add under them.
HELP_NOW_TEXT = "<p>You can also talk to your GP, or to someone you trust.</p>"


# The crisis lines every page offers in one tap. Fixed here, not in the rich text: Draftail
# cannot make an sms: link, and each needs words a screen reader reads out in full.
HELP_NOW_CONTACTS = [
    {"href": "tel:999", "label": "Call 999", "note": "if a life is at risk now, or go to A&E"},
    {
        "href": "tel:111",
        "label": "Call NHS 111",
        "note": "for urgent help; in England, choose option 2 for mental health",
    },
    {"href": "tel:116123", "label": "Call Samaritans on 116 123", "note": "any time, day or night"},
    {"href": "sms:85258?body=SHOUT", "label": "Text SHOUT to 85258", "note": "Shout's text service, any time"},
    {
        "href": "tel:03001233393",
        "label": "Call Mind's Infoline on 0300 123 3393",
        "note": "information and where to get help, weekdays 9am to 6pm; not a crisis line",
    },
]


@register_setting(icon="list-ul")
class MenuAndFooter(BaseSiteSetting):
    """What every page shows around its content: the menu, the footer and the crisis help."""

    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional. The logo in the header of every page. Without one, the site's name is shown in text.",
    )
    logo_alt = models.CharField(
        "logo's text alternative",
        max_length=120,
        blank=True,
        default="Mind",
        help_text="What a screen reader says for the logo, usually the charity's name. Not 'logo'.",
    )
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional. The picture shown when a page is shared on social media and has none of its own.",
    )
    menu = StreamField(
        [("link", LinkBlock())],
        blank=True,
        help_text="The main menu, in order. Keep it short: five links at most reads best on a phone.",
    )
    help_now_heading = models.CharField(
        max_length=80,
        default="Need help now?",
        help_text="The heading of the crisis box shown on every page.",
    )
    help_now_text = RichTextField(
        features=["bold", "link"],
        blank=True,
        help_text="Where to get urgent help: phone numbers and services. Shown on every page.",
    )
    exit_url = models.URLField(
        "Exit this page: where it goes",
        default="https://www.bbc.co.uk/weather",
        help_text="A neutral site the 'Exit this page' button opens, so nobody looking on sees what was read.",
    )
    promotions = StreamField(
        [("promotion", PromotionBlock())],
        blank=True,
        help_text="The promotions in the footer, in order.",
    )
    footer_links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        help_text="The small links at the very bottom: privacy, accessibility, contact.",
    )

    panels = [
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("logo_alt")], heading="Logo"),
        FieldPanel("menu"),
        MultiFieldPanel([FieldPanel("help_now_heading"), FieldPanel("help_now_text")], heading="Need help now?"),
        FieldPanel("exit_url"),
        FieldPanel("promotions"),
        FieldPanel("footer_links"),
        FieldPanel("share_image", heading="Sharing"),
    ]

    class Meta:
        verbose_name = "menu and footer"

    @property
    def logo_alt_text(self):
        """What a screen reader says for the logo (templates/components/header.html): never empty."""
        return self.logo_alt.strip() or "Mind"

    @property
    def help_now_contacts(self):
        return HELP_NOW_CONTACTS

    @property
    def shown_menu_links(self):
        """The menu's links, leaving out any to a page that is unpublished or private."""
        return [item.value for item in self.menu if item.value.is_shown]

    @property
    def shown_footer_links(self):
        return [item.value for item in self.footer_links if item.value.is_shown]
