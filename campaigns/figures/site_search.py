"""Site search finds providers too: by name, ODS code, place or town, with the finder's own matching.

Registered with mindsite.search.groups from the app's ready() (mindsite imports no content app). On a search
it reads the published, public 'Restraint in your area' section (one query) and, when there is one, matches
every provider as the finder does (finder.find_providers: three queries), whatever was typed.
"""

from mindsite.pages.view_restrictions import public_pages
from mindsite.search.groups import ResultGroup

from .finder import find_providers

# A word like "health" matches most providers: the first few are listed, and the finder has the rest.
SHOWN = 5


def provider_results(request, query):
    """The providers matching a site search, as a group above the pages; None with no live section."""
    from .pages import RestraintFiguresPage

    section = public_pages(RestraintFiguresPage.objects.all()).order_by("path").first()
    if section is None:
        return None
    section_url = section.get_url(request)
    matches = find_providers(query.text)
    return ResultGroup(
        template="figures/_search_providers.html",
        hint_template="figures/_search_providers_hint.html",
        count=len(matches),
        context={
            "section": section,
            "section_url": section_url,
            "matches": matches[:SHOWN],
            "more": len(matches) > SHOWN,
            "invented": any(match.provider.is_synthetic for match in matches[:SHOWN]),
        },
    )
