from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "koers.contacts"
    verbose_name = "Contacten, gesprekken en afspraken"
