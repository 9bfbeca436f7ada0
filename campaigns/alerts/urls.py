from django.urls import path

from campaigns.alerts import views

app_name = "figure_alerts"

urlpatterns = [
    path("sign-up/", views.sign_up, name="sign_up"),
    path("check-your-email/", views.check_your_email, name="check_your_email"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("unsubscribed/", views.unsubscribed, name="unsubscribed"),
]
