"""Bulk actions that show nothing to people who may not carry them out."""

from django.core.exceptions import PermissionDenied
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction


class PermittedSnippetDeleteBulkAction(DeleteBulkAction):
    """Wagtail's "Delete" for selected snippets, refused before its confirmation page to anyone
    who may not delete that kind of snippet.

    Wagtail's own page lists every selected item, even to someone who may not delete them, so
    an editor could read print order references (or any snippet's titles) by putting ids in the
    address.
    """

    def dispatch(self, request, *args, **kwargs):
        if not self.model.snippet_viewset.permission_policy.user_has_permission(request.user, "delete"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
