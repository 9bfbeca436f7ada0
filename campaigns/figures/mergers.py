"""Mergers: a provider that became part of another (ODS's successions file, succ.csv) and its figures.

NHS England publishes a month's figures under the code the provider had then, so a merged trust's history is
split across two codes (TAF, Camden and Islington, became part of G6V2S, North London, in 2025). The successor's
page shows its predecessors' months too, saying which months were published under which name and code; the old
code's page says where it went and keeps its own history. A chain (A became part of B, B of C) resolves to the
latest; a chain that loops back (a data error) resolves to nothing, so no figures are moved. England's figures
are England's own rows: nothing here adds providers up.

CONTRACT:
- `with_successions(queryset)` annotates Providers with `has_predecessors` (no extra query).
- `succession_for(provider)` -> Succession: no query for a provider with no successor and (as annotated)
  no predecessors; else one query, which reads the whole (small) graph of successions.
- `mark_now_part_of(providers)` gives each of a list of every provider (as the A-Z list and the finder read
  them) `now_part_of`: the Organisation it is now part of, or None. No query.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q

from .records import Provider, title_case


@dataclass(frozen=True)
class Organisation:
    """A provider in a succession: its code, its name as shown, whether the site has a page for it."""

    code: str
    name: str = ""
    has_page: bool = False
    succeeded_on: object = None  # the day it became part of its successor, if it did
    successor_code: str = ""

    @property
    def label(self):
        return f"{self.name} ({self.code})" if self.name else f"the organisation with ODS code {self.code}"


@dataclass
class Succession:
    code: str
    # Where this provider went: its direct successor and, at the end of a chain, the latest one.
    successor: Organisation | None = None
    latest_successor: Organisation | None = None
    # The providers whose figures this page takes in (their chains end here), the most recent merger first.
    predecessors: list = field(default_factory=list)
    # Every organisation in the graph read, by code (to name a predecessor's own successor).
    names: dict = field(default_factory=dict)

    def organisation(self, code):
        return self.names.get(code) or Organisation(code)

    @property
    def codes(self):
        return [self.code, *(predecessor.code for predecessor in self.predecessors)]


def with_successions(queryset):
    return queryset.annotate(has_predecessors=Exists(Provider.objects.filter(successor_code=OuterRef("ods_code"))))


def resolve(code, successors):
    """The latest successor at the end of code's chain; code itself when it has none; None when it loops."""
    seen = {code}
    while code in successors:
        code = successors[code][0]
        if code in seen:
            return None
        seen.add(code)
    return code


def mark_now_part_of(providers):
    """Set `now_part_of` on each provider: the latest successor at the end of its chain (the direct one when the
    chain loops back), or None. No query: `providers` must be every provider, so a chain resolves in memory; a
    successor with no row here (no figures published under it) is named by its code alone."""
    by_code = {provider.ods_code: provider for provider in providers}
    successors = {provider.ods_code: (provider.successor_code,) for provider in providers if provider.successor_code}
    for provider in providers:
        provider.now_part_of = None
        if not provider.successor_code:
            continue
        code = resolve(provider.ods_code, successors) or provider.successor_code
        # The day it became part of the organisation named: known only when that is its direct successor.
        on = provider.succeeded_on if code == provider.successor_code else None
        successor = by_code.get(code)
        name = successor.display_name if successor else ""
        provider.now_part_of = Organisation(code, name, successor is not None, on)
    return providers


def succession_for(provider):
    succession = Succession(code=provider.ods_code)
    if not provider.successor_code and not getattr(provider, "has_predecessors", True):
        return succession
    in_graph = Provider.objects.exclude(successor_code="").values("successor_code")
    rows = Provider.objects.filter(Q(successor_code__gt="") | Q(ods_code__in=in_graph)).values_list(
        "ods_code", "name", "ods_name", "successor_code", "succeeded_on"
    )
    known = {}
    successors = {}
    for code, name, ods_name, successor_code, succeeded_on in rows:
        known[code] = Organisation(code, title_case(ods_name or name), True, succeeded_on, successor_code)
        if successor_code:
            successors[code] = (successor_code, succeeded_on)

    def organisation(code):
        return known.get(code) or Organisation(code)

    if provider.successor_code:
        succession.successor = organisation(provider.successor_code)
        latest = resolve(provider.ods_code, successors)
        if latest is not None and latest != provider.successor_code:
            succession.latest_successor = organisation(latest)
        return succession  # an old code's page keeps its own history only
    predecessors = [
        known[code]
        for code in successors
        if code != provider.ods_code and resolve(code, successors) == provider.ods_code
    ]
    # The most recent merger first (then by code): where two predecessors published the same month and the
    # successor did not, the first is shown and the other noted beside it.
    predecessors.sort(key=lambda item: item.code)
    predecessors.sort(key=lambda item: item.succeeded_on.toordinal() if item.succeeded_on else 0, reverse=True)
    succession.predecessors = predecessors
    succession.names = {item.code: item for item in known.values()}
    return succession
