from django.urls import path

from campaigns import views

app_name = "campaigns"

urlpatterns = [
    path("order-printed-guides/", views.order_form, name="order"),
    path("order-printed-guides/confirmation/", views.order_confirmation, name="order_confirmation"),
]
