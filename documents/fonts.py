"""The fonts printed documents use, loaded from known files.

ND30 asks for Times New Roman. Liberation Serif 2.x (Debian's
fonts-liberation2) and Tinos (fonts-croscore) share its metrics and cover
every Vietnamese letter; Liberation 1.x does not, so we never leave the
choice to fontconfig. Documents use the family name below, defined by
@font-face rules that point at these files.
"""

from pathlib import Path

FAMILY = "KH Times"

_CANDIDATES = {
    # (weight, style): files in order of preference
    ("normal", "normal"): [
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/truetype/croscore/Tinos-Regular.ttf",
    ],
    ("bold", "normal"): [
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf",
        "/usr/share/fonts/truetype/croscore/Tinos-Bold.ttf",
    ],
    ("normal", "italic"): [
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf",
        "/usr/share/fonts/truetype/croscore/Tinos-Italic.ttf",
    ],
    ("bold", "italic"): [
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-BoldItalic.ttf",
        "/usr/share/fonts/truetype/croscore/Tinos-BoldItalic.ttf",
    ],
}

REQUIRED_PACKAGES = ("fonts-liberation2", "fonts-croscore")


def font_files() -> dict[tuple[str, str], Path | None]:
    """The file used for each face, or None where no candidate exists."""
    found: dict[tuple[str, str], Path | None] = {}
    for face, paths in _CANDIDATES.items():
        found[face] = next((Path(p) for p in paths if Path(p).is_file()), None)
    return found


def missing_faces() -> list[tuple[str, str]]:
    return [face for face, path in font_files().items() if path is None]
