from wagtail import hooks
from wagtail.snippets.models import register_snippet

from campaigns.orders.admin_views import (
    MarkDispatchedBulkAction,
    PrintOrderViewSet,
    register_log_actions,
)
from campaigns.orders.dashboard import add_print_orders_panel
from campaigns.orders.delivery import failed_mail_advice

register_snippet(PrintOrderViewSet())
hooks.register("register_bulk_action", MarkDispatchedBulkAction)
hooks.register("register_log_actions", register_log_actions)
hooks.register("describe_failed_mail", failed_mail_advice)
hooks.register("construct_homepage_panels", add_print_orders_panel)
