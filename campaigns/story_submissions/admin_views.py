"""The campaigns team's list of stories sent in: consents, naming, the draft, and (with the permission) the sender."""

from django.urls import reverse
from django.utils.html import format_html
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from campaigns.story_submissions.models import SentStory, StorySender

SEE_SENDERS = "story_submissions.see_story_senders"
SENDER_FIELDS = {"sender_name": "Sender's name", "sender_email": "Sender's email address"}


def can_see_senders(user):
    return user.has_perm(SEE_SENDERS)


INSPECT_FIELDS = [
    "page",
    "sent_at",
    "role",
    "region",
    "provider_named",
    "naming",
    "consent_to_publish",
    "consent_to_contact",
    "outcome",
    "decided_at",
    "sender_erased_at",
]


class SentStoryInspectView(InspectView):
    def get_fields(self):
        fields = super().get_fields()
        if can_see_senders(self.request.user):
            return [*fields, *SENDER_FIELDS]
        return fields

    def get_field_label(self, field_name, field):
        return SENDER_FIELDS.get(field_name) or super().get_field_label(field_name, field)

    def _sender(self):
        try:
            return self.object.sender
        except StorySender.DoesNotExist:
            return None

    def get_sender_name_display_value(self):
        sender = self._sender()
        return sender.name if sender else "Erased"

    def get_sender_email_display_value(self):
        sender = self._sender()
        return sender.email if sender else "Erased"

    def get_page_display_value(self):
        if self.object.page_id is None:
            return "Deleted"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("wagtailadmin_pages:edit", args=[self.object.page_id]),
            self.object.page.title,
        )

    def get_provider_named_display_value(self):
        return self.object.provider_named or "None given"

    def get_consent_to_publish_display_value(self):
        return "Yes" if self.object.consent_to_publish else "No"

    def get_consent_to_contact_display_value(self):
        return "Yes" if self.object.consent_to_contact else "No: do not contact them about it"

    def get_decided_at_display_value(self):
        return self.object.decided_at or "Not yet"

    def get_sender_erased_at_display_value(self):
        return self.object.sender_erased_at or "Not yet"


class ViewOnly(ModelPermissionPolicy):
    """Stories sent in are made by the form, decided by publishing or declining the draft, and erased by the
    daily job: in the admin they are only looked at, even by an administrator."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")


class SentStoryIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("page")


class SentStoryViewSet(ModelViewSet):
    model = SentStory
    name = "sent_stories"
    icon = "doc-full"
    menu_label = "Stories sent in"
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = SentStoryIndexView
    inspect_view_class = SentStoryInspectView
    inspect_view_enabled = True
    inspect_view_fields = INSPECT_FIELDS
    copy_view_enabled = False
    form_fields = []
    list_display = [
        "title",
        "sent_at",
        Column("role", label="Who they are", accessor="get_role_display"),
        Column("outcome", label="Status", accessor="get_outcome_display"),
        BooleanColumn("consent_to_publish", label="May publish"),
        BooleanColumn("consent_to_contact", label="May contact"),
    ]
    list_filter = ["outcome", "region"]
    ordering = ["-sent_at"]

    @property
    def permission_policy(self):
        return ViewOnly(self.model)
