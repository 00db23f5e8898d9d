from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "koers.notifications"
    verbose_name = "Meldingen aan jongeren"
