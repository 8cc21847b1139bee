import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Rendered files, job results and e-mails go to this test's own folders."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def eager(settings):
    """The embedded default: tasks run in process, also in the PostgreSQL +
    Redis run (the real Celery app is configured so, then restored)."""
    from config.celery import app

    # Read first: the app loads its configuration from the settings on first use.
    before = (app.conf.task_always_eager, app.conf.task_eager_propagates)
    settings.CELERY_TASK_ALWAYS_EAGER = True
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = before
