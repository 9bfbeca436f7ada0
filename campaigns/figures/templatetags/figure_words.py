"""A provider's figures in plain words, for the top of its page and its figures boxes.

{% figures_summary figures name %}: one sentence with the latest month's people restrained and rate, beside
England's, saying so when a figure is hidden ([c]) or missing. {{ value|brief }}: a count in the boxes,
"about 190", without the "(rounded to the nearest 5)" the boxes' key says once.
"""

from django import template

from campaigns.figures.display import NO_DATA, NOT_IN_FILE, SUPPRESSED_KEY, Sum
from campaigns.figures.wording import format_number, month_name

register = template.Library()


@register.filter
def brief(value):
    """A count as the figures boxes show it (their key says once that counts are rounded to the nearest 5)."""
    if value is None:
        return ""
    if getattr(value, "not_in_file", False):
        return NOT_IN_FILE
    if value.is_missing:
        return NO_DATA
    if isinstance(value, Sum):
        hidden = value.suppressed_count
        kinds = f"{hidden} kind{'s' if hidden != 1 else ''}"
        if value.known is None:
            return f"[c] for {kinds} ({SUPPRESSED_KEY}, for each)"
        words = f"about {format_number(value.known)}"
        return f"{words}, plus [c] for {kinds} ({SUPPRESSED_KEY}, for each)" if hidden else words
    if value.suppressed:
        return f"[c] ({SUPPRESSED_KEY})"
    return f"about {format_number(value.number)}"


def _people(value, name):
    if value.is_number:
        return f"about {format_number(value.number)} people were restrained at {name}"
    if value.suppressed:
        return f"between 1 and 4 people were restrained at {name} (the exact number is hidden to protect privacy)"
    return f"NHS England's figures have no count of people restrained at {name}"


def _rate(value, england):
    if value.is_number:
        words = f"about {format_number(value.number)} uses of restraint for every 1,000 nights on its wards"
    elif value.suppressed:
        words = "its uses of restraint for every 1,000 nights on its wards are hidden to protect privacy ([c])"
    else:
        words = "no figure was reported for its uses of restraint for every 1,000 nights on its wards"
    if england is not None and england.is_number:
        return f"{words}, against about {format_number(england.number)} across England"
    return f"{words}; England's figure is not in NHS England's file for this month"


@register.simple_tag
def figures_summary(figures, name):
    """'In March 2025, about 190 people were restrained at …: about 33 uses of restraint for every 1,000
    nights on its wards, against about 20 across England.' Or, with nothing published, says so."""
    if not figures.latest_month:
        return f"NHS England has published no restraint figures for {name} yet."
    people, rate = figures.headline["people"], figures.headline["rate"]
    month = month_name(figures.latest_month.start)
    return f"In {month}, {_people(people.value, name)}: {_rate(rate.value, rate.england)}."
