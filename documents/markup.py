"""The small, safe markup users write in plans.

One line is one paragraph; a line starting with "- " or "+ " is a bullet of
the first or second level (printed as written, as Vietnamese documents do);
``**bold**`` and ``*italic*`` mark runs. Nothing else has meaning: any HTML a
user types is escaped and printed literally.

The parser produces a small tree (paragraphs of runs) so that the same text
can be rendered to HTML for WeasyPrint and to Word.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_INLINE = re.compile(r"\*\*(?P<bold>.+?)\*\*|\*(?P<italic>[^*\s](?:[^*]*[^*\s])?)\*")
# Characters that change text direction or hide text: never printed.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Paragraph:
    kind: str  # "text", "dash" ("- …") or "plus" ("+ …")
    runs: list[Run] = field(default_factory=list)

    @property
    def plain(self) -> str:
        return "".join(run.text for run in self.runs)


def clean_text(text: str | None) -> str:
    """NFC-normalise, drop invisible/bidi controls, unify line ends."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_inline(text: str) -> list[Run]:
    runs: list[Run] = []
    pos = 0
    for match in _INLINE.finditer(text):
        if match.start() > pos:
            runs.append(Run(text[pos : match.start()]))
        if match.group("bold") is not None:
            inner = match.group("bold")
            # *italic* inside **bold**
            for run in parse_inline(inner):
                runs.append(Run(run.text, bold=True, italic=run.italic))
        else:
            runs.append(Run(match.group("italic"), italic=True))
        pos = match.end()
    if pos < len(text):
        runs.append(Run(text[pos:]))
    return runs


def parse(text: str | None) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    for raw in clean_text(text).split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        kind = "text"
        if line.startswith("- ") or line == "-":
            kind = "dash"
        elif line.startswith("+ ") or line == "+":
            kind = "plus"
        paragraphs.append(Paragraph(kind=kind, runs=parse_inline(line)))
    return paragraphs


def runs_to_html(runs: list[Run]) -> str:
    parts = []
    for run in runs:
        html = escape(run.text)
        if run.italic:
            html = f"<em>{html}</em>"
        if run.bold:
            html = f"<strong>{html}</strong>"
        parts.append(html)
    return "".join(parts)


def inline_html(text: str | None) -> SafeString:
    """One line of markup (no paragraphs) as safe HTML."""
    return mark_safe(runs_to_html(parse_inline(" ".join(clean_text(text).split()))))  # noqa: S308


def to_html(
    text: str | None, *, css_class: str = "p", ensure_end: str = "", lead: SafeString | str = ""
) -> SafeString:
    """Paragraphs as ``<p class="p dash">`` elements, every character escaped.

    ``ensure_end`` (e.g. "./.") is appended to the last paragraph unless it
    already ends with it; a final "." is replaced rather than doubled.
    ``lead`` (a number label such as "1. " or "<strong>Điều 1.</strong> ")
    starts the first paragraph; plain strings are escaped, SafeStrings not.
    """
    paragraphs = parse(text)
    if ensure_end and paragraphs:
        last = paragraphs[-1]
        plain = last.plain.rstrip()
        if not plain.endswith(ensure_end):
            tail = last.runs[-1]
            stripped = tail.text.rstrip()
            if ensure_end.startswith(".") and stripped.endswith("."):
                stripped = stripped[:-1]
            last.runs[-1] = Run(stripped + ensure_end, tail.bold, tail.italic)
    lead_html = lead if isinstance(lead, SafeString) else escape(lead)
    if lead_html and not paragraphs:
        paragraphs = [Paragraph(kind="text")]
    html = []
    for index, paragraph in enumerate(paragraphs):
        classes = css_class if paragraph.kind == "text" else f"{css_class} {paragraph.kind}"
        content = runs_to_html(paragraph.runs)
        if index == 0 and lead_html:
            content = lead_html + content
        html.append(f'<p class="{classes}">{content}</p>')
    return mark_safe("\n".join(html))  # noqa: S308


def ends_with(text: str | None, ending: str) -> bool:
    paragraphs = parse(text)
    return bool(paragraphs) and paragraphs[-1].plain.rstrip().endswith(ending)


_TAIL = re.compile(r"(?P<stop>\.?)(?P<tags>(?:</(?:strong|em)>)*)\s*$")


def append_end_mark(html: str, mark: str = "./.") -> SafeString:
    """Put ``mark`` at the end of the last paragraph of already-rendered HTML
    (a block's), replacing a final "."; after a table, on a line of its own."""
    html = str(html)
    end = html.rfind("</p>")
    if end == -1 or html.rfind("</table>") > end:
        return mark_safe(f'{html}\n<p class="p end-mark">{escape(mark)}</p>')  # noqa: S308
    head = html[:end]
    if re.sub(r"(</(?:strong|em)>)+$", "", head.rstrip()).endswith(escape(mark)):
        return mark_safe(html)  # noqa: S308
    match = _TAIL.search(head)
    head = head[: match.start()] + escape(mark) + match.group("tags")
    return mark_safe(head + html[end:])  # noqa: S308
