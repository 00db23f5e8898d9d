from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "koers.agenda"
    verbose_name = "Agenda"
