from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "progress"
    verbose_name = _("Tiến độ thực hiện")

    def ready(self) -> None:
        from .registrations import register_all

        register_all()
