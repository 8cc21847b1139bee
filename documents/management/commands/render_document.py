"""Print a document to a PDF or Word file, or list the printable documents.

python manage.py render_document --list
python manage.py render_document plan-12 -o KH-4417-2023.pdf
python manage.py render_document plan-12 -o KH-4417-2023.docx

The format follows the output file's extension (.pdf or .docx).
"""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from documents import docx, printables

FORMATS = {".pdf": "pdf", ".docx": "docx"}


class Command(BaseCommand):
    help = _("In một văn bản ra tệp PDF hoặc Word (.docx), hoặc liệt kê các văn bản có thể in (--list).")

    def add_arguments(self, parser):
        parser.add_argument("document_id", nargs="?", help=_("mã văn bản, ví dụ plan-12"))
        parser.add_argument("-o", "--output", help=_("tệp cần ghi: .pdf hoặc .docx"))
        parser.add_argument("--list", action="store_true", help=_("liệt kê: mã, loại, trích yếu"))

    def handle(self, *args, document_id=None, output=None, list=False, **options):
        if list:
            for printable in printables.all_documents():
                self.stdout.write(f"{printable.id}\t{printable.doc_type}\t{printable.title}")
            return
        if not document_id:
            raise CommandError(_("Cần mã văn bản (ví dụ plan-12) hoặc --list."))
        try:
            printable = printables.get(document_id)
        except printables.UnknownDocument:
            raise CommandError(
                _("Không có văn bản «%(id)s». Xem danh sách bằng --list.") % {"id": document_id}
            ) from None
        target = Path(output or printable.filename)
        kind = FORMATS.get(target.suffix.lower())
        if kind is None:
            raise CommandError(
                _("Không in được ra «%(path)s»: tệp phải có đuôi .pdf hoặc .docx.") % {"path": target}
            )
        started = time.perf_counter()
        data = printable.render_pdf() if kind == "pdf" else docx.printable_docx(printable, cached=False)
        target.write_bytes(data)
        self.stderr.write(
            _("Đã ghi %(path)s (%(size)d byte, %(seconds).2f giây).")
            % {"path": target, "size": len(data), "seconds": time.perf_counter() - started}
        )
