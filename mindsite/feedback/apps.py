from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """'Is this page useful?': the readers' answers and the editors' report of them."""

    name = "mindsite.feedback"
    verbose_name = "Page feedback"
