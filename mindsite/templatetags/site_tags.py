from django import template
from wagtail.models import Page

register = template.Library()


@register.simple_tag
def breadcrumbs(page):
    """The pages above this one, from the home page down: one query."""
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    crumbs = list(page.get_ancestors().filter(depth__gte=2))
    for crumb in crumbs:
        crumb.is_root = crumb.depth == 2
    return crumbs
