from django.urls import path

from koers.accounts import views

urlpatterns = [
    path("inloggen/", views.login_view, name="login"),
    path("tweede-stap/", views.second_factor_view, name="second_factor"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("wachtwoord/", views.password_set_view, name="password_set"),
]
