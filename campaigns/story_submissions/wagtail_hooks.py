from wagtail import hooks

from campaigns.story_submissions.admin_views import SentStoryViewSet


@hooks.register("register_admin_viewset")
def register_sent_stories():
    return SentStoryViewSet()
