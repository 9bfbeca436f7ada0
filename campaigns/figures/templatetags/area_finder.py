"""{% area_finder campaign %}: "Find restraint figures for your area", the finder's search box on another page.

A plain GET form to the campaign's 'Restraint in your area' section, so it works without JavaScript."""

from django import template

from campaigns.figures.finder import MAX_QUERY_LENGTH, finder_examples
from campaigns.figures.pages import RestraintFiguresPage

register = template.Library()


@register.inclusion_tag("figures/_area_finder.html", takes_context=True)
def area_finder(context, campaign):
    """The box, when the campaign has a published, public section (CampaignPage.public_children: no query more)."""
    section = campaign.child_of_type(RestraintFiguresPage) if campaign else None
    return {
        "request": context.get("request"),
        "section": section,
        "max_query_length": MAX_QUERY_LENGTH,
        # A town and a code that find something in the figures loaded: one query, only where the box shows.
        "examples": finder_examples() if section else ("", ""),
    }
