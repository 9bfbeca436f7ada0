"""The admin's warning about mail that is not getting through."""

from wagtail.admin.ui.components import Component

from mindsite.mail_queue import stuck_messages

# Who is warned: superusers, and whoever may view the mail failures (the Campaigns team).
VIEW_PERMISSION = "mindsite.view_maildeliveryfailure"


class StuckMailPanel(Component):
    name = "stuck_mail"
    order = 50
    template_name = "mindsite/admin/stuck_mail_panel.html"

    def __init__(self, messages):
        self.messages = messages

    def get_context_data(self, parent_context):
        return {"stuck_mail": self.messages}


def add_stuck_mail_panel(request, panels):
    if not (request.user.is_superuser or request.user.has_perm(VIEW_PERMISSION)):
        return
    stuck = stuck_messages()
    if stuck:
        panels.insert(0, StuckMailPanel(stuck))
