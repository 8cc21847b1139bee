from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferencesConfig(AppConfig):
    name = "conferences"
    verbose_name = _("Hội nghị, đoàn công tác")

    def ready(self) -> None:
        from plans import panels

        from .blocks import register_blocks
        from .copying import register as register_copying
        from .models import Event
        from .review import register_review

        register_blocks()
        register_review()
        register_copying()
        panels.register(
            panels.Panel(
                key="events",
                label=_("Hội nghị, đoàn công tác"),
                url_name="conferences:list",
                icon="people",
                counted=Event.objects.all,
                template="conferences/panel.html",
                order=10,
            )
        )
