import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Rendered files, job results and e-mails go to this test's own folders."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
