from django import template
from django.conf import settings
from django.core.cache import cache

from mindsite import fragment_cache

register = template.Library()


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, part):
        self.nodelist = nodelist
        self.part = part

    def render(self, context):
        if self.part == "body":
            key, stored = fragment_cache.body_lookup(context)
        else:
            key = fragment_cache.chrome_key(context, self.part)
            stored = cache.get(key) if key is not None else None
        if key is None:
            return self.nodelist.render(context)
        if stored is not None:
            return stored
        html = self.nodelist.render(context)
        cache.set(key, html, timeout=settings.FRAGMENT_CACHE_SECONDS)
        return html


@register.tag
def cached_fragment(parser, token):
    """{% cached_fragment body %}…{% endcached_fragment %}: kept in the cache (mindsite/fragment_cache.py).

    The part is body (the page's content, per published revision) or header, help_now or footer
    (per menu-and-footer settings version)."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1] not in ("body", "header", "help_now", "footer"):
        raise template.TemplateSyntaxError("{% cached_fragment body|header|help_now|footer %}")
    nodelist = parser.parse(("endcached_fragment",))
    parser.delete_first_token()
    return CachedFragmentNode(nodelist, bits[1])
