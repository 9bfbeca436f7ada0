from wagtail import hooks

from guides.review_dates import add_review_panel, admin_urls, report_menu_item

hooks.register("construct_homepage_panels", add_review_panel)
hooks.register("register_admin_urls", admin_urls)
hooks.register("register_reports_menu_item", report_menu_item)
