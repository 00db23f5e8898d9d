from django.urls import path

from koers.web import views

urlpatterns = [
    path("", views.today_view, name="today"),
]
