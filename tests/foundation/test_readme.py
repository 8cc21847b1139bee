"""The README's permission matrix is the one in plans.permissions."""

from __future__ import annotations

from plans.permissions import ACTIONS, Role

from .procs import ROOT

MARKER = "<!-- permission-matrix:"


def expected_table() -> list[str]:
    roles = list(Role)
    lines = [
        "| action | " + " | ".join(role.value for role in roles) + " |",
        "|---|" + "---|" * len(roles),
    ]
    for action, allowed in ACTIONS.items():
        cells = " | ".join("✓" if role in allowed else "" for role in roles)
        lines.append(f"| `{action}` | {cells} |")
    return lines


def test_readme_lists_the_permission_matrix():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    after = text.split(MARKER, 1)[1].splitlines()[1:]
    table = []
    for line in after:
        if not line.startswith("|"):
            break
        table.append(line.rstrip())
    expected = expected_table()
    assert table == expected, "README.md, ## Permissions: replace the table with\n" + "\n".join(expected)
