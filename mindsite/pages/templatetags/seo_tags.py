from django import template

from mindsite.pages import seo

register = template.Library()


@register.inclusion_tag("components/page_meta.html", takes_context=True)
def page_meta(context):
    """{% page_meta %} in <head>: canonical link, description, share card tags and Article data (pages/seo.py)."""
    return seo.head_tags(context)
