"""Restore an archive written by ``backup`` into this installation.

python manage.py restore var/backups/kehoach-20260501-020000.tar
python manage.py restore ARCHIVE --force     # overwrite a database that holds data
python manage.py restore ARCHIVE --check     # only verify the archive
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from documents import backup


class Command(BaseCommand):
    help = _("Khôi phục cơ sở dữ liệu và các tệp từ một tệp sao lưu, rồi kiểm tra lại theo bản kê.")

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help=_("tệp sao lưu .tar"))
        parser.add_argument(
            "--force", action="store_true", help=_("ghi đè cả khi cơ sở dữ liệu đích đang có dữ liệu")
        )
        parser.add_argument(
            "--check", action="store_true", help=_("chỉ kiểm tra tệp sao lưu, không khôi phục")
        )

    def handle(self, *args, archive: Path, force=False, check=False, **options):
        if not archive.is_file():
            raise CommandError(_("Không có tệp %(path)s.") % {"path": archive})
        try:
            if check:
                manifest = backup.read_manifest(archive)
                backup.check_archive(archive, manifest)
                self.stdout.write(
                    _(
                        "Tệp sao lưu nguyên vẹn: %(db)s, %(files)s tệp, "
                        "tạo lúc %(at)s (phiên bản %(version)s)."
                    )
                    % {
                        "db": manifest["database"]["vendor"],
                        "files": len(manifest["files"]),
                        "at": manifest["created_at"],
                        "version": manifest["app_version"],
                    }
                )
                return
            result = backup.restore_archive(archive_path=archive, force=force)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        manifest = result.manifest
        self.stdout.write(
            _(
                "Đã khôi phục bản sao lưu lúc %(at)s (phiên bản %(version)s): %(rows)s dòng trong "
                "%(tables)s bảng khớp bản kê, %(files)s tệp được ghi, %(issued)s văn bản đã ban hành "
                "khớp SHA-256."
            )
            % {
                "at": manifest["created_at"],
                "version": manifest["app_version"],
                "rows": result.rows,
                "tables": result.tables,
                "files": result.files,
                "issued": result.issued,
            }
        )
        if result.pending_migrations:
            self.stdout.write(
                _("Còn %(n)s bước cập nhật cấu trúc dữ liệu: chạy «python manage.py migrate».")
                % {"n": result.pending_migrations}
            )
