from wagtail import hooks

from mindsite.mail_admin import add_stuck_mail_panel, admin_urls
from mindsite.rich_text import PrefetchedPageLinkHandler

hooks.register("construct_homepage_panels", add_stuck_mail_panel)
hooks.register("register_admin_urls", admin_urls)


# After Wagtail's own registration (order 0), so ours is the page link handler in use.
@hooks.register("register_rich_text_features", order=10)
def register_prefetched_page_links(features):
    features.register_link_type(PrefetchedPageLinkHandler)
