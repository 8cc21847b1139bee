from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = _("Chương trình")

    def ready(self) -> None:
        from .blocks import register_blocks
        from .copying import register as register_copying
        from .review import register_review

        register_blocks()
        register_review()
        register_copying()

        from plans import demo_registry

        from .demo import describe_demo

        demo_registry.register("agenda", describe_demo, order=20)
