"""Celery application.

Without REDIS_URL the settings make every task run eagerly in the calling
process, so a bare machine needs no broker; with it, Redis is the broker and
the result backend.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("kehoach")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
