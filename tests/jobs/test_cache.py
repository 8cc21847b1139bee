"""The render cache: a document is named by what it is made of; a repeat
download is read from storage without laying it out again."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from documents import cache, renderer
from plans import services
from plans.documents import plan_printable, plan_queryset
from plans.permissions import Role
from tests.factories import PlanFactory, SectionFactory, TaskFactory

pytestmark = pytest.mark.django_db


def _printable(plan):
    return plan_printable(plan_queryset().get(pk=plan.pk))


def _key(printable):
    return cache.key_for(
        printable.template,
        printable.context,
        title=printable.title,
        author=printable.author,
        document_date=printable.document_date,
    )


def _plan_with_task():
    plan = PlanFactory()
    SectionFactory(plan=plan, heading="Nhiệm vụ", block="plan.tasks")
    task = TaskFactory(plan=plan, description="Xây dựng báo cáo tổng kết", time_frame="Tháng 5/2024")
    return plan, task


def test_same_document_same_name_and_no_second_render():
    plan, _task = _plan_with_task()
    first = _printable(plan)
    key = _key(first)
    before = renderer.render_count()
    data = first.pdf()
    assert renderer.render_count() == before + 1
    assert default_storage.exists(cache.storage_name(key, "pdf"))

    again = _printable(plan)
    assert _key(again) == key
    assert again.is_pdf_cached() is True
    assert again.pdf() == data
    assert renderer.render_count() == before + 1


def test_a_changed_task_gives_a_new_name():
    plan, task = _plan_with_task()
    key = _key(_printable(plan))
    _printable(plan).pdf()
    services.task_update(task=task, data={"description": "Xây dựng báo cáo sơ kết"})
    changed = _printable(plan)
    assert _key(changed) != key
    assert changed.is_pdf_cached() is False
    before = renderer.render_count()
    changed.pdf()
    assert renderer.render_count() == before + 1


def test_the_same_input_renders_the_same_bytes():
    plan, _task = _plan_with_task()
    printable = _printable(plan)
    assert printable.render_pdf() == printable.render_pdf()


def test_the_template_sources_are_part_of_the_name():
    names = {path.name for path in cache._template_files("documents/plan.html")}
    # The root, what it includes by name, and the blocks included by a name in the context.
    assert {"plan.html", "base.html", "_header.html", "_sections.html", "tasks.html"} <= names


def test_a_context_without_a_canonical_form_is_rendered_every_time():
    with pytest.raises(cache.Uncacheable):
        cache.canonical({"value": object()})


def test_the_pdf_view_serves_the_cached_file(client_for):
    plan, _task = _plan_with_task()
    client = client_for(Role.STAFF)
    url = f"/ke-hoach/{plan.pk}/pdf/"
    before = renderer.render_count()
    first = client.get(url)
    assert first.status_code == 200
    assert renderer.render_count() == before + 1
    second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content
    assert renderer.render_count() == before + 1


def test_old_rendered_files_are_pruned(settings):
    import os
    import time

    old = cache.storage_name("a" * 64, "pdf")
    new = cache.storage_name("b" * 64, "pdf")
    for name in (old, new):
        default_storage.save(name, ContentFile(b"%PDF-"))
    stamp = time.time() - 40 * 86400
    os.utime(default_storage.path(old), (stamp, stamp))
    assert cache.prune(older_than_days=30) == 1
    assert (default_storage.exists(old), default_storage.exists(new)) == (False, True)
