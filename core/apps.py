from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Accounts, audit and shared primitives"

    def ready(self) -> None:
        from core import checks  # noqa: F401 - registers the configuration checks
