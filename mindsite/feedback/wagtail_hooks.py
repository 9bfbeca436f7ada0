from wagtail import hooks

from mindsite.feedback import admin_views

# Reports → Page feedback: the answers to "Is this page useful?".
hooks.register("register_admin_urls", admin_views.admin_urls)
hooks.register("register_reports_menu_item", admin_views.report_menu_item)
hooks.register("register_permissions", admin_views.feedback_permissions)
