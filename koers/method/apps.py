from django.apps import AppConfig


class MethodConfig(AppConfig):
    name = "koers.method"
    verbose_name = "Werkwijze"
