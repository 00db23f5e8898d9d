from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "koers.messaging"
    verbose_name = "Berichten"
