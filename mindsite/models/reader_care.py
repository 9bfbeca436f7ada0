from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class ReaderCarePage(Page):
    """What every page type offers a reader who may be distressed: a content note, and a quick exit."""

    content_note = models.CharField(
        max_length=300,
        blank=True,
        help_text="Optional. Shown before the content, for example 'This story describes restraint and an injury.'",
    )
    show_exit_button = models.BooleanField(
        default=False,
        verbose_name="show 'Exit this page'",
        help_text="For pages that may upset a reader or that they may not want others to see them reading.",
    )

    content_panels = Page.content_panels + [FieldPanel("content_note")]
    settings_panels = Page.settings_panels + [FieldPanel("show_exit_button")]

    class Meta:
        abstract = True
