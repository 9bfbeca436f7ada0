from wagtail import hooks

from guides.models import GuidePage
from guides.review_dates import add_review_panel, admin_urls, report_menu_item
from guides.review_workflow import put_under_guide_review

hooks.register("construct_homepage_panels", add_review_panel)
hooks.register("register_admin_urls", admin_urls)
hooks.register("register_reports_menu_item", report_menu_item)


@hooks.register("after_create_page")
def new_guides_are_reviewed(request, page):
    if isinstance(page, GuidePage):
        put_under_guide_review(page)
