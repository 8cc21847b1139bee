"""What the progress app adds to the registries of the layers below it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def register_all() -> None:
    from plans import demo_registry, panels
    from plans.context_processors import MenuEntry, register_menu_entry

    from .demo import load_demo
    from .documents import register_printables
    from .review import register_workflow

    register_printables()
    register_workflow()
    demo_registry.register("progress", load_demo, order=60)
    register_menu_entry(MenuEntry(_("Tiến độ"), "progress:index", "graph-up", "progress.view", position=45))
    register_menu_entry(
        MenuEntry(
            _("Nhiệm vụ của đơn vị"), "progress:agency_tasks", "list-check", "progress.report", position=46
        )
    )
    panels.register(
        panels.Panel(
            key="progress",
            label=_("Tiến độ thực hiện"),
            url_name="progress:dashboard",
            icon="graph-up",
            order=40,
        )
    )
