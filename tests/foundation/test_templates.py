"""Page templates stay ready for a strict Content Security Policy: no inline
scripts, no inline event handlers, no htmx attributes that evaluate code."""

from __future__ import annotations

import re

import pytest

from .procs import ROOT

TEMPLATES = sorted(p for p in (ROOT / "templates").rglob("*.html"))
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
HTMX_EVAL = re.compile(r"\bhx-on\b|\bhx-on:|\bhx-on::|js:", re.IGNORECASE)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT / "templates")))
def test_no_inline_code(path):
    text = path.read_text(encoding="utf-8")
    problems = [
        f"{kind}: {match.group(0).strip()}"
        for kind, pattern in [
            ("inline <script>", INLINE_SCRIPT),
            ("event handler", EVENT_HANDLER),
            ("htmx code", HTMX_EVAL),
        ]
        for match in pattern.finditer(text)
    ]
    assert problems == [], "move the code to static/js/ (a strict CSP will forbid it)"
