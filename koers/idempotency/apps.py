from django.apps import AppConfig


class IdempotencyConfig(AppConfig):
    name = "koers.idempotency"
    verbose_name = "Eenmalige verzoeken"
