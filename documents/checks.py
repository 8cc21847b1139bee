from django.core import checks

from .fonts import REQUIRED_PACKAGES, missing_faces


@checks.register(checks.Tags.compatibility)
def fonts_present(app_configs, **kwargs):
    missing = missing_faces()
    if not missing:
        return []
    faces = ", ".join(f"{weight}/{style}" for weight, style in missing)
    return [
        checks.Error(
            f"Font files for printed documents are missing ({faces}).",
            hint="Install Debian's packages: apt-get install " + " ".join(REQUIRED_PACKAGES),
            id="documents.E001",
        )
    ]
