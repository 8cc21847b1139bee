"""Structured parts that higher apps contribute to printed documents.

A plan's section can hold a block (the task table, the assignments, a
conference's participants, its programme …). The block's owner registers it
here from its ``AppConfig.ready()``, so that the lower layers never import
the higher ones: ``plans`` prints a programme without importing ``agenda``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class Block:
    key: str
    label: str | Promise
    template: str
    # (document) -> context for the template; must not do per-row queries.
    build: Callable[[Any], dict]
    # True where the block may also stand as a phụ lục of its own.
    appendix: bool = False
    # Landscape page when printed as a phụ lục.
    landscape: bool = False


_registry: dict[str, Block] = {}


def register(block: Block) -> Block:
    if block.key in _registry and _registry[block.key] != block:
        raise ValueError(f"document block {block.key!r} registered twice")
    _registry[block.key] = block
    return block


def get(key: str) -> Block | None:
    return _registry.get(key)


def choices(*, appendix: bool = False) -> list[tuple[str, str]]:
    return [(block.key, str(block.label)) for block in _registry.values() if not appendix or block.appendix]


def render_context(key: str, document: Any) -> dict | None:
    """The template name and context of a block, or None if it is unknown."""
    block = get(key)
    if block is None:
        return None
    return {"key": key, "template": block.template, "context": block.build(document)}
