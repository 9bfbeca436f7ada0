from django.urls import path

from campaigns.story_submissions import views

app_name = "story_submissions"

urlpatterns = [
    path("tell-us-your-story/", views.story_form, name="tell"),
    path("tell-us-your-story/thank-you/", views.story_thanks, name="thanks"),
]
