"""``manage.py loaddemo``: the agencies directory, role groups, one demo
user per role, the three seed documents, then the demo data every higher
app registers in ``plans.demo_registry``. Safe to run again: it creates
nothing twice and resets the demo passwords."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from plans import demo, demo_registry
from plans.models import Agency, Profile
from plans.permissions import ROLE_GROUPS, ROLE_LABELS, Role

DEMO_PASSWORD = "kehoach2026"  # noqa: S105  (a published demo login, reset on every run)

# (role, username, agency the user acts for)
DEMO_USERS: tuple[tuple[Role, str, str], ...] = (
    (Role.STAFF, "chuyenvien", ""),
    (Role.LEADER, "lanhdao", ""),
    (Role.CLERK, "vanthu", ""),
    (Role.AGENCY, "daidien", "Sở Tư pháp"),
    (Role.ADMIN, "quantri", ""),
)


def ensure_role_groups() -> dict[Role, Group]:
    return {role: Group.objects.get_or_create(name=name)[0] for role, name in ROLE_GROUPS.items()}


def ensure_demo_users(groups: dict[Role, Group]) -> list[tuple[str, str, str]]:
    """The demo users, with their passwords reset; returns (role label, username, password)."""
    User = get_user_model()
    rows = []
    for role, username, agency_name in DEMO_USERS:
        user, _created = User.objects.get_or_create(username=username)
        user.is_active = True
        user.is_staff = role == Role.ADMIN
        user.is_superuser = role == Role.ADMIN
        user.set_password(DEMO_PASSWORD)
        # Workflow e-mails (submitted, sent back, issued) land in the dev mailbox.
        user.email = user.email or f"{username}@example.org"
        user.save()
        user.groups.set([groups[role]])
        agency = Agency.objects.get(name=agency_name, province=demo.PROVINCE) if agency_name else None
        Profile.objects.update_or_create(user=user, defaults={"agency": agency})
        rows.append((str(ROLE_LABELS[role]), username, DEMO_PASSWORD))
    return rows


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu: danh bạ cơ quan, nhóm quyền, người dùng mẫu và ba văn bản mẫu."

    def add_arguments(self, parser):
        parser.add_argument("--no-users", action="store_true", help="Không tạo người dùng mẫu.")
        parser.add_argument(
            "--seeds-only",
            action="store_true",
            help="Chỉ nạp danh bạ, người dùng và ba văn bản mẫu (không nạp hội nghị, đăng ký, khen thưởng).",
        )
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="Xóa và nạp lại các văn bản mẫu (mọi sửa đổi trên chúng sẽ mất).",
        )

    def handle(self, *args, no_users=False, refresh=False, seeds_only=False, **options):
        with transaction.atomic():
            kinds, agencies = demo.load_agencies()
            groups = ensure_role_groups()
            rows = [] if no_users else ensure_demo_users(groups)
            plans = demo.load_seed_documents(refresh=refresh)
        # Events, programmes, registrations, awards: each app's own demo data.
        extra = [] if seeds_only else [loader.load() for loader in demo_registry.loaders()]

        self.stdout.write(
            _("Danh bạ: %(kinds)d loại cơ quan, %(agencies)d cơ quan, đơn vị.")
            % {"kinds": kinds, "agencies": agencies}
        )
        self.stdout.write(_("Văn bản mẫu: %(count)d kế hoạch.") % {"count": len(plans)})
        for line in extra:
            if line:
                self.stdout.write(line)
        if rows:
            self.stdout.write("")
            self.stdout.write(_format_table((_("Vai trò"), _("Tên đăng nhập"), _("Mật khẩu")), rows))


def _format_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]

    def line(cells) -> str:
        return "  ".join(str(cell).ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(header), rule, *(line(row) for row in rows)])
