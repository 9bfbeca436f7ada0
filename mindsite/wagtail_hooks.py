from django.urls import path
from wagtail import hooks

from mindsite.admin_access.bulk_actions import PermittedSnippetDeleteBulkAction
from mindsite.admin_access.second_factor import RecoveryCodesView
from mindsite.demo_content import DEMO_CONTENT_ACTION
from mindsite.mail_admin import add_stuck_mail_panel, admin_urls
from mindsite.page_feedback import admin_views as page_feedback_admin
from mindsite.rich_text import PrefetchedPageLinkHandler

hooks.register("construct_homepage_panels", add_stuck_mail_panel)
hooks.register("register_admin_urls", admin_urls)


# After Wagtail's own registration (order 0), so ours is the page link handler in use.
@hooks.register("register_rich_text_features", order=10)
def register_prefetched_page_links(features):
    features.register_link_type(PrefetchedPageLinkHandler)


# After Wagtail's own (order 0), so this "Delete" replaces its snippet bulk delete for every snippet.
hooks.register("register_bulk_action", PermittedSnippetDeleteBulkAction, order=10)


@hooks.register("register_admin_urls")
def register_recovery_codes_url():
    return [path("2fa/recovery-codes/", RecoveryCodesView.as_view(), name="mindsite_recovery_codes")]


@hooks.register("register_log_actions")
def register_demo_content_log_action(actions):
    # Marks a revision as the demo loader's own, so a later run may bring it up to date.
    actions.register_action(DEMO_CONTENT_ACTION, "Demo text loaded", "Demo text loaded")


# Reports → Page feedback: the answers to "Is this page useful?" (mindsite/page_feedback).
hooks.register("register_admin_urls", page_feedback_admin.admin_urls)
hooks.register("register_reports_menu_item", page_feedback_admin.report_menu_item)
hooks.register("register_permissions", page_feedback_admin.feedback_permissions)
