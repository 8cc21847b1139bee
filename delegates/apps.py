from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DelegatesConfig(AppConfig):
    name = "delegates"
    verbose_name = _("Đại biểu")

    def ready(self) -> None:
        from plans import demo_registry
        from plans.context_processors import MenuEntry, register_menu_entry

        from .copying import register as register_copying
        from .demo import describe_demo
        from .documents import register_printables
        from .jobs import register_jobs
        from .review import register_workflow
        from .sent import register_sent_source

        register_printables()
        register_jobs()
        register_sent_source()
        register_workflow()
        register_copying()
        # After the events and programmes (agenda, order 20).
        demo_registry.register("delegates", describe_demo, order=30)
        register_menu_entry(
            MenuEntry(
                pgettext_lazy("menu", "Đăng ký đại biểu"),
                "delegates:index",
                "people",
                "registration.view",
                position=30,
            )
        )
        register_menu_entry(
            MenuEntry(
                pgettext_lazy("menu", "Đăng ký đại biểu"),
                "delegates:mine",
                "people",
                "registration.register",
                position=31,
            )
        )
