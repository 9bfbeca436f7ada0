from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from mindsite.pages.blocks import ContentStreamBlock
from mindsite.pages.models.base import BasePage


class StandardPage(BasePage):
    """A plain page of text: the privacy notice, the accessibility statement, about us."""

    template = "pages/standard_page.html"

    body = StreamField(ContentStreamBlock(), blank=True, help_text="The page's text.")

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["mindsite.HomePage", "mindsite.StandardPage"]
    subpage_types = ["mindsite.StandardPage"]

    class Meta:
        verbose_name = "standard page"

    def linked_values(self):
        return [self.body]
