from django.urls import path
from wagtail import hooks

from mindsite.accounts.bulk_actions import PermittedSnippetDeleteBulkAction
from mindsite.accounts.second_factor import RecoveryCodesView

# After Wagtail's own (order 0), so this "Delete" replaces its snippet bulk delete for every snippet.
hooks.register("register_bulk_action", PermittedSnippetDeleteBulkAction, order=10)


@hooks.register("register_admin_urls")
def register_recovery_codes_url():
    return [path("2fa/recovery-codes/", RecoveryCodesView.as_view(), name="mindsite_recovery_codes")]
