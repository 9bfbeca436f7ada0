from wagtail import hooks

from mindsite.pages.rich_text import PrefetchedPageLinkHandler


# After Wagtail's own registration (order 0), so ours is the page link handler in use.
@hooks.register("register_rich_text_features", order=10)
def register_prefetched_page_links(features):
    features.register_link_type(PrefetchedPageLinkHandler)
