"""Django's Redis cache, tolerant of a Redis that is down.

The cache only ever holds what can be recomputed (rate-limit counters,
memoised values). When Redis does not answer, a read is a miss and a write
is dropped, so pages keep working; the settings' short socket timeouts make
that quick. Celery's broker has its own handling (documents.jobs).
"""

from __future__ import annotations

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

_DOWN = (RedisConnectionError, RedisTimeoutError, OSError)


def _down(operation: str) -> None:
    logger.warning("cache %s skipped: Redis unavailable", operation)


class TolerantRedisCache(RedisCache):
    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except _DOWN:
            _down("get")
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except _DOWN:
            _down("get_many")
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except _DOWN:
            _down("has_key")
            return False

    def add(self, *args, **kwargs):
        try:
            return super().add(*args, **kwargs)
        except _DOWN:
            _down("add")
            return False

    def set(self, *args, **kwargs):
        try:
            return super().set(*args, **kwargs)
        except _DOWN:
            _down("set")
            return None

    def set_many(self, *args, **kwargs):
        try:
            return super().set_many(*args, **kwargs)
        except _DOWN:
            _down("set_many")
            return []

    def touch(self, *args, **kwargs):
        try:
            return super().touch(*args, **kwargs)
        except _DOWN:
            _down("touch")
            return False

    def delete(self, *args, **kwargs):
        try:
            return super().delete(*args, **kwargs)
        except _DOWN:
            _down("delete")
            return False

    def delete_many(self, *args, **kwargs):
        try:
            return super().delete_many(*args, **kwargs)
        except _DOWN:
            _down("delete_many")
            return None

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except _DOWN:
            _down("incr")
            # What Django raises for a missing key: callers already handle it.
            raise ValueError(f"Key '{key}' not found") from None

    def clear(self):
        try:
            return super().clear()
        except _DOWN:
            _down("clear")
            return False
