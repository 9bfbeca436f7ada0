"""Every model of the restraint figures app, where Django looks for them.

The stored records (providers, months, figures, imports, commentary, pinned stories) are in records.py; the
section's page type is in pages.py, beside the views it routes to. Modules of this app import those two,
never this one, so that the page can use the records without an import loop."""

from .pages import RestraintFiguresPage
from .records import (
    DUTY_KEYS,
    DutyStatus,
    Figure,
    FigureImport,
    Month,
    PostcodeLocation,
    PostcodeSource,
    Provider,
    ProviderCommentary,
    ProviderKind,
    ProviderPlace,
    ProviderSite,
    Region,
    StoryProvider,
    title_case,
)

__all__ = [
    "DUTY_KEYS",
    "DutyStatus",
    "Figure",
    "FigureImport",
    "Month",
    "PostcodeLocation",
    "PostcodeSource",
    "Provider",
    "ProviderCommentary",
    "ProviderKind",
    "ProviderPlace",
    "ProviderSite",
    "Region",
    "RestraintFiguresPage",
    "StoryProvider",
    "title_case",
]
