"""Results from outside the page tree, shown above the pages: a content app adds them without mindsite importing it.

mindsite imports no content app (the import-linter contracts in pyproject.toml), so an app that has something
searchable which is not a Wagtail page (the restraint figures' providers) registers a function here from its
AppConfig.ready(). The search view calls each with the request and the parsed Query and shows what they return.
"""

from dataclasses import dataclass, field

_finders = []


@dataclass
class ResultGroup:
    """What one app found for a search. Its templates are given `group` and `query`: `template` shows the
    results above the pages when it found any; `hint_template`, when nothing at all matched, points to where
    else to look (under "Nothing matched")."""

    template: str
    count: int = 0  # how many it found (the template may show fewer)
    context: dict = field(default_factory=dict)
    hint_template: str = ""


def register(finder):
    """Add a finder: finder(request, query) -> ResultGroup or None. Registering the same one twice adds it once."""
    if finder not in _finders:
        _finders.append(finder)
    return finder


def groups_for(request, query):
    """Every registered finder's group for this search, in the order they were registered."""
    groups = [finder(request, query) for finder in _finders]
    return [group for group in groups if group is not None]
