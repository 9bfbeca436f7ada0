from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PageViewRestriction

from mindsite.pages.rich_text import prefetch_page_links
from mindsite.pages.routing import route_down
from mindsite.pages.view_restrictions import restricted_paths


class BasePage(Page):
    """What every page type offers a reader who may be distressed: a content note, and a quick exit."""

    content_note = models.CharField(
        max_length=300,
        blank=True,
        help_text="Optional. Shown before the content, for example 'This story describes restraint and an injury.'",
    )
    # On for every page type (a reader may arrive upset anywhere); an editor can turn it off for a page.
    show_exit_button = models.BooleanField(
        default=True,
        verbose_name="show 'Exit this page'",
        help_text=(
            "A quick way out for a reader who is upset or afraid of being seen here. Turn it off only with a reason."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("content_note")]
    settings_panels = Page.settings_panels + [FieldPanel("show_exit_button")]

    class Meta:
        abstract = True

    def linked_values(self):
        """The rich text and streams whose page links this page shows: fetched with the menu's in one query."""
        return []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        prefetch_links(request, *self.linked_values())
        return context

    def route(self, request, path_components):
        # The page below in two queries, not two per level (mindsite/pages/routing.py).
        if path_components:
            return route_down(self, request, path_components)
        return super().route(request, path_components)

    def parent_page(self):
        """The page above this one: the one routing fetched on the way here, else from the database."""
        ancestors = getattr(self, "ancestors_on_route", None)
        return ancestors[-1] if ancestors else self.get_parent()

    def known_ancestors(self):
        """The pages above this one from the top of the tree, when routing fetched them; else None."""
        if self.depth <= 2:
            return []  # only the tree's root, which is never an alias
        ancestors = getattr(self, "ancestors_on_route", None)
        if ancestors and ancestors[0].depth == 2:
            return ancestors
        return None

    def get_view_restrictions(self):
        # Wagtail looks up the ancestors and then their restrictions (two queries a view). The
        # restricted paths are read once per request anyway (mindsite/pages/view_restrictions.py): a page under none
        # of them, and with no alias above it, has no restriction. Anything else asks Wagtail.
        ancestors = self.known_ancestors()
        if (
            ancestors is None
            or self.alias_of_id
            or any(page.alias_of_id for page in ancestors)
            or self.path.startswith(restricted_paths())
        ):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()


def prefetch_links(request, *values):
    """Fetch, in one query, the pages these values and the menu and footer link to (mindsite/pages/rich_text.py)."""
    from mindsite.pages.models.menu_and_footer import MenuAndFooter

    chrome = MenuAndFooter.for_request(request)
    prefetch_page_links(*values, chrome.menu, chrome.footer_links)
