from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Khen thưởng")

    def ready(self) -> None:
        from plans import demo_registry, panels
        from plans.context_processors import MenuEntry, register_menu_entry

        from .copying import register as register_copying
        from .demo import describe_demo
        from .documents import register_printables
        from .models import Campaign
        from .review import register_workflow

        register_printables()
        register_workflow()
        register_copying()
        demo_registry.register("awards", describe_demo, order=50)
        register_menu_entry(MenuEntry(_("Khen thưởng"), "awards:list", "award", "awards.view", position=40))
        panels.register(
            panels.Panel(
                key="awards",
                label=_("Khen thưởng"),
                url_name="awards:plan",
                icon="award",
                counted=Campaign.objects.all,
                order=30,
            )
        )
