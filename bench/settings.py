"""Settings of the benchmark's server: the project's, plus a trivial view."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
