from wagtail import hooks
from wagtail.snippets.models import register_snippet

from campaigns.orders.admin_views import MarkDispatchedBulkAction, PrintOrderViewSet

register_snippet(PrintOrderViewSet())
hooks.register("register_bulk_action", MarkDispatchedBulkAction)
