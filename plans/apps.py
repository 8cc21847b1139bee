from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Kế hoạch")

    def ready(self) -> None:
        from . import blocks  # noqa: F401  (registers the plan's own document blocks)
        from .documents import register_printables
        from .jobs import register_jobs
        from .review import register_workflow

        register_printables()
        register_jobs()
        register_workflow()
