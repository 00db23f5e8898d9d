from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "koers.outbox"
    verbose_name = "Uitgaande e-mail"
