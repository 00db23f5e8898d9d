from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "koers.impact"
    label = "impact"
    verbose_name = "Effecten"
    default_auto_field = "django.db.models.BigAutoField"
