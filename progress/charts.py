"""The dashboard's chart, drawn on the server as SVG (no script, no CDN).

One horizontal bar per lead agency, split by state, plus a bar for the
whole plan; the template draws the rectangles this module measures.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .selectors import STATE_LABELS, STATE_STYLES, STATES, Summary

LABEL_WIDTH = 300
BAR_WIDTH = 420
ROW_HEIGHT = 26
BAR_HEIGHT = 16
TOP = 8


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    colour: str
    count: int
    label: str


@dataclass(frozen=True)
class Bar:
    y: int
    label: str
    total: int
    segments: list[Segment]
    text_y: int


def _bar(label: str, counts, scale_total: int, y: int) -> Bar:
    x = float(LABEL_WIDTH)
    segments = []
    total = sum(counts.get(state, 0) for state in STATES)
    for state in STATES:
        count = counts.get(state, 0)
        if not count:
            continue
        width = BAR_WIDTH * count / scale_total if scale_total else 0
        segments.append(
            Segment(
                x=round(x, 1),
                width=round(width, 1),
                colour=STATE_STYLES[state][1],
                count=count,
                label=str(STATE_LABELS[state]),
            )
        )
        x += width
    return Bar(y=y, label=label, total=total, segments=segments, text_y=y + BAR_HEIGHT - 3)


def dashboard_chart(summary: Summary, *, whole_label: str = "") -> dict:
    """Bars (the plan, then each agency, all on the scale of the largest), and the SVG's size."""
    rows = [(whole_label or _("Toàn kế hoạch"), summary.counts)]
    for row in summary.by_agency:
        name = row.agency.name if row.agency is not None else _("Chưa gắn cơ quan chủ trì")
        rows.append((name if len(name) <= 42 else name[:40] + "…", row.counts))
    scale = max((sum(counts.values()) for _label, counts in rows), default=0)
    bars = [_bar(label, counts, scale, TOP + i * ROW_HEIGHT) for i, (label, counts) in enumerate(rows)]
    return {
        "bars": bars,
        "width": LABEL_WIDTH + BAR_WIDTH + 40,
        "height": TOP * 2 + len(rows) * ROW_HEIGHT,
        "label_x": LABEL_WIDTH - 8,
        "bar_height": BAR_HEIGHT,
        "total_x": LABEL_WIDTH + BAR_WIDTH + 6,
    }
