from wagtail import hooks
from wagtail.snippets.models import register_snippet

from campaigns.orders.admin_views import (
    MarkDispatchedBulkAction,
    PrintOrderDeleteBulkAction,
    PrintOrderViewSet,
    register_log_actions,
)
from campaigns.orders.delivery import failed_mail_advice

register_snippet(PrintOrderViewSet())
hooks.register("register_bulk_action", MarkDispatchedBulkAction)
# After wagtail.snippets' own bulk delete (order 0), so this one is the one used for orders.
hooks.register("register_bulk_action", PrintOrderDeleteBulkAction, order=1)
hooks.register("register_log_actions", register_log_actions)
hooks.register("describe_failed_mail", failed_mail_advice)
