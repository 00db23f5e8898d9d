from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "koers.research"
    verbose_name = "Onderzoek"
