"""{% place_among_providers provider figures as place %}: a provider's place among those of its kind (1 query)."""

from django import template

from campaigns.figures.comparison import place_among_providers as place_for

register = template.Library()


@register.simple_tag
def place_among_providers(provider, figures):
    return place_for(provider, figures)
