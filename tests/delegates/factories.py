"""Factories of the delegates app (kept here so that tests/factories.py stays
the other apps' file)."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from delegates import models
from tests.factories import AgencyFactory, EventFactory


def in_days(days: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


class OpeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.RegistrationOpening

    event = factory.SubFactory(EventFactory)
    title = factory.LazyAttribute(lambda o: f"Đăng ký đại biểu dự {o.event.name}")
    deadline = factory.LazyFunction(lambda: in_days(7))
    capacity = None


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.RegistrationSection

    opening = factory.SubFactory(OpeningFactory)
    position = factory.Sequence(lambda n: n)
    title = "Trong tỉnh"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AgencyRegistration

    opening = factory.SubFactory(OpeningFactory)
    agency = factory.SubFactory(AgencyFactory, email=factory.Sequence(lambda n: f"coquan{n}@example.org"))
    position = factory.Sequence(lambda n: n)
    quota = 3
