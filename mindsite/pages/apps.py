from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The base page type, the home and standard pages, the menu and footer, blocks and rich text."""

    name = "mindsite.pages"
    # The label the app had before it moved into mindsite/pages/: its tables, content types and
    # migration history carry over unchanged.
    label = "mindsite"
    verbose_name = "Site"
