import copy

from django import template
from wagtail.models import Page

from mindsite.pages import view_restrictions

register = template.Library()


@register.filter
def is_public(page):
    """{% if story|is_public %}: published, and not behind a password, sign-in or group."""
    return view_restrictions.is_public(page)


@register.simple_tag(takes_context=True)
def link_href(context, link):
    """A link block's address. A page's is worked out with the request, as {% pageurl %} does, so
    Wagtail reads the site root paths once a request rather than from the cache at every link."""
    page = link.get("page")
    return page.get_url(context.get("request")) if page else link.get("url")


@register.simple_tag(takes_context=True)
def shows_exit_this_page(context):
    """Whether a page offers "Exit this page": a page as its editors set it; a view that is not a page
    (the finder's search, the order form, search, a 404) unless it says otherwise, since a reader may
    arrive upset anywhere and no editor is there to switch it on."""
    page = context.get("page")
    if isinstance(page, Page):
        return getattr(page, "show_exit_button", True)
    return context.get("show_exit_button", True) is not False


@register.filter
def may_be_transparent(image):
    """{% if image|may_be_transparent %}: a PNG or GIF upload, whose fallback <img> stays PNG (a JPEG has
    no transparency, so a logo or drawing would lose its clear background); photos' fallback is JPEG."""
    return image.filename.lower().endswith((".png", ".gif"))


@register.simple_tag
def breadcrumbs(page):
    """The pages above this one, from the home page down: none or one query."""
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    known = getattr(page, "known_ancestors", None)
    ancestors = known() if known else None
    if ancestors is not None:
        # Routing fetched them (mindsite/pages/routing.py): copies, so marking one changes nothing else.
        crumbs = [copy.copy(crumb) for crumb in ancestors if crumb.depth >= 2]
    else:
        crumbs = list(page.get_ancestors().filter(depth__gte=2))
    for crumb in crumbs:
        crumb.is_root = crumb.depth == 2
    return crumbs
