from wagtail import hooks
from wagtail.snippets.models import register_snippet

from campaigns.orders.admin_views import MarkDispatchedBulkAction, PrintOrderViewSet
from campaigns.orders.delivery import failed_mail_advice

register_snippet(PrintOrderViewSet())
hooks.register("register_bulk_action", MarkDispatchedBulkAction)
hooks.register("describe_failed_mail", failed_mail_advice)
