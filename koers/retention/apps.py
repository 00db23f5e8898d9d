from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "koers.retention"
    label = "retention"
    verbose_name = "Bewaren en vernietigen"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from koers.retention import signals  # noqa: F401  (connects the receivers)
