"""Finding a provider by its name, a place it serves, a town or postcode it has a site in or its ODS code.

Readers type "st brides", "St. Bride's", "z 0001" or "MARROWFIELD": matching ignores case, accents,
spaces and punctuation. England has a few hundred mental health providers, so every provider and its
places and sites are read in three queries and matched here, whatever was typed: the database never sees the text.

A postcode or a district ("EX2 5AF", "ex25af", "EX2") also finds the providers with an open site (or their
headquarters) in that district, or failing that in its area ("EX"), saying so. With postcode locations
imported (import_postcode_locations), a full postcode instead finds the nearest providers by the straight-line
distance to their nearest open site or headquarters: one query more (two when the postcode is not known).
"""

import unicodedata
from dataclasses import dataclass, field

from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q

from .mergers import mark_now_part_of
from .postcodes import distance_words, metres_between, normalise_postcode, parse_postcode
from .records import Month, PostcodeLocation, PostcodeSource, Provider, ProviderPlace, ProviderSite, title_case

# What is read of what a reader typed; the longest provider name is far shorter.
MAX_QUERY_LENGTH = 100
# How many providers a postcode finds by distance: the nearest, not every provider in England.
NEAREST = 10


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
    near: str = ""  # why a postcode found it: "Has a site in EX2", "Has a site about 3 miles away"


@dataclass
class Found:
    """What the finder found for what was typed, and what to say about it."""

    matches: list = field(default_factory=list)
    postcode: object = None  # the Postcode typed, if one was
    unknown_postcode: bool = False  # a well-formed postcode that the imported locations do not have
    located: PostcodeLocation = None  # where the typed postcode is, when distances are shown (for the attribution)
    providers: list = field(default_factory=list, repr=False)  # every provider, as read to match what was typed

    @property
    def attribution(self):
        return ATTRIBUTIONS.get(self.located.source, "").format(year=self.located.year) if self.located else ""


# What the Open Government Licence asks to be said where each source's data is used.
ATTRIBUTIONS = {
    PostcodeSource.ONSPD: (
        "Contains OS data © Crown copyright and database right {year}. Contains Royal Mail data © Royal Mail "
        "copyright and database right {year}. Source: Office for National Statistics, licensed under the "
        "Open Government Licence v3.0."
    ),
    PostcodeSource.CODE_POINT_OPEN: (
        "Contains OS data © Crown copyright and database right {year}. Contains Royal Mail data © Royal Mail "
        "copyright and database right {year}. Licensed under the Open Government Licence v3.0."
    ),
}
OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


def providers_with_places(with_sites=False):
    """Every provider, A to Z, with its places: two queries; with its open sites (from ODS) too, three.

    Each has `now_part_of` (mergers.mark_now_part_of): what a provider that merged into another is now part of."""
    lookups = [Prefetch("places", queryset=ProviderPlace.objects.order_by("sort_order", "name"))]
    if with_sites:
        open_sites = (
            ProviderSite.objects.filter(closed__isnull=True).only("provider_id", "town", "postcode").order_by("town")
        )
        lookups.append(Prefetch("sites", queryset=open_sites, to_attr="open_sites"))
    providers = Provider.objects.prefetch_related(*lookups)
    return mark_now_part_of(sorted(providers, key=lambda provider: provider.display_name.casefold()))


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


def find(query):
    """Everything the finder shows for what was typed: by name, place, town or code, and by postcode or district."""
    query = clean_query(query)
    if not match_key(query):
        return Found()
    providers = providers_with_places(with_sites=True)
    matches = find_providers(query, providers)
    postcode = parse_postcode(query)
    if postcode is None:
        return Found(matches, providers=providers)
    found = Found(matches, postcode, providers=providers)
    near = None
    if postcode.is_full:
        near, found.located = by_distance(postcode, providers)
        found.unknown_postcode = found.located is None and PostcodeLocation.objects.exists()
    if near is None:
        near = by_district(postcode, providers)
    listed = {match.provider.pk: match for match in matches}
    for match in near:
        if match.provider.pk in listed:
            listed[match.provider.pk].near = match.near
        else:
            found.matches.append(match)
    return found


def postcodes_of(provider):
    """(postcode, 'site' or 'headquarters') for each open site and, while the provider is open, its headquarters."""
    codes = [(site.postcode, "site") for site in getattr(provider, "open_sites", [])]
    if provider.closed is None:
        codes.append((provider.postcode, "headquarters"))
    return [(normalise_postcode(code), kind) for code, kind in codes if normalise_postcode(code)]


def by_district(postcode, providers):
    """The providers with an open site or headquarters in the district typed, or failing that in its area."""
    for same, where in [
        (lambda code: code.outward == postcode.outward, f"in {postcode.outward}"),
        (lambda code: code.area == postcode.area, f"in the {postcode.area} area"),
    ]:
        matches = []
        for provider in providers:
            kinds = {kind for code, kind in postcodes_of(provider) if same(parse_postcode(code))}
            if kinds:
                near = f"Has a site {where}" if "site" in kinds else f"Has its headquarters {where}"
                matches.append(Match(provider, near=near))
        if matches:
            return matches
    return []


def by_distance(postcode, providers):
    """The NEAREST providers to a full postcode, nearest first, and where the postcode is: one query.

    (None, None) when the postcode's location is not imported."""
    typed = str(postcode)
    open_sites = ProviderSite.objects.filter(closed__isnull=True).exclude(postcode="").values("postcode")
    headquarters = Provider.objects.filter(closed__isnull=True).exclude(postcode="").values("postcode")
    rows = PostcodeLocation.objects.filter(
        Q(postcode=typed) | Q(postcode__in=open_sites) | Q(postcode__in=headquarters)
    )
    locations = {row.postcode: row for row in rows}
    here = locations.get(typed)
    if here is None:
        return None, None
    ranked = []
    for provider in providers:
        distances = [
            (metres_between(here.point, locations[code].point), kind)
            for code, kind in postcodes_of(provider)
            if code in locations
        ]
        if distances:
            metres, kind = min(distances, key=lambda pair: (pair[0], pair[1] != "site"))
            words = distance_words(metres)
            near = f"Has a site {words} away" if kind == "site" else f"Its headquarters are {words} away"
            ranked.append((metres, provider.display_name.casefold(), Match(provider, near=near)))
    ranked.sort(key=lambda item: item[:2])
    return [match for _, _, match in ranked[:NEAREST]], here


def _rank(key, provider, code, places):
    """The ODS code typed in full first, then a place or name that starts with what was typed, then A to Z."""
    exact_place = any(match_key(place) == key for place in places)
    names = [match_key(provider.name), match_key(provider.ods_name)]
    starts = any(name.startswith(key) for name in names if name)
    starts = starts or any(match_key(place).startswith(key) for place in places)
    return (code != key, not exact_place, not starts, provider.display_name.casefold())


def finder_examples(providers=None):
    """A town and an ODS code that find a provider in what is loaded, for the finder's hint: one query, or none
    when the finder has read every provider already (`providers`).

    (town, code) of the first provider by code with a headquarters town, open ones first; failing that (no ODS
    file imported yet) the first provider's code alone; ("", "") with no providers (the hint then names none)."""
    if providers:
        first = min(providers, key=lambda provider: (not provider.town, provider.closed is not None, provider.ods_code))
        return title_case(first.town), first.ods_code
    has_no_town = ExpressionWrapper(Q(town=""), output_field=BooleanField())
    is_closed = ExpressionWrapper(Q(closed__isnull=False), output_field=BooleanField())
    first = Provider.objects.order_by(has_no_town, is_closed, "ods_code").values_list("town", "ods_code").first()
    if first is None:
        return "", ""
    town, code = first
    return title_case(town), code


def shows_invented():
    """Whether anything the section lists is invented: a provider, or a month of figures. One query."""
    invented_months = Month.objects.filter(is_synthetic=True).order_by().values_list("pk", flat=True)
    invented_providers = Provider.objects.filter(is_synthetic=True).order_by().values_list("pk", flat=True)
    return bool(list(invented_months.union(invented_providers)[:1]))
