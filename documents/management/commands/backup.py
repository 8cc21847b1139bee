"""Back up the database and every stored file into one archive.

python manage.py backup                      # into var/backups/
python manage.py backup -o /srv/backups --keep 14
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from documents import backup


def default_dir() -> Path:
    return Path(getattr(settings, "KEHOACH_BACKUP_DIR", settings.BASE_DIR / "var" / "backups"))


class Command(BaseCommand):
    help = _(
        "Sao lưu cơ sở dữ liệu và mọi tệp đã lưu (văn bản ban hành, bản đã ký, tệp tải lên) vào một tệp .tar."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output-dir", type=Path, help=_("thư mục ghi tệp sao lưu"))
        parser.add_argument(
            "--keep", type=int, default=None, help=_("chỉ giữ N tệp sao lưu mới nhất trong thư mục")
        )

    def handle(self, *args, output_dir=None, keep=None, **options):
        if keep is not None and keep < 1:
            raise CommandError(_("--keep phải từ 1 trở lên."))
        try:
            result = backup.backup_create(output_dir=output_dir or default_dir(), keep=keep)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        manifest = result.manifest
        size = result.path.stat().st_size
        self.stdout.write(
            _(
                "Đã sao lưu vào %(path)s (%(size)s MB): %(rows)s dòng trong %(tables)s bảng, "
                "%(files)s tệp, %(issued)s văn bản đã ban hành."
            )
            % {
                "path": result.path,
                "size": f"{size / 1024 / 1024:.1f}",
                "rows": sum(manifest["counts"].values()),
                "tables": len(manifest["counts"]),
                "files": len(manifest["files"]),
                "issued": len(manifest["issued"]),
            }
        )
        for path in result.removed:
            self.stdout.write(_("Đã xóa bản sao lưu cũ %(path)s.") % {"path": path})
        if result.problems:
            raise CommandError(
                _("Tệp sao lưu đã ghi, nhưng có vấn đề cần xử lý:") + "\n- " + "\n- ".join(result.problems)
            )
