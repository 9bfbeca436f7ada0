"""Finding a provider by its name, a place it serves, a town it has a site in or its ODS code, as readers type them.

Readers type "st brides", "St. Bride's", "z 0001" or "MARROWFIELD": matching ignores case, accents,
spaces and punctuation. England has a few hundred mental health providers, so every provider and its
places and sites are read in three queries and matched here, whatever was typed: the database never sees the text.
"""

import unicodedata
from dataclasses import dataclass, field

from django.db.models import Prefetch

from .records import Month, Provider, ProviderPlace, ProviderSite

# What is read of what a reader typed; the longest provider name is far shorter.
MAX_QUERY_LENGTH = 100


def clean_query(text):
    """What a reader typed, fit to show back: no control characters, spaces collapsed, at most 100 characters."""
    text = "".join(" " if unicodedata.category(char)[0] in "CZ" else char for char in str(text or ""))
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def match_key(text):
    """Letters and digits only, case and accents folded: 'St. Bride’s' and 'st brides' give the same key."""
    # Compatibility forms first ('𝕬', 'Ｋ' are letters too), then case, then accents split off and dropped.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    return "".join(char for char in decomposed if char.isalnum())


@dataclass
class Match:
    provider: Provider
    places: list = field(default_factory=list)  # the provider's places that matched, to say why it is listed
    by_code: bool = False
    towns: list = field(default_factory=list)  # towns of its headquarters or open sites (from ODS) that matched


def providers_with_places(with_sites=False):
    """Every provider, A to Z, with its places: two queries; with its open sites (from ODS) too, three."""
    lookups = [Prefetch("places", queryset=ProviderPlace.objects.order_by("sort_order", "name"))]
    if with_sites:
        open_sites = ProviderSite.objects.filter(closed__isnull=True).only("provider_id", "town").order_by("town")
        lookups.append(Prefetch("sites", queryset=open_sites, to_attr="open_sites"))
    return sorted(Provider.objects.prefetch_related(*lookups), key=lambda provider: provider.display_name.casefold())


def towns_of(provider):
    """The towns of a provider's headquarters and open sites, as ODS gives them, each once."""
    towns = [provider.town] + [site.town for site in getattr(provider, "open_sites", [])]
    return list(dict.fromkeys(town for town in towns if town))


def find_providers(query, providers=None):
    """The providers whose name, place, site's town or ODS code matches the query, best first. Three queries, or none.

    `providers` (from providers_with_places) must come with their sites to be matched by their towns."""
    key = match_key(clean_query(query))
    if not key:
        return []
    if providers is None:
        providers = providers_with_places(with_sites=True)
    matches = []
    for provider in providers:
        code = match_key(provider.ods_code)
        places = [place.name for place in provider.places.all() if key in match_key(place.name)]
        shown = {match_key(place) for place in places}
        towns = [town for town in towns_of(provider) if key in match_key(town) and match_key(town) not in shown]
        by_code = code.startswith(key)
        if by_code or places or towns or key in match_key(provider.name) or key in match_key(provider.ods_name):
            rank = _rank(key, provider, code, places + towns)
            matches.append((rank, Match(provider, places, by_code, towns)))
    matches.sort(key=lambda ranked: ranked[0])
    return [match for _, match in matches]


def _rank(key, provider, code, places):
    """The ODS code typed in full first, then a place or name that starts with what was typed, then A to Z."""
    exact_place = any(match_key(place) == key for place in places)
    names = [match_key(provider.name), match_key(provider.ods_name)]
    starts = any(name.startswith(key) for name in names if name)
    starts = starts or any(match_key(place).startswith(key) for place in places)
    return (code != key, not exact_place, not starts, provider.display_name.casefold())


def shows_invented():
    """Whether anything the section lists is invented: a provider, or a month of figures. One query."""
    invented_months = Month.objects.filter(is_synthetic=True).order_by().values_list("pk", flat=True)
    invented_providers = Provider.objects.filter(is_synthetic=True).order_by().values_list("pk", flat=True)
    return bool(list(invented_months.union(invented_providers)[:1]))
