from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "koers.insights"
    verbose_name = "Inzicht"
