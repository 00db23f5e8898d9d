from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "koers.work"
    label = "work"
    verbose_name = "Werk en vacatures"
    default_auto_field = "django.db.models.BigAutoField"
