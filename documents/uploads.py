"""Checking a file a person uploads (a nomination's attachment, a progress
report's file): its extension is one the caller accepts, its size is within
the caller's limit, and its first bytes are what that extension's files
start with — a renamed executable is not a PDF."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

# extension -> (content type to serve it with, the byte strings such files start with)
Allowed = dict[str, tuple[str, tuple[bytes, ...]]]


def check_upload(
    upload: UploadedFile, *, allowed: Allowed, max_bytes: int, type_message: str, code: str
) -> tuple[str, str]:
    """(extension, content type) of an acceptable upload; ValidationError
    otherwise. ``type_message`` names the accepted kinds (with ``%(name)s``
    for the file's name); error codes are ``<code>_type|_size|_content``."""
    name = upload.name or ""
    extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    accepted = allowed.get(extension)
    if accepted is None:
        raise ValidationError(type_message % {"name": name}, code=f"{code}_type")
    if upload.size > max_bytes:
        raise ValidationError(
            _("Tệp «%(name)s» quá lớn: tối đa %(mb)d MB.") % {"name": name, "mb": max_bytes // 2**20},
            code=f"{code}_size",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    content_type, magics = accepted
    if not any(head.startswith(magic) for magic in magics):
        raise ValidationError(
            _("Nội dung tệp «%(name)s» không khớp với phần mở rộng %(ext)s.")
            % {"name": name, "ext": extension},
            code=f"{code}_content",
        )
    return extension, content_type
