from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = _("Chương trình")

    def ready(self) -> None:
        from .blocks import register_blocks

        register_blocks()
