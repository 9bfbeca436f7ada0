from django.urls import path

from mindsite.feedback import views

app_name = "page_feedback"

urlpatterns = [
    path("<int:page_id>/", views.answer, name="answer"),
    path("<int:page_id>/thanks/", views.thanks, name="thanks"),
    path("<int:page_id>/what-was-wrong/", views.comment, name="comment"),
]
