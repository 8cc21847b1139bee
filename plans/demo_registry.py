"""Demo data that higher apps add after the plans' own.

``manage.py loaddemo`` lives in ``plans`` and may not import the apps above
it; each of them registers its idempotent ``load_demo()`` here from its
``AppConfig.ready()``, and the command runs them in order after the seed
documents:

    demo_registry.register("agenda", load_demo, order=20)

A loader returns a short Vietnamese line describing what it loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoLoader:
    key: str
    load: Callable[[], str]
    order: int = 100


_registry: dict[str, DemoLoader] = {}


def register(key: str, load: Callable[[], str], *, order: int = 100) -> None:
    _registry[key] = DemoLoader(key=key, load=load, order=order)


def loaders() -> list[DemoLoader]:
    return sorted(_registry.values(), key=lambda loader: (loader.order, loader.key))
