from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "koers.plans"
    verbose_name = "Plannen"
